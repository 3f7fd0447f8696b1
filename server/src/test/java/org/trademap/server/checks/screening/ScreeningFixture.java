package org.trademap.server.checks.screening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.util.unit.DataSize;
import org.trademap.server.testing.TestDatabase;
import org.trademap.server.vault.Vault;
import org.trademap.server.vault.VaultKeys;

/** Lists and screening on one test database, with the events they publish. */
final class ScreeningFixture {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

  final TestDatabase db;
  final List<Object> events = new ArrayList<>();
  final ScreeningLists lists;
  final Screening screening;

  ScreeningFixture(TestDatabase db, ScreeningProperties properties) {
    this.db = db;
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(db.dataSource());
    this.lists =
        new ScreeningLists(db.dataSource(), transactions, properties, this::publish, CLOCK);
    Vault vault = Vault.open(db.dataSource(), VaultKeys.generate(new SecureRandom()), CLOCK);
    this.screening =
        new Screening(
            lists, db.dataSource(), vault, transactions, properties, this::publish, CLOCK);
  }

  private void publish(Object event) {
    events.add(event);
    if (event instanceof ScreeningListChanged) {
      // In the server this runs in the background (ScreeningCases); here at once.
      screening.rescreenAll();
    }
  }

  /** Properties with the given list locations (empty OFAC companions left out). */
  static ScreeningProperties properties(
      String un, String sdn, String alt, String add, String comments) {
    return new ScreeningProperties(
        0.85,
        new ScreeningProperties.Un(un),
        new ScreeningProperties.Ofac(sdn, alt, add, comments),
        false,
        Duration.ofSeconds(10),
        DataSize.ofMegabytes(50));
  }

  /** Properties pointing at the shipped real lists. */
  static ScreeningProperties realLists() {
    Path dir = SanctionsData.directory();
    return properties(
        dir.resolve(SanctionsData.UN).toString(),
        dir.resolve(SanctionsData.SDN).toString(),
        dir.resolve(SanctionsData.ALT).toString(),
        dir.resolve(SanctionsData.ADD).toString(),
        dir.resolve(SanctionsData.COMMENTS).toString());
  }

  static Path write(Path dir, String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

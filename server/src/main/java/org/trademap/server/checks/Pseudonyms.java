package org.trademap.server.checks;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.identity.Base32;

/**
 * The pseudonym each staff member acts under on the ledger ({@code operatorPseudonym} of {@code
 * record-check}): {@code op-} and 16 random base32 characters (80 bits), made on first use and kept
 * in {@code check_staff_pseudonym}, so it is stable for the account but says nothing about the
 * person: not derived from the address, the name or the account id. Only the consortium's database
 * links it to the account.
 */
final class Pseudonyms {
  private final JdbcClient jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  Pseudonyms(DataSource dataSource, Clock clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.clock = clock;
  }

  /** The staff member's pseudonym, made now if they have none yet. */
  String of(UUID staff) {
    Optional<String> known = find(staff);
    if (known.isPresent()) {
      return known.get();
    }
    byte[] bits = new byte[10];
    random.nextBytes(bits);
    String made = "op-" + Base32.encode(bits).toLowerCase(Locale.ROOT);
    jdbc.sql(
            "INSERT INTO check_staff_pseudonym (account_id, pseudonym, created_at) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING")
        .params(staff, made, CheckRepository.timestamp(Instant.now(clock)))
        .update();
    return find(staff).orElseThrow(() -> new IllegalStateException("the pseudonym vanished"));
  }

  /** The staff member's pseudonym, if they have one. */
  Optional<String> find(UUID staff) {
    return jdbc.sql("SELECT pseudonym FROM check_staff_pseudonym WHERE account_id = ?")
        .param(staff)
        .query(String.class)
        .optional();
  }
}

package org.trademap.server.checks.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.kyc.KycFixture;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.documents.DocumentId;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.testing.OnEachDatabase;
import org.trademap.server.testing.TestDatabase;

/**
 * The kept judgments on each database (H2 and PostgreSQL): the sealed reading, the expiry dates the
 * expiry job finds, once per expiry, and erasure.
 */
class JudgmentStoreTest {
  private static final LocalDate TODAY = Zones.TODAY;
  private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

  @TempDir Path documents;

  /** A store on the database and a person's subject. */
  private final class Kept {
    final KycFixture kyc;
    final JudgmentStore store;
    final Subject subject;

    Kept(TestDatabase db) {
      kyc = new KycFixture(db, documents);
      store = new JudgmentStore(db.dataSource(), kyc.vault);
      subject = kyc.subjects.of(kyc.account(AccountKind.PERSON), AccountKind.PERSON);
    }
  }

  private static StoredReading reading(String expiry) {
    List<String> zone =
        Zones.td3("P", "D", "MUSTERMANN<<ERIKA", "C01X00T47", "D", "640812", 'F', expiry, "");
    return StoredReading.of(
        new JudgmentOutcome.Judged(
            DocumentJudge.judgment(
                DocumentId.random(),
                DocumentKind.PASSPORT_PAGE,
                new MrzReading.Found(
                    zone, 90, MrzReading.Pass.BOTTOM, MrzCorrector.correct(zone, TODAY)),
                new EnteredIdentity("Mustermann", "Erika", LocalDate.of(1964, 8, 12), "DE", null),
                TODAY,
                Duration.ofMillis(900))),
        TODAY);
  }

  @OnEachDatabase
  void keepsTheReadingSealedAndListsEachExpiryOnce(TestDatabase db) {
    Kept kept = new Kept(db);
    KycFixture kyc = kept.kyc;
    JudgmentStore store = kept.store;
    Subject subject = kept.subject;
    LocalDate expiry = LocalDate.of(2031, 1, 31);
    StoredReading reading = reading("310131");

    store.save(subject, reading, expiry, NOW, TODAY);

    assertThat(store.find(subject)).contains(reading);
    assertThat(store.expiredBefore(TODAY)).isEmpty();
    assertThat(store.expiredBefore(expiry.plusDays(1)))
        .containsExactly(new JudgmentStore.Expired(subject.ref(), expiry));
    store.markReopened(subject.ref(), expiry);
    assertThat(store.expiredBefore(expiry.plusDays(1))).isEmpty();
    store.save(subject, reading, expiry, NOW, TODAY);
    assertThat(store.expiredBefore(expiry.plusDays(1))).isEmpty();

    LocalDate renewed = LocalDate.of(2036, 1, 31);
    store.save(subject, reading("360131"), renewed, NOW, TODAY);
    assertThat(store.expiredBefore(renewed.plusDays(1)))
        .containsExactly(new JudgmentStore.Expired(subject.ref(), renewed));

    kyc.vault.shred(subject.id());
    assertThat(store.find(subject)).isEmpty();
  }

  @OnEachDatabase
  void aDocumentExpiredWhenJudgedIsNotListed(TestDatabase db) {
    Kept kept = new Kept(db);
    JudgmentStore store = kept.store;
    Subject subject = kept.subject;
    LocalDate expired = LocalDate.of(2020, 1, 31);

    store.save(subject, reading("200131"), expired, NOW, TODAY);

    assertThat(store.expiredBefore(TODAY)).isEmpty();
    assertThat(store.find(subject).orElseThrow().outcome()).isEqualTo(StoredReading.FOUND);
  }
}

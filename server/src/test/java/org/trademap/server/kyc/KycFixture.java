package org.trademap.server.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.kyc.documents.StoreResult;
import org.trademap.server.kyc.documents.StoredDocuments;
import org.trademap.server.ledgergateway.outbox.Outbox;
import org.trademap.server.onboarding.Validation;
import org.trademap.server.onboarding.documents.DocumentIntake;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.onboarding.documents.DocumentProperties;
import org.trademap.server.onboarding.documents.Fixtures;
import org.trademap.server.onboarding.documents.IntakeResult;
import org.trademap.server.testing.TestDatabase;
import org.trademap.server.vault.Vault;
import org.trademap.server.vault.VaultKeys;

/** The KYC services wired on one test database, as the server wires them. */
public final class KycFixture {
  /** Today for the tests: 2026-03-01 in Zurich. */
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneId.of("Europe/Zurich"));

  public final TestDatabase db;
  public final Subjects subjects;
  public final Vault vault;
  public final Outbox outbox;
  public final Consents consents;
  public final StoredDocuments documents;
  public final KycFiles files;
  public final DataSourceTransactionManager transactions;

  /**
   * @param documents where the documents' sealed files go (a temporary directory)
   */
  public KycFixture(TestDatabase db, Path documents) {
    this.db = db;
    this.transactions = new DataSourceTransactionManager(db.dataSource());
    this.subjects = new Subjects(db.dataSource(), CLOCK);
    this.vault = Vault.open(db.dataSource(), VaultKeys.generate(new SecureRandom()), CLOCK);
    this.outbox = new Outbox(db.dataSource(), CLOCK);
    this.consents = new Consents(db.dataSource(), subjects, transactions, CLOCK);
    this.documents =
        new StoredDocuments(
            db.dataSource(),
            vault,
            new DocumentIntake(DocumentProperties.defaults()),
            documents,
            CLOCK);
    this.files =
        new KycFiles(
            db.dataSource(),
            subjects,
            consents,
            this.documents,
            vault,
            outbox,
            transactions,
            CLOCK);
  }

  /** A new account of this kind (the row the subject refers to). */
  public UUID account(AccountKind kind) {
    return SubjectsTest.account(db.dataSource(), kind);
  }

  /** A person's account that saved the specimen profile. */
  UUID personWithProfile() {
    UUID account = account(AccountKind.PERSON);
    save(account, AccountKind.PERSON, ProfileForm.person(KycForms.anna()));
    return account;
  }

  /**
   * A person's account that can submit: the specimen profile, the required consents and a passport
   * page.
   */
  public UUID readyPerson() {
    UUID account = personWithProfile();
    giveRequiredConsents(account, AccountKind.PERSON);
    upload(account, AccountKind.PERSON, DocumentKind.PASSPORT_PAGE);
    return account;
  }

  /** Stores a document of this kind (a plain test image, or a PDF for a register extract). */
  void upload(UUID account, AccountKind kind, DocumentKind document) {
    byte[] file =
        document == DocumentKind.REGISTER_EXTRACT ? Fixtures.pdf(1) : Fixtures.jpeg(800, 600);
    IntakeResult intake =
        new DocumentIntake(DocumentProperties.defaults()).intake(file, document, "upload", null);
    assertThat(intake).isInstanceOf(IntakeResult.Accepted.class);
    assertThat(
            documents.store(
                subjects.of(account, kind), ((IntakeResult.Accepted) intake).document()))
        .isInstanceOf(StoreResult.Stored.class);
  }

  /** Gives the four consents a submission needs. */
  void giveRequiredConsents(UUID account, AccountKind kind) {
    for (ConsentKind consent : ConsentKind.values()) {
      if (consent.required()) {
        assertThat(consents.give(account, kind, consent.apiName(), consent.currentVersion(), null))
            .isInstanceOf(ConsentResult.Recorded.class);
      }
    }
  }

  /** Saves the form and expects it to be valid. */
  Profile save(UUID account, AccountKind kind, ProfileForm form) {
    Validation<Profile> saved = files.save(account, kind, form);
    assertThat(saved.errors()).isEmpty();
    return ((Validation.Valid<Profile>) saved).value();
  }
}

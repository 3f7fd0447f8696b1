package org.trademap.server.kyc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.ledgergateway.outbox.OutboxEntry;
import org.trademap.server.ledgergateway.outbox.OutboxStatus;
import org.trademap.server.onboarding.BeneficialOwner;
import org.trademap.server.onboarding.FieldError;
import org.trademap.server.onboarding.PersonalData;
import org.trademap.server.onboarding.PersonalForm;
import org.trademap.server.onboarding.ReviewFlag;
import org.trademap.server.onboarding.Validation;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.testing.OnEachDatabase;
import org.trademap.server.testing.TestDatabase;

class KycFilesTest {
  @TempDir Path documents;

  private static final AccountKind PERSON = AccountKind.PERSON;
  private static final AccountKind COMPANY = AccountKind.LEGAL_ENTITY;

  private static String marker() {
    return "Zqmarker" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @OnEachDatabase
  void sealsThePersonAndReadsItBack(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.account(PERSON);
    String surname = marker();

    Profile saved = kyc.save(ann, PERSON, ProfileForm.person(KycForms.person(surname, "Anna")));
    Profile read = kyc.files.profile(ann, PERSON);

    assertThat(saved.revision()).isEqualTo(1);
    assertThat(read.revision()).isEqualTo(1);
    assertThat(read.person()).isNotNull();
    assertThat(personOf(read).surname()).isEqualTo(surname);
    assertThat(personOf(read).email()).isEqualTo("anna.eriksson@example.ch");
    assertThat(read.entity()).isNull();
    assertThat(read.submittedAt()).isNull();
    List<byte[]> sealed =
        JdbcClient.create(db.dataSource())
            .sql("SELECT sealed FROM kyc_file_part")
            .query(byte[].class)
            .list();
    assertThat(sealed).hasSize(1);
    assertThat(contains(sealed.getFirst(), surname.getBytes(UTF_8))).isFalse();
    assertThat(contains(sealed.getFirst(), "Bahnhofstrasse".getBytes(UTF_8))).isFalse();
  }

  @OnEachDatabase
  void savingTheSameDataAgainChangesNothing(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.personWithProfile();

    Profile again = kyc.save(ann, PERSON, ProfileForm.person(KycForms.anna()));

    assertThat(again.revision()).isEqualTo(1);
    assertThat(count(db, "SELECT revision FROM kyc_file_part")).isEqualTo(1);
  }

  @OnEachDatabase
  void refusesInvalidDataWithPrefixedFieldsAndKeepsWhatWasStored(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.personWithProfile();

    Validation<Profile> refused =
        kyc.files.save(
            ann, PERSON, ProfileForm.person(KycForms.person("Eriks\u200Bson", "Anna\u202E")));

    assertThat(refused.errors())
        .extracting(FieldError::field, FieldError::key)
        .containsExactlyInAnyOrder(
            tuple("person.surname", "name.zero-width"),
            tuple("person.givenNames", "name.bidi-control"));
    Profile read = kyc.files.profile(ann, PERSON);
    assertThat(read.revision()).isEqualTo(1);
    assertThat(personOf(read).surname()).isEqualTo("Eriksson");
  }

  @OnEachDatabase
  void refusesAnUnderAgeAccountHolder(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID kid = kyc.account(PERSON);
    PersonalForm form = KycForms.anna();
    PersonalForm young =
        new PersonalForm(
            form.surname(),
            form.givenNames(),
            "2015-01-01",
            form.nationality(),
            form.domicile(),
            form.occupation(),
            form.phone(),
            form.email());

    Validation<Profile> refused = kyc.files.save(kid, PERSON, ProfileForm.person(young));

    assertThat(refused.errors())
        .extracting(FieldError::field, FieldError::key)
        .containsExactly(tuple("person.dateOfBirth", "person.under-age"));
  }

  @OnEachDatabase
  void acceptsLookAlikeNamesFlaggedForReview(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.account(PERSON);
    // "Pаypal" with a Cyrillic а: accepted, but a compliance officer should look at it.
    String lookAlike = "P\u0430ypal";

    Profile saved = kyc.save(ann, PERSON, ProfileForm.person(KycForms.person(lookAlike, "Anna")));

    assertThat(saved.reviewFlags())
        .extracting(ReviewFlag::field, ReviewFlag::reason)
        .containsExactly(tuple("person.surname", ReviewFlag.REASON_MIXED_SCRIPT));
    Profile read = kyc.files.profile(ann, PERSON);
    assertThat(personOf(read).surname()).isEqualTo(lookAlike);
    assertThat(read.reviewFlags()).isEqualTo(saved.reviewFlags());
  }

  @OnEachDatabase
  void storesInjectionStringsLiterally(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.account(PERSON);
    String sql = "O'Brien\"; DROP TABLE kyc_file_part; --";
    String html = "<script>alert('x')</script> ${7*7} =HYPERLINK(\"http://x\")";
    PersonalForm base = KycForms.person(sql, "Anna");
    PersonalForm form =
        new PersonalForm(
            base.surname(),
            base.givenNames(),
            base.dateOfBirth(),
            base.nationality(),
            base.domicile(),
            html,
            base.phone(),
            base.email());

    kyc.save(ann, PERSON, ProfileForm.person(form));

    Profile read = kyc.files.profile(ann, PERSON);
    assertThat(personOf(read).surname()).isEqualTo(sql);
    assertThat(personOf(read).occupation()).isEqualTo(html);
  }

  @OnEachDatabase
  void replacesTheOwnerListAndNeverDuplicatesOwners(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID acme = kyc.account(COMPANY);
    var eva = KycForms.owner("Beispiel", "Eva", "1970-05-05");
    var ole = KycForms.owner("Olsen", "Ole", "1980-02-02");
    kyc.save(acme, COMPANY, KycForms.companyProfile());

    Profile replaced =
        kyc.save(acme, COMPANY, new ProfileForm(null, null, KycForms.formA(eva, ole)));
    Profile reordered =
        kyc.save(acme, COMPANY, new ProfileForm(null, null, KycForms.formA(ole, eva)));
    Profile resubmitted =
        kyc.save(acme, COMPANY, new ProfileForm(null, null, KycForms.formA(eva, ole)));

    assertThat(ownersOf(replaced))
        .extracting(BeneficialOwner::surname)
        .containsExactly("Beispiel", "Olsen");
    assertThat(replaced.revision()).isEqualTo(2);
    assertThat(reordered.revision()).isEqualTo(2);
    assertThat(resubmitted.revision()).isEqualTo(2);
    assertThat(ownersOf(kyc.files.profile(acme, COMPANY))).hasSize(2);
    assertThat(count(db, "SELECT COUNT(*) FROM kyc_file_part WHERE part = 'BENEFICIAL_OWNERS'"))
        .isEqualTo(1);
  }

  @OnEachDatabase
  void refusesToShowOrChangeATamperedPart(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.personWithProfile();
    JdbcClient jdbc = JdbcClient.create(db.dataSource());
    byte[] sealed = jdbc.sql("SELECT sealed FROM kyc_file_part").query(byte[].class).single();
    sealed[sealed.length / 2] ^= 1;
    jdbc.sql("UPDATE kyc_file_part SET sealed = ?").param(sealed).update();

    assertThatThrownBy(() -> kyc.files.profile(ann, PERSON))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageNotContaining("Eriksson")
        .extracting(e -> ((UnreadableFileException) e).reason())
        .isEqualTo(UnreadableFileException.Reason.TAMPERED);
    assertThatThrownBy(
            () -> kyc.files.save(ann, PERSON, ProfileForm.person(KycForms.person("New", "Anna"))))
        .isInstanceOf(UnreadableFileException.class);
    assertThatThrownBy(() -> kyc.files.progress(ann, PERSON))
        .isInstanceOf(UnreadableFileException.class);
  }

  @OnEachDatabase
  void refusesAPartPassedOffAsAnotherRevisionOrPart(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID acme = kyc.account(COMPANY);
    kyc.save(acme, COMPANY, KycForms.companyProfile());
    JdbcClient jdbc = JdbcClient.create(db.dataSource());
    jdbc.sql(
            "UPDATE kyc_file_part SET sealed = (SELECT p.sealed FROM kyc_file_part p WHERE"
                + " p.part = 'ACTING_PERSON') WHERE part = 'ENTITY'")
        .update();

    assertThatThrownBy(() -> kyc.files.profile(acme, COMPANY))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("ENTITY");

    UUID ann = kyc.personWithProfile();
    jdbc.sql("UPDATE kyc_file_part SET revision = 2 WHERE part = 'PERSON'").update();
    assertThatThrownBy(() -> kyc.files.profile(ann, PERSON))
        .isInstanceOf(UnreadableFileException.class);
  }

  @OnEachDatabase
  void anIncompleteSubmissionListsWhatIsMissingAndChangesNothing(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.account(PERSON);
    UUID acme = kyc.account(COMPANY);
    kyc.save(acme, COMPANY, new ProfileForm(null, KycForms.company("Acme AG"), null));
    kyc.consents.give(acme, COMPANY, "terms", "v1", null);
    kyc.upload(acme, COMPANY, DocumentKind.PASSPORT_PAGE);

    assertThat(kyc.files.submit(ann, PERSON))
        .isEqualTo(
            new SubmissionResult.Incomplete(
                List.of(
                    Requirement.PROFILE_PERSON,
                    Requirement.CONSENT_TERMS,
                    Requirement.CONSENT_DATA_PROCESSING,
                    Requirement.CONSENT_VIDEO_IDENTIFICATION,
                    Requirement.CONSENT_AUDIO_RECORDING,
                    Requirement.DOCUMENTS_IDENTITY)));
    assertThat(kyc.files.submit(acme, COMPANY))
        .isEqualTo(
            new SubmissionResult.Incomplete(
                List.of(
                    Requirement.PROFILE_PERSON,
                    Requirement.PROFILE_BENEFICIAL_OWNERS,
                    Requirement.CONSENT_DATA_PROCESSING,
                    Requirement.CONSENT_VIDEO_IDENTIFICATION,
                    Requirement.CONSENT_AUDIO_RECORDING,
                    Requirement.DOCUMENTS_REGISTER_EXTRACT)));
    assertThat(kyc.files.submission(ann)).isEmpty();
    assertThat(outboxRows(db)).isZero();
  }

  @OnEachDatabase
  void aWithdrawnConsentIsMissingAgain(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.readyPerson();
    kyc.consents.withdraw(ann, PERSON, "audio-recording", null);

    assertThat(kyc.files.submit(ann, PERSON))
        .isEqualTo(new SubmissionResult.Incomplete(List.of(Requirement.CONSENT_AUDIO_RECORDING)));
  }

  @OnEachDatabase
  void submittingEnqueuesOneRegistrationAndSubmittingAgainChangesNothing(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.readyPerson();
    Subject subject = kyc.subjects.forAccount(ann).orElseThrow();

    SubmissionResult first = kyc.files.submit(ann, PERSON);
    SubmissionResult second = kyc.files.submit(ann, PERSON);

    assertThat(first).isInstanceOf(SubmissionResult.Submitted.class);
    SubmissionResult.Submitted submitted = (SubmissionResult.Submitted) first;
    assertThat(submitted.now()).isTrue();
    assertThat(submitted.submission().revision()).isEqualTo(1);
    assertThat(submitted.submission().ledger())
        .containsExactly(new Submission.Entry("register", 1, new LedgerRecord.Pending()));
    assertThat(second).isEqualTo(new SubmissionResult.Submitted(submitted.submission(), false));
    OutboxEntry entry = kyc.outbox.find("kyc/register/" + subject.ref() + "/r1").orElseThrow();
    assertThat(entry.contractId()).isEqualTo(KycRegistry.ID);
    assertThat(entry.method()).isEqualTo(KycRegistry.REGISTER);
    assertThat(entry.status()).isEqualTo(new OutboxStatus.Pending(null));
    assertThat(outboxRows(db)).isEqualTo(1);
    assertThat(kyc.files.profile(ann, PERSON).submittedAt()).isNotNull();
    // What goes to the ledger: the reference and a 32-byte commitment, nothing else.
    byte[] args = outboxArgs(db).getFirst();
    assertThat(contains(args, subject.ref().value().getBytes(UTF_8))).isTrue();
    assertThat(contains(args, "Eriksson".getBytes(UTF_8))).isFalse();
    assertThat(contains(args, subject.id().toString().getBytes(UTF_8))).isFalse();
  }

  @OnEachDatabase
  void concurrentSubmissionsRegisterOnce(TestDatabase db) throws Exception {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.readyPerson();
    List<Callable<SubmissionResult>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      calls.add(() -> kyc.files.submit(ann, PERSON));
    }
    List<SubmissionResult> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
      for (Future<SubmissionResult> result : pool.invokeAll(calls)) {
        results.add(result.get());
      }
    }

    assertThat(results)
        .filteredOn(r -> r instanceof SubmissionResult.Submitted s && s.now())
        .hasSize(1);
    assertThat(results).allMatch(r -> r instanceof SubmissionResult.Submitted);
    assertThat(outboxRows(db)).isEqualTo(1);
  }

  @OnEachDatabase
  void aChangeAfterTheSubmissionEnqueuesANewCommitment(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.readyPerson();
    kyc.files.submit(ann, PERSON);
    Subject subject = kyc.subjects.forAccount(ann).orElseThrow();

    kyc.save(ann, PERSON, ProfileForm.person(KycForms.person("Eriksson-Berg", "Anna Maria")));
    kyc.save(ann, PERSON, ProfileForm.person(KycForms.person("Eriksson-Berg", "Anna Maria")));

    Submission submission = kyc.files.submission(ann).orElseThrow();
    assertThat(submission.revision()).isEqualTo(1);
    assertThat(submission.ledger())
        .extracting(Submission.Entry::method, Submission.Entry::revision)
        .containsExactly(tuple("register", 1), tuple("update-commitment", 2));
    assertThat(kyc.outbox.find("kyc/update-commitment/" + subject.ref() + "/r2")).isPresent();
    List<byte[]> commitments = commitments(db);
    assertThat(commitments).hasSize(2);
    assertThat(commitments.get(0)).hasSize(32).isNotEqualTo(commitments.get(1));
  }

  @OnEachDatabase
  void aChangeBackIsSentAsANewCommitment(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.readyPerson();
    kyc.files.submit(ann, PERSON);

    kyc.save(ann, PERSON, ProfileForm.person(KycForms.person("Berg", "Anna Maria")));
    kyc.save(ann, PERSON, ProfileForm.person(KycForms.anna()));

    assertThat(kyc.files.submission(ann).orElseThrow().ledger())
        .extracting(Submission.Entry::revision)
        .containsExactly(1, 2, 3);
    List<byte[]> commitments = commitments(db);
    assertThat(commitments.get(2)).isEqualTo(commitments.get(0));
  }

  @OnEachDatabase
  void theCommitmentOfACompanyCoversItsOwnersAndThePersonActing(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID acme = kyc.account(COMPANY);
    kyc.save(acme, COMPANY, KycForms.companyProfile());
    kyc.giveRequiredConsents(acme, COMPANY);
    kyc.upload(acme, COMPANY, DocumentKind.PASSPORT_PAGE);
    kyc.upload(acme, COMPANY, DocumentKind.REGISTER_EXTRACT);
    assertThat(kyc.files.submit(acme, COMPANY)).isInstanceOf(SubmissionResult.Submitted.class);

    kyc.save(acme, COMPANY, ProfileForm.person(KycForms.person("Andersson", "Anna Maria")));
    kyc.save(
        acme,
        COMPANY,
        new ProfileForm(
            null, null, KycForms.formA(KycForms.owner("Muster", "Hans", "1960-01-31"))));

    List<byte[]> commitments = commitments(db);
    assertThat(commitments).hasSize(3);
    assertThat(commitments.stream().map(Arrays::hashCode).distinct()).hasSize(3);
  }

  @OnEachDatabase
  void progressFollowsTheFile(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID acme = kyc.account(COMPANY);

    Progress fresh = kyc.files.progress(acme, COMPANY);
    assertThat(fresh.status()).isEqualTo(Progress.Status.DRAFT);
    assertThat(fresh.steps())
        .extracting(Progress.Step::kind, Progress.Step::status)
        .containsExactly(
            step(Progress.StepKind.ACCOUNT, Progress.StepStatus.DONE),
            step(Progress.StepKind.EMAIL, Progress.StepStatus.DONE),
            step(Progress.StepKind.PERSONAL_DATA, Progress.StepStatus.NOT_STARTED),
            step(Progress.StepKind.BENEFICIAL_OWNERS, Progress.StepStatus.NOT_STARTED),
            step(Progress.StepKind.DOCUMENTS, Progress.StepStatus.NOT_STARTED),
            step(Progress.StepKind.CONSENTS, Progress.StepStatus.NOT_STARTED),
            step(Progress.StepKind.VIDEO_IDENTIFICATION, Progress.StepStatus.NOT_STARTED),
            step(Progress.StepKind.CHECKS, Progress.StepStatus.NOT_STARTED),
            step(Progress.StepKind.APPROVAL, Progress.StepStatus.NOT_STARTED));
    assertThat(kyc.subjects.forAccount(acme)).as("reading makes no subject").isEmpty();

    kyc.save(acme, COMPANY, new ProfileForm(null, KycForms.company("Acme AG"), null));
    kyc.consents.give(acme, COMPANY, "terms", "v1", null);
    kyc.upload(acme, COMPANY, DocumentKind.PASSPORT_PAGE);
    Progress partial = kyc.files.progress(acme, COMPANY);
    assertThat(partial.steps().get(2).status()).isEqualTo(Progress.StepStatus.IN_PROGRESS);
    assertThat(partial.steps().get(4).status()).isEqualTo(Progress.StepStatus.IN_PROGRESS);
    assertThat(partial.steps().get(5).status()).isEqualTo(Progress.StepStatus.IN_PROGRESS);
    assertThat(partial.missing())
        .contains(
            Requirement.PROFILE_PERSON,
            Requirement.PROFILE_BENEFICIAL_OWNERS,
            Requirement.DOCUMENTS_REGISTER_EXTRACT)
        .doesNotContain(Requirement.DOCUMENTS_IDENTITY);

    kyc.save(acme, COMPANY, KycForms.companyProfile());
    kyc.giveRequiredConsents(acme, COMPANY);
    kyc.upload(acme, COMPANY, DocumentKind.REGISTER_EXTRACT);
    kyc.files.submit(acme, COMPANY);
    Progress submitted = kyc.files.progress(acme, COMPANY);
    assertThat(submitted.status()).isEqualTo(Progress.Status.SUBMITTED);
    assertThat(submitted.missing()).isEmpty();
    assertThat(submitted.steps().get(2))
        .isEqualTo(
            new Progress.Step(
                Progress.StepKind.PERSONAL_DATA,
                Progress.StepStatus.DONE,
                new LedgerRecord.Pending()));
    assertThat(submitted.steps().get(3).ledger()).isEqualTo(new LedgerRecord.Pending());
    assertThat(submitted.steps().get(4).status()).isEqualTo(Progress.StepStatus.DONE);
    assertThat(submitted.steps().get(5).status()).isEqualTo(Progress.StepStatus.DONE);
  }

  @OnEachDatabase
  void aPersonsFileHasNoCompanyParts(TestDatabase db) {
    KycFixture kyc = new KycFixture(db, documents);
    UUID ann = kyc.account(PERSON);

    assertThatThrownBy(
            () ->
                kyc.files.save(
                    ann, PERSON, new ProfileForm(null, KycForms.company("Acme AG"), null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(kyc.files.progress(ann, PERSON).steps())
        .extracting(Progress.Step::kind)
        .doesNotContain(Progress.StepKind.BENEFICIAL_OWNERS);
  }

  private static PersonalData personOf(Profile profile) {
    return Objects.requireNonNull(profile.person());
  }

  private static List<BeneficialOwner> ownersOf(Profile profile) {
    return Objects.requireNonNull(profile.beneficialOwners()).owners();
  }

  private static Tuple step(Progress.StepKind kind, Progress.StepStatus status) {
    return tuple(kind, status);
  }

  private static int outboxRows(TestDatabase db) {
    return count(db, "SELECT COUNT(*) FROM ledger_outbox");
  }

  private static int count(TestDatabase db, String sql) {
    return JdbcClient.create(db.dataSource()).sql(sql).query(Integer.class).single();
  }

  private static List<byte[]> outboxArgs(TestDatabase db) {
    return JdbcClient.create(db.dataSource())
        .sql("SELECT args FROM ledger_outbox ORDER BY seq")
        .query(byte[].class)
        .list();
  }

  private static List<byte[]> commitments(TestDatabase db) {
    return JdbcClient.create(db.dataSource())
        .sql("SELECT commitment FROM kyc_ledger_record ORDER BY file_revision")
        .query(byte[].class)
        .list();
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }
}

package org.trademap.server.kyc;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.contracts.kyc.Commitment;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.contracts.kyc.KycRegistryCalls;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.kyc.documents.DocumentKinds;
import org.trademap.server.kyc.documents.StoredDocuments;
import org.trademap.server.ledgergateway.outbox.Outbox;
import org.trademap.server.onboarding.CanonicalFields;
import org.trademap.server.onboarding.FieldError;
import org.trademap.server.onboarding.KycDataValidator;
import org.trademap.server.onboarding.LegalEntityData;
import org.trademap.server.onboarding.LegalEntityForm;
import org.trademap.server.onboarding.OwnerDeclaration;
import org.trademap.server.onboarding.OwnerDeclarationForm;
import org.trademap.server.onboarding.PersonalData;
import org.trademap.server.onboarding.PersonalForm;
import org.trademap.server.onboarding.ReviewFlag;
import org.trademap.server.onboarding.Validation;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.vault.Decrypted;
import org.trademap.server.vault.SubjectId;
import org.trademap.server.vault.Vault;

/**
 * The KYC file of each account: its data (sealed by the vault, one JSON document per part), its
 * submission and its registration on the ledger, and the account's progress through onboarding.
 *
 * <p>Saving validates with {@link KycDataValidator} and changes nothing unless every part is valid;
 * saving the same data again changes nothing (the revision stays). Submitting checks that the file
 * is complete (the profile, for a legal entity with the owners; the required consents given and not
 * withdrawn; an identity document on file, and a legal entity's register extract: {@link
 * Requirement}), then in one database transaction marks it submitted and enqueues {@code
 * kyc-registry.register(subjectRef, commitment)} in the ledger outbox; a change after the
 * submission enqueues {@code update-commitment} in the transaction that saves it. The commitment is
 * {@code HMAC(pepper, salt ‖ canonical fields)} ({@link Vault#commitment}); for a legal entity the
 * canonical fields are those of the entity with its declaration ({@link CanonicalFields#entity})
 * followed by those of the person acting ({@link CanonicalFields#person}). Nothing else about the
 * subject goes to the ledger. Logs name subjects by their ids only.
 *
 * <p>The first submission publishes {@link FileSubmitted} inside its transaction; a change after it
 * that changes the commitment publishes {@link PersonalDataChanged} inside the saving transaction.
 * The steps of the review (checks, approval) come from the {@link ReviewProgress} the back office
 * provides.
 */
@Service
public final class KycFiles {
  private static final Logger log = LoggerFactory.getLogger(KycFiles.class);

  /** One validated part: its value, its review flags and its JSON document. */
  private record Part(FilePart part, Object value, List<ReviewFlag> flags, byte[] json) {}

  private final KycFileRepository files;
  private final Subjects subjects;
  private final Consents consents;
  private final StoredDocuments documents;
  private final Vault vault;
  private final Outbox outbox;
  private final KycDataValidator validator;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final Supplier<@Nullable ReviewProgress> reviews;

  @Autowired
  KycFiles(
      DataSource dataSource,
      Subjects subjects,
      Consents consents,
      StoredDocuments documents,
      Vault vault,
      Outbox outbox,
      PlatformTransactionManager transactions,
      ApplicationEventPublisher events,
      ObjectProvider<ReviewProgress> reviews,
      ObjectProvider<Clock> clock) {
    this(
        dataSource,
        subjects,
        consents,
        documents,
        vault,
        outbox,
        transactions,
        clock.getIfUnique(Clock::systemUTC),
        events,
        reviews::getIfAvailable);
  }

  /** For tests: files in the given database, sealed by the given vault, with the given clock. */
  public KycFiles(
      DataSource dataSource,
      Subjects subjects,
      Consents consents,
      StoredDocuments documents,
      Vault vault,
      Outbox outbox,
      PlatformTransactionManager transactions,
      Clock clock) {
    this(
        dataSource,
        subjects,
        consents,
        documents,
        vault,
        outbox,
        transactions,
        clock,
        event -> {},
        () -> null);
  }

  private KycFiles(
      DataSource dataSource,
      Subjects subjects,
      Consents consents,
      StoredDocuments documents,
      Vault vault,
      Outbox outbox,
      PlatformTransactionManager transactions,
      Clock clock,
      ApplicationEventPublisher events,
      Supplier<@Nullable ReviewProgress> reviews) {
    this.files = new KycFileRepository(dataSource);
    this.subjects = subjects;
    this.consents = consents;
    this.documents = documents;
    this.vault = vault;
    this.outbox = outbox;
    this.validator = new KycDataValidator(clock);
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.events = events;
    this.reviews = reviews;
  }

  /**
   * The account's KYC data as stored; parts not saved yet are null.
   *
   * @throws UnreadableFileException if a stored part fails its integrity check or was erased
   */
  public Profile profile(UUID accountId, AccountKind kind) {
    Optional<Subject> subject = subjects.forAccount(accountId);
    if (subject.isEmpty()) {
      return new Profile(kind, 0, null, null, null, null, List.of());
    }
    Optional<KycFileRepository.FileRow> file = files.file(subject.get().id());
    return profile(subject.get().kind(), file.orElse(null), open(subject.get()));
  }

  /**
   * The file revision that wrote each stored part, by the part's member of the profile's JSON
   * ({@code person}, {@code entity}, {@code beneficialOwners}); empty if nothing was saved. Reads
   * no sealed data.
   */
  public Map<String, Integer> partRevisions(UUID accountId) {
    Map<String, Integer> revisions = new java.util.LinkedHashMap<>();
    subjects
        .forAccount(accountId)
        .ifPresent(
            subject ->
                files
                    .parts(subject.id())
                    .values()
                    .forEach(row -> revisions.put(row.part().field(), row.revision())));
    return revisions;
  }

  /**
   * Validates and saves the parts of the form that are not null, in one transaction: all of them,
   * or none if any is invalid. The whole owner list replaces the previous one. Data equal to what
   * is stored changes nothing. After the submission, a change that changes the commitment enqueues
   * its {@code update-commitment} on the ledger.
   *
   * @return the saved profile (with the review flags of all its parts), or the errors of the
   *     refused fields, their paths prefixed with {@code person.}, {@code entity.} or {@code
   *     beneficialOwners.}
   * @throws IllegalArgumentException if the form has a part the account's kind does not have
   *     (entity or owners for a person)
   * @throws UnreadableFileException if the stored file is unreadable
   */
  public Validation<Profile> save(UUID accountId, AccountKind kind, ProfileForm form) {
    if (kind == AccountKind.PERSON && (form.entity() != null || form.beneficialOwners() != null)) {
      throw new IllegalArgumentException("a person's file has no entity and no beneficial owners");
    }
    List<Validation<Part>> validated = new ArrayList<>();
    PersonalForm person = form.person();
    if (person != null) {
      FilePart part = kind == AccountKind.PERSON ? FilePart.PERSON : FilePart.ACTING_PERSON;
      validated.add(part(part, validator.validateAccountHolder(person), PersonalData::toForm));
    }
    LegalEntityForm entity = form.entity();
    if (entity != null) {
      validated.add(
          part(FilePart.ENTITY, validator.validateEntity(entity), LegalEntityData::toForm));
    }
    OwnerDeclarationForm owners = form.beneficialOwners();
    if (owners != null) {
      validated.add(
          part(
              FilePart.BENEFICIAL_OWNERS,
              validator.validateOwners(owners),
              OwnerDeclaration::toForm));
    }
    List<FieldError> errors = validated.stream().flatMap(v -> v.errors().stream()).toList();
    if (!errors.isEmpty()) {
      return new Validation.Invalid<>(errors);
    }
    List<Part> parts = validated.stream().map(v -> ((Validation.Valid<Part>) v).value()).toList();
    Profile saved = inTransaction(() -> store(accountId, kind, parts));
    return new Validation.Valid<>(saved, saved.reviewFlags());
  }

  private Profile store(UUID accountId, AccountKind kind, List<Part> parts) {
    Subject subject = subjects.of(accountId, kind);
    Instant now = clock.instant();
    files.ensureFile(subject.id(), now);
    KycFileRepository.FileRow file = files.lockFile(subject.id());
    Map<FilePart, Part> current = open(subject);
    int revision = file.revision() + 1;
    boolean changed = false;
    for (Part part : parts) {
      Part stored = current.get(part.part());
      if (stored != null && Arrays.equals(stored.json(), part.json())) {
        continue;
      }
      byte[] sealed = vault.encrypt(subject.id(), part.part().purpose(revision), part.json());
      files.putPart(subject.id(), part.part(), revision, sealed, now);
      current.put(part.part(), part);
      changed = true;
    }
    if (!changed) {
      return profile(subject.kind(), file, current);
    }
    files.setRevision(subject.id(), revision, now);
    log.info("subject {}: KYC file revision {} saved", subject.id(), revision);
    KycFileRepository.FileRow updated =
        new KycFileRepository.FileRow(
            subject.id(), revision, file.submittedAt(), file.submittedRevision());
    if (file.submittedAt() != null) {
      updateCommitment(subject, revision, current, now);
    }
    return profile(subject.kind(), updated, current);
  }

  /** Enqueues the new commitment of a submitted file unless it equals the last one sent. */
  private void updateCommitment(
      Subject subject, int revision, Map<FilePart, Part> parts, Instant now) {
    Commitment commitment = commitment(subject, parts);
    List<KycFileRepository.LedgerRow> sent = files.ledgerRecords(subject.id());
    if (!sent.isEmpty() && Arrays.equals(sent.getLast().commitment(), commitment.bytes())) {
      return;
    }
    String key = "kyc/update-commitment/" + subject.ref() + "/r" + revision;
    outbox.enqueue(
        key,
        KycRegistry.ID,
        KycRegistry.VERSION,
        KycRegistry.UPDATE_COMMITMENT,
        KycRegistryCalls.updateCommitment(subject.ref().value(), commitment));
    files.insertLedgerRecord(
        subject.id(), revision, KycRegistry.UPDATE_COMMITMENT, key, commitment.bytes(), now);
    log.info(
        "subject {}: commitment of revision {} enqueued for the ledger", subject.id(), revision);
    events.publishEvent(new PersonalDataChanged(subject.ref(), subject.accountId(), revision, now));
  }

  /**
   * Submits the account's file: checks that everything required is there, then marks it submitted
   * and enqueues its registration on the ledger, in one transaction. Submitting a submitted file
   * again changes nothing and answers the existing submission.
   *
   * @throws UnreadableFileException if the stored file is unreadable
   */
  public SubmissionResult submit(UUID accountId, AccountKind kind) {
    return inTransaction(
        () -> {
          Subject subject = subjects.of(accountId, kind);
          Instant now = clock.instant();
          files.ensureFile(subject.id(), now);
          KycFileRepository.FileRow file = files.lockFile(subject.id());
          Submission existing = submission(file, files.ledgerRecords(subject.id()));
          if (existing != null) {
            return new SubmissionResult.Submitted(existing, false);
          }
          Map<FilePart, Part> parts = open(subject);
          List<Requirement> missing =
              missing(
                  subject.kind(),
                  parts,
                  consents.missingRequired(subject.id()),
                  documents.kindsOnFile(subject.id()));
          if (!missing.isEmpty()) {
            return new SubmissionResult.Incomplete(missing);
          }
          Commitment commitment = commitment(subject, parts);
          if (!files.markSubmitted(subject.id(), file.revision(), now)) {
            throw new IllegalStateException("the locked file of " + subject.id() + " changed");
          }
          String key = "kyc/register/" + subject.ref() + "/r" + file.revision();
          outbox.enqueue(
              key,
              KycRegistry.ID,
              KycRegistry.VERSION,
              KycRegistry.REGISTER,
              KycRegistryCalls.register(subject.ref().value(), commitment));
          files.insertLedgerRecord(
              subject.id(), file.revision(), KycRegistry.REGISTER, key, commitment.bytes(), now);
          log.info(
              "subject {}: KYC file revision {} submitted; registration enqueued",
              subject.id(),
              file.revision());
          events.publishEvent(
              new FileSubmitted(subject.ref(), accountId, subject.kind(), file.revision(), now));
          KycFileRepository.FileRow submitted =
              new KycFileRepository.FileRow(subject.id(), file.revision(), now, file.revision());
          return new SubmissionResult.Submitted(
              Objects.requireNonNull(submission(submitted, files.ledgerRecords(subject.id()))),
              true);
        });
  }

  /** The account's submission with its ledger transactions, if the file was submitted. */
  public Optional<Submission> submission(UUID accountId) {
    return subjects
        .forAccount(accountId)
        .flatMap(
            subject ->
                files
                    .file(subject.id())
                    .map(file -> submission(file, files.ledgerRecords(subject.id()))));
  }

  /**
   * Where the account stands: its steps, the state of its file, what the submission still needs.
   *
   * @throws UnreadableFileException if the stored file is unreadable
   */
  public Progress progress(UUID accountId, AccountKind kind) {
    Optional<Subject> found = subjects.forAccount(accountId);
    Map<FilePart, Part> parts =
        found.map(this::open).orElseGet(() -> new EnumMap<>(FilePart.class));
    AccountKind fileKind = found.map(Subject::kind).orElse(kind);
    Optional<KycFileRepository.FileRow> file = found.flatMap(s -> files.file(s.id()));
    int revision = file.map(KycFileRepository.FileRow::revision).orElse(0);
    Submission submission =
        file.isEmpty()
            ? null
            : submission(file.get(), files.ledgerRecords(found.orElseThrow().id()));
    List<Consent> given = consents.latest(accountId);
    Set<ConsentKind> missingConsents = Consents.missingRequired(given);
    Set<DocumentKind> onFile =
        found
            .map(s -> documents.kindsOnFile(s.id()))
            .orElseGet(() -> EnumSet.noneOf(DocumentKind.class));

    LedgerRecord latest =
        submission == null ? null : submission.latest().map(Submission.Entry::record).orElse(null);
    List<Progress.Step> steps = new ArrayList<>();
    steps.add(new Progress.Step(Progress.StepKind.ACCOUNT, Progress.StepStatus.DONE, null));
    // Only an account with a verified address can sign in, and only a signed-in one asks.
    steps.add(new Progress.Step(Progress.StepKind.EMAIL, Progress.StepStatus.DONE, null));
    List<FilePart> dataParts =
        fileKind == AccountKind.PERSON
            ? List.of(FilePart.PERSON)
            : List.of(FilePart.ENTITY, FilePart.ACTING_PERSON);
    steps.add(
        new Progress.Step(
            Progress.StepKind.PERSONAL_DATA,
            status(dataParts.stream().filter(parts::containsKey).count(), dataParts.size()),
            latest));
    if (fileKind == AccountKind.LEGAL_ENTITY) {
      boolean declared = parts.containsKey(FilePart.BENEFICIAL_OWNERS);
      steps.add(
          new Progress.Step(
              Progress.StepKind.BENEFICIAL_OWNERS,
              declared ? Progress.StepStatus.DONE : Progress.StepStatus.NOT_STARTED,
              declared ? latest : null));
    }
    steps.add(
        new Progress.Step(
            Progress.StepKind.DOCUMENTS,
            onFile.isEmpty()
                ? Progress.StepStatus.NOT_STARTED
                : DocumentKinds.complete(fileKind, onFile)
                    ? Progress.StepStatus.DONE
                    : Progress.StepStatus.IN_PROGRESS,
            null));
    long requiredKinds = Arrays.stream(ConsentKind.values()).filter(ConsentKind::required).count();
    steps.add(
        new Progress.Step(
            Progress.StepKind.CONSENTS,
            status(requiredKinds - missingConsents.size(), requiredKinds),
            null));
    steps.add(
        new Progress.Step(
            Progress.StepKind.VIDEO_IDENTIFICATION, Progress.StepStatus.NOT_STARTED, null));
    Optional<ReviewProgress.Review> review =
        submission == null ? Optional.empty() : review(accountId);
    steps.add(
        new Progress.Step(
            Progress.StepKind.CHECKS,
            review.map(ReviewProgress.Review::checks).orElse(Progress.StepStatus.NOT_STARTED),
            null));
    steps.add(
        new Progress.Step(
            Progress.StepKind.APPROVAL,
            review.map(ReviewProgress.Review::approval).orElse(Progress.StepStatus.NOT_STARTED),
            null));
    return new Progress(
        accountId,
        fileKind,
        status(submission),
        revision,
        submission,
        steps,
        submission == null ? missing(fileKind, parts, missingConsents, onFile) : List.of());
  }

  /** What the back office reports about the account's review, if it reports anything. */
  public Optional<ReviewProgress.Review> review(UUID accountId) {
    ReviewProgress progress = reviews.get();
    return progress == null ? Optional.empty() : progress.review(accountId);
  }

  private static Progress.StepStatus status(long done, long of) {
    if (done == 0) {
      return Progress.StepStatus.NOT_STARTED;
    }
    return done >= of ? Progress.StepStatus.DONE : Progress.StepStatus.IN_PROGRESS;
  }

  private static Progress.Status status(@Nullable Submission submission) {
    if (submission == null) {
      return Progress.Status.DRAFT;
    }
    return switch (submission.registration().map(Submission.Entry::record).orElse(null)) {
      case LedgerRecord.Recorded r -> Progress.Status.REGISTERED;
      case LedgerRecord.Rejected r -> Progress.Status.REGISTRATION_REJECTED;
      case LedgerRecord.Pending p -> Progress.Status.SUBMITTED;
      case null -> Progress.Status.SUBMITTED;
    };
  }

  /** What the submission of a file with these parts, consents and documents still needs. */
  private static List<Requirement> missing(
      AccountKind kind,
      Map<FilePart, Part> parts,
      Set<ConsentKind> missingConsents,
      Set<DocumentKind> onFile) {
    List<Requirement> missing = new ArrayList<>();
    if (kind == AccountKind.PERSON) {
      if (!parts.containsKey(FilePart.PERSON)) {
        missing.add(Requirement.PROFILE_PERSON);
      }
    } else {
      if (!parts.containsKey(FilePart.ACTING_PERSON)) {
        missing.add(Requirement.PROFILE_PERSON);
      }
      if (!parts.containsKey(FilePart.ENTITY)) {
        missing.add(Requirement.PROFILE_ENTITY);
      }
      if (!parts.containsKey(FilePart.BENEFICIAL_OWNERS)) {
        missing.add(Requirement.PROFILE_BENEFICIAL_OWNERS);
      }
    }
    missingConsents.stream().map(Requirement::of).forEach(missing::add);
    if (!DocumentKinds.provesIdentity(onFile)) {
      missing.add(Requirement.DOCUMENTS_IDENTITY);
    }
    if (kind == AccountKind.LEGAL_ENTITY && !onFile.contains(DocumentKind.REGISTER_EXTRACT)) {
      missing.add(Requirement.DOCUMENTS_REGISTER_EXTRACT);
    }
    missing.sort(null);
    return missing;
  }

  private @Nullable Submission submission(
      KycFileRepository.FileRow file, List<KycFileRepository.LedgerRow> records) {
    Instant submittedAt = file.submittedAt();
    Integer revision = file.submittedRevision();
    if (submittedAt == null || revision == null) {
      return null;
    }
    List<Submission.Entry> entries = new ArrayList<>();
    for (KycFileRepository.LedgerRow record : records) {
      LedgerRecord state =
          outbox
              .find(record.idempotencyKey())
              .<LedgerRecord>map(entry -> LedgerRecord.of(entry.status()))
              .orElseGet(LedgerRecord.Pending::new);
      entries.add(new Submission.Entry(record.method(), record.fileRevision(), state));
    }
    return new Submission(submittedAt, revision, entries);
  }

  private Commitment commitment(Subject subject, Map<FilePart, Part> parts) {
    byte[] canonical =
        switch (subject.kind()) {
          case PERSON -> CanonicalFields.person(value(parts, FilePart.PERSON, PersonalData.class));
          case LEGAL_ENTITY -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(
                CanonicalFields.entity(
                    value(parts, FilePart.ENTITY, LegalEntityData.class),
                    value(parts, FilePart.BENEFICIAL_OWNERS, OwnerDeclaration.class)));
            out.writeBytes(
                CanonicalFields.person(value(parts, FilePart.ACTING_PERSON, PersonalData.class)));
            yield out.toByteArray();
          }
        };
    byte[] hmac =
        vault
            .commitment(subject.id(), canonical)
            .orElseThrow(
                () ->
                    new UnreadableFileException(
                        subject.id(), UnreadableFileException.Reason.ERASED, List.of()));
    return new Commitment(hmac);
  }

  private static <T> T value(Map<FilePart, Part> parts, FilePart part, Class<T> type) {
    Part found = parts.get(part);
    if (found == null) {
      throw new IllegalStateException("the file has no " + part);
    }
    return type.cast(found.value());
  }

  private static Profile profile(
      AccountKind kind, KycFileRepository.@Nullable FileRow file, Map<FilePart, Part> parts) {
    List<ReviewFlag> flags = new ArrayList<>();
    for (FilePart part : FilePart.values()) {
      Part found = parts.get(part);
      if (found != null) {
        flags.addAll(found.flags());
      }
    }
    Part person = parts.get(kind == AccountKind.PERSON ? FilePart.PERSON : FilePart.ACTING_PERSON);
    Part entity = parts.get(FilePart.ENTITY);
    Part owners = parts.get(FilePart.BENEFICIAL_OWNERS);
    return new Profile(
        kind,
        file == null ? 0 : file.revision(),
        file == null ? null : file.submittedAt(),
        person == null ? null : (PersonalData) person.value(),
        entity == null ? null : (LegalEntityData) entity.value(),
        owners == null ? null : (OwnerDeclaration) owners.value(),
        flags);
  }

  /** Decrypts and validates the subject's stored parts. */
  private Map<FilePart, Part> open(Subject subject) {
    Map<FilePart, Part> parts = new EnumMap<>(FilePart.class);
    List<String> tampered = new ArrayList<>();
    for (KycFileRepository.PartRow row : files.parts(subject.id()).values()) {
      FilePart part = row.part();
      switch (vault.decrypt(subject.id(), part.purpose(row.revision()), row.sealed())) {
        case Decrypted.Plaintext plain -> parts.put(part, read(subject.id(), part, plain.bytes()));
        case Decrypted.Tampered t -> tampered.add(part.name());
        case Decrypted.Shredded s ->
            throw new UnreadableFileException(
                subject.id(), UnreadableFileException.Reason.ERASED, List.of(part.name()));
      }
    }
    if (!tampered.isEmpty()) {
      log.error(
          "subject {}: sealed KYC file parts {} fail their integrity check",
          subject.id(),
          tampered);
      throw new UnreadableFileException(
          subject.id(), UnreadableFileException.Reason.TAMPERED, tampered);
    }
    return parts;
  }

  private Part read(SubjectId subject, FilePart part, byte[] json) {
    Object form = PartCodec.read(part, json);
    Validation<Part> validated =
        switch (form) {
          case PersonalForm p -> part(part, validator.validatePerson(p), PersonalData::toForm);
          case LegalEntityForm e ->
              part(part, validator.validateEntity(e), LegalEntityData::toForm);
          case OwnerDeclarationForm o ->
              part(part, validator.validateOwners(o), OwnerDeclaration::toForm);
          default -> throw new IllegalStateException("unexpected form " + form.getClass());
        };
    return switch (validated) {
      case Validation.Valid<Part> v -> new Part(part, v.value().value(), v.value().flags(), json);
      case Validation.Invalid<Part> i ->
          throw new IllegalStateException(
              "subject "
                  + subject
                  + ": stored "
                  + part
                  + " no longer validates: "
                  + i.errors().stream().map(e -> e.field() + " " + e.key()).toList());
    };
  }

  /** A validated part with its errors and flags under the part's JSON member. */
  private static <T> Validation<Part> part(
      FilePart part, Validation<T> validation, Function<T, Object> toForm) {
    String prefix = part.field() + ".";
    return switch (validation) {
      case Validation.Valid<T> v -> {
        List<ReviewFlag> flags =
            v.reviewFlags().stream()
                .map(f -> new ReviewFlag(prefix + f.field(), f.reason(), f.detail()))
                .toList();
        yield new Validation.Valid<>(
            new Part(part, v.value(), flags, PartCodec.write(toForm.apply(v.value()))), flags);
      }
      case Validation.Invalid<T> i ->
          new Validation.Invalid<>(
              i.errors().stream()
                  .map(e -> new FieldError(prefix + e.field(), e.code(), e.arguments()))
                  .toList());
    };
  }

  private <T> T inTransaction(Supplier<T> work) {
    return Objects.requireNonNull(transaction.execute(status -> work.get()));
  }
}

package org.trademap.server.checks.residence;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.server.checks.residence.Letter.Attempt;
import org.trademap.server.checks.residence.Letter.Transition;
import org.trademap.server.checks.residence.Recipients.Lookup;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.vault.Decrypted;
import org.trademap.server.vault.Vault;

/**
 * Residence confirmation, the façade the case flow calls: operators {@link #generate} a letter with
 * a one-time code to the subject's domicile address, download its {@link #pdf}, {@link #markSent}
 * and, if the post brings it back, {@link #markReturned}; the subject {@link #confirm}s with the
 * code; {@link #status} says where it stands and which result the check proposes.
 *
 * <p>Rules: a subject has one current letter, the newest; making a new one supersedes the open
 * ones, so their codes stop working. A code works once, until the end of the day printed on the
 * letter (UTC, {@code trademap.residence.code-validity} after its making), in the generated or sent
 * state. A wrong code counts against the letter (the last allowed one locks it) and against the
 * account (too many within the window are refused unchecked); every other refusal changes nothing.
 * Codes are compared as HMACs in constant time ({@link CodeHashes}); the PDF, which holds the code,
 * is kept sealed by the vault only until the letter is sent.
 *
 * <p>Logs name letters, subjects and operators by their ids; never a name, an address or a code.
 */
@Service
public final class ResidenceConfirmation {
  private static final Logger log = LoggerFactory.getLogger(ResidenceConfirmation.class);

  /** The languages letters are written in. */
  public static final Set<String> LANGUAGES = Set.of("en", "de");

  /**
   * How often a request is retried after another changed the same subject's letters. Each lost try
   * means another generation for the subject committed, so k concurrent generations need at most k
   * tries; a bound well above the number of operators who could act on one subject at once.
   */
  private static final int TRIES = 16;

  private final Subjects subjects;
  private final Recipients recipients;
  private final LetterRepository letters;
  private final CodeHashes hashes;
  private final Vault vault;
  private final LetterWriter writer;
  private final ResidenceProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final RandomGenerator random;

  @Autowired
  ResidenceConfirmation(
      DataSource dataSource,
      PlatformTransactionManager transactions,
      Subjects subjects,
      Recipients recipients,
      Vault vault,
      LetterWriter writer,
      ResidenceProperties properties,
      ObjectProvider<Clock> clock) {
    this(
        dataSource,
        transactions,
        subjects,
        recipients,
        vault,
        writer,
        properties,
        clock.getIfUnique(Clock::systemUTC),
        new SecureRandom());
  }

  /** For tests: with the given clock and source of codes. */
  ResidenceConfirmation(
      DataSource dataSource,
      PlatformTransactionManager transactions,
      Subjects subjects,
      Recipients recipients,
      Vault vault,
      LetterWriter writer,
      ResidenceProperties properties,
      Clock clock,
      RandomGenerator random) {
    this.subjects = subjects;
    this.recipients = recipients;
    this.letters = new LetterRepository(dataSource);
    this.hashes = new CodeHashes(vault);
    this.vault = vault;
    this.writer = writer;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.random = random;
  }

  /**
   * Makes a new letter to the subject's domicile address with a new code; it becomes the subject's
   * current letter and supersedes the open ones.
   *
   * @param operator the operator's account id (recorded)
   * @param language {@code en} or {@code de}
   */
  public GenerateResult generate(SubjectRef subjectRef, UUID operator, String language) {
    if (!LANGUAGES.contains(language)) {
      return new GenerateResult.Refused(Refusal.LANGUAGE_UNSUPPORTED);
    }
    Optional<Subject> found = subjects.byRef(subjectRef);
    if (found.isEmpty()) {
      return new GenerateResult.Refused(Refusal.NO_SUBJECT);
    }
    Subject subject = found.get();
    Recipients.Recipient recipient;
    switch (recipients.lookup(subject)) {
      case Lookup.Found f -> recipient = f.recipient();
      case Lookup.NoAddress n -> {
        return new GenerateResult.Refused(Refusal.NO_ADDRESS);
      }
      case Lookup.Erased e -> {
        return new GenerateResult.Refused(Refusal.SUBJECT_ERASED);
      }
    }
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    ConfirmationCode code = ConfirmationCode.random(random);
    Instant expiresAt = expiry(now);
    Optional<byte[]> hash = hashes.of(subject.id(), id, code);
    if (hash.isEmpty()) {
      return new GenerateResult.Refused(Refusal.SUBJECT_ERASED);
    }
    LetterPdf.Rendered rendered = writer.write(id, language, now, expiresAt, recipient, code);
    byte[] sealed = vault.encrypt(subject.id(), purpose(id), rendered.pdf());
    Letter letter =
        retried(
            () ->
                inTransaction(
                    () -> {
                      Letter made =
                          new Letter(
                              id,
                              subjectRef,
                              letters.nextIssue(subjectRef),
                              language,
                              now,
                              operator,
                              expiresAt,
                              0,
                              rendered.unprintable(),
                              new LetterState.Generated());
                      // The unique issue makes a concurrent generation with the same number fail
                      // (and retry); a higher number was taken only after the lower one was
                      // committed, so superseding after the insert sees every older letter.
                      letters.insert(made, hash.get(), sealed);
                      for (Letter older : letters.letters(subjectRef)) {
                        if (older.issue() < made.issue() && older.state().open()) {
                          letters
                              .lock(older.id())
                              .map(l -> l.supersede(now))
                              .ifPresent(letters::update);
                        }
                      }
                      return made;
                    }));
    log.info(
        "residence letter {} (issue {}) generated for subject {} by operator {}",
        letter.id(),
        letter.issue(),
        subjectRef,
        operator);
    if (letter.unprintable() > 0) {
      log.warn(
          "residence letter {}: {} characters of the address printed as ?; check before posting",
          letter.id(),
          letter.unprintable());
    }
    return new GenerateResult.Generated(letter);
  }

  /**
   * The letter as PDF, while it waits to be printed (generated and not expired); afterwards the PDF
   * is gone ({@link Refusal#PDF_GONE}) or the letter closed ({@link Refusal#LETTER_CLOSED}).
   *
   * @param operator who downloads it (logged)
   */
  public PdfResult pdf(UUID letterId, UUID operator) {
    Optional<Letter> found = letters.find(letterId);
    if (found.isEmpty()) {
      return new PdfResult.Refused(Refusal.LETTER_NOT_FOUND);
    }
    Letter letter = found.get();
    LetterState state = letter.stateAt(clock.instant());
    if (!(state instanceof LetterState.Generated)) {
      return new PdfResult.Refused(
          state instanceof LetterState.Sent ? Refusal.PDF_GONE : Refusal.LETTER_CLOSED);
    }
    Optional<byte[]> sealed = letters.sealedPdf(letterId);
    Optional<Subject> subject = subjects.byRef(letter.subject());
    if (sealed.isEmpty() || subject.isEmpty()) {
      return new PdfResult.Refused(Refusal.PDF_GONE);
    }
    return switch (vault.decrypt(subject.get().id(), purpose(letterId), sealed.get())) {
      case Decrypted.Plaintext p -> {
        log.info("residence letter {} downloaded by operator {}", letterId, operator);
        yield new PdfResult.Pdf(letter, p.bytes());
      }
      case Decrypted.Shredded s -> new PdfResult.Refused(Refusal.SUBJECT_ERASED);
      case Decrypted.Tampered t ->
          throw new IllegalStateException(
              "the sealed PDF of residence letter " + letterId + " fails its integrity check");
    };
  }

  /** An operator posted the letter; its PDF is destroyed. */
  public Transition markSent(UUID letterId, UUID operator) {
    return change(letterId, letter -> letter.markSent(operator, clock.instant()), "sent", operator);
  }

  /** An operator received the letter back from the post as undeliverable. */
  public Transition markReturned(UUID letterId, UUID operator) {
    return change(
        letterId, letter -> letter.markReturned(operator, clock.instant()), "returned", operator);
  }

  /**
   * The account's subject entered a code for its current letter.
   *
   * @param typed the code as typed; case, spaces, dashes and Crockford's look-alikes do not matter
   */
  public ConfirmResult confirm(UUID accountId, String typed) {
    Optional<ConfirmationCode> code = ConfirmationCode.parse(typed);
    if (code.isEmpty()) {
      return new ConfirmResult.Refused(Refusal.CODE_MALFORMED);
    }
    Optional<Subject> subject = subjects.forAccount(accountId);
    if (subject.isEmpty()) {
      return new ConfirmResult.Refused(Refusal.NO_LETTER);
    }
    return inTransaction(
        () -> {
          for (int tries = 0; tries < TRIES; tries++) {
            Optional<UUID> current = letters.currentId(subject.get().ref());
            if (current.isEmpty()) {
              return new ConfirmResult.Refused(Refusal.NO_LETTER);
            }
            Letter letter = letters.lock(current.get()).orElseThrow();
            if (letter.state() instanceof LetterState.Superseded) {
              // A newer letter was committed after the lookup: look again.
              continue;
            }
            return attempt(subject.get(), accountId, letter, code.get());
          }
          throw new IllegalStateException("the letters of an account kept changing");
        });
  }

  /** Where the subject's residence confirmation stands now; empty if there is no such subject. */
  public Optional<ResidenceStatus> status(SubjectRef subject) {
    return subjects.byRef(subject).map(s -> statusOf(s.ref()));
  }

  /** Where the account's residence confirmation stands now, if the account has a subject. */
  public Optional<ResidenceStatus> statusOfAccount(UUID accountId) {
    return subjects.forAccount(accountId).map(s -> statusOf(s.ref()));
  }

  private ResidenceStatus statusOf(SubjectRef subject) {
    return ResidenceStatus.of(
        subject, letters.letters(subject), clock.instant(), properties.maxFailuresPerLetter());
  }

  /** The letter with this id. */
  public Optional<Letter> letter(UUID letterId) {
    return letters.find(letterId);
  }

  private ConfirmResult attempt(
      Subject subject, UUID accountId, Letter letter, ConfirmationCode code) {
    Instant now = clock.instant();
    if (!letter.stateAt(now).open()) {
      // Refused without counting; the answer does not depend on the code.
      return refused(letter.attempt(false, now, properties.maxFailuresPerLetter()));
    }
    List<Instant> failures =
        letters.failuresSince(accountId, now.minus(properties.accountWindow()));
    int max = properties.maxFailuresPerAccount();
    if (failures.size() >= max) {
      Instant free = failures.get(failures.size() - max).plus(properties.accountWindow());
      Duration wait = Duration.between(now, free);
      return new ConfirmResult.Throttled(
          wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
    }
    Optional<byte[]> entered = hashes.of(subject.id(), letter.id(), code);
    if (entered.isEmpty()) {
      return new ConfirmResult.Refused(Refusal.NO_LETTER);
    }
    boolean matches = CodeHashes.same(letters.codeHash(letter.id()), entered.get());
    return switch (letter.attempt(matches, now, properties.maxFailuresPerLetter())) {
      case Attempt.Accepted accepted -> {
        letters.update(accepted.next());
        log.info("residence letter {} confirmed by subject {}", letter.id(), subject.ref());
        yield new ConfirmResult.Confirmed(accepted.next());
      }
      case Attempt.Wrong wrong -> {
        letters.update(wrong.next());
        letters.insertFailure(letter.id(), wrong.next().failedAttempts(), accountId, now);
        log.info(
            "residence letter {}: wrong code {} of {}",
            letter.id(),
            wrong.next().failedAttempts(),
            properties.maxFailuresPerLetter());
        yield wrong.attemptsLeft() == 0
            ? new ConfirmResult.Refused(Refusal.LOCKED)
            : new ConfirmResult.WrongCode(wrong.attemptsLeft());
      }
      case Attempt.Refused r -> new ConfirmResult.Refused(r.refusal());
    };
  }

  private static ConfirmResult refused(Attempt attempt) {
    if (attempt instanceof Attempt.Refused r) {
      return new ConfirmResult.Refused(r.refusal());
    }
    throw new IllegalStateException("a closed letter took a code");
  }

  private Transition change(
      UUID letterId, Function<Letter, Transition> step, String what, UUID by) {
    return inTransaction(
        () -> {
          Optional<Letter> found = letters.lock(letterId);
          if (found.isEmpty()) {
            return new Transition.Refused(Refusal.LETTER_NOT_FOUND);
          }
          Transition result = step.apply(found.get());
          if (result instanceof Transition.Moved moved) {
            letters.update(moved.next());
            log.info("residence letter {} marked {} by operator {}", letterId, what, by);
          }
          return result;
        });
  }

  /** The expiry of a code made at {@code now}: the start of the day after its last day (UTC). */
  Instant expiry(Instant now) {
    LocalDate lastDay = LocalDate.ofInstant(now.plus(properties.codeValidity()), ZoneOffset.UTC);
    return lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The vault purpose of a letter's sealed PDF. */
  static String purpose(UUID letterId) {
    return "residence.letter:" + letterId;
  }

  /** Runs {@code work} again when a concurrent request made the same subject's next letter. */
  private static <T> T retried(Supplier<T> work) {
    for (int tries = 1; ; tries++) {
      try {
        return work.get();
      } catch (DuplicateKeyException e) {
        if (tries >= TRIES) {
          throw e;
        }
      }
    }
  }

  private <T> T inTransaction(Supplier<T> work) {
    return Objects.requireNonNull(transaction.execute(status -> work.get()));
  }
}

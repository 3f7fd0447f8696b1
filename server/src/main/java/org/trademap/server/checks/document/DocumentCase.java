package org.trademap.server.checks.document;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.contracts.kyc.CheckResult;
import org.trademap.server.checks.Checks;
import org.trademap.server.kyc.FileSubmitted;
import org.trademap.server.kyc.KycFiles;
import org.trademap.server.kyc.PersonalDataChanged;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.kyc.UnreadableFileException;
import org.trademap.server.onboarding.PersonalData;
import org.trademap.server.vault.Vault;

/**
 * The ID document judgment joined to the cases: after a submission commits (and after a change of
 * personal data commits), the subject's identity document is judged in the background — OCR takes
 * seconds and must neither slow nor break the submission — the judgment is kept ({@link
 * JudgmentStore}) for the case page, and its result is proposed for the ID document task ({@link
 * #proposal}).
 *
 * <p>One background thread works the judgments in order ({@value #QUEUE} may wait; more are dropped
 * with a warning, and the operator re-runs them from the case page). Logs name subjects by their
 * references only.
 */
@Component
public class DocumentCase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DocumentCase.class);

  /** The note of a passed proposal. */
  static final String NOTE_PASSED = "checks.document.proposal.passed";

  private static final int QUEUE = 100;

  private final DocumentJudge judge;
  private final Checks checks;
  private final Subjects subjects;
  private final KycFiles files;
  private final JudgmentStore store;
  private final DocumentCaseProperties properties;
  private final Clock clock;
  private final ThreadPoolExecutor worker;

  DocumentCase(
      DocumentJudge judge,
      Checks checks,
      Subjects subjects,
      KycFiles files,
      DataSource dataSource,
      Vault vault,
      DocumentCaseProperties properties,
      ObjectProvider<Clock> clock) {
    this.judge = judge;
    this.checks = checks;
    this.subjects = subjects;
    this.files = files;
    this.store = new JudgmentStore(dataSource, vault);
    this.properties = properties;
    this.clock = clock.getIfUnique(Clock::systemUTC);
    this.worker =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            task -> {
              Thread thread = new Thread(task, "document-case");
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.AbortPolicy());
  }

  /** The store of judgments, for the case page and the expiry job. */
  JudgmentStore store() {
    return store;
  }

  @TransactionalEventListener
  void on(FileSubmitted submitted) {
    if (properties.judgeOnSubmission()) {
      schedule(submitted.ref());
    }
  }

  /** The entered data changed: judge again (after the checks were reopened). */
  @Order(10)
  @TransactionalEventListener
  void on(PersonalDataChanged changed) {
    if (properties.judgeOnSubmission()) {
      schedule(changed.ref());
    }
  }

  /**
   * Judges the subject's identity document in the background.
   *
   * @return whether the judgment was queued (false: too many are waiting, or shutting down)
   */
  public boolean schedule(SubjectRef ref) {
    try {
      worker.execute(() -> judgeNow(ref));
      return true;
    } catch (RejectedExecutionException e) {
      log.warn("subject {}: document judgment not queued ({} waiting)", ref, QUEUE);
      return false;
    }
  }

  /** Judges the subject's identity document now, keeps the judgment and proposes its result. */
  void judgeNow(SubjectRef ref) {
    try {
      Optional<Subject> found = subjects.byRef(ref);
      if (found.isEmpty()) {
        return;
      }
      Subject subject = found.get();
      PersonalData person = files.profile(subject.accountId(), subject.kind()).person();
      if (person == null) {
        log.info("subject {}: no personal data to judge the document against", ref);
        return;
      }
      LocalDate today = LocalDate.now(clock);
      JudgmentOutcome outcome = judge.judgeIdentity(subject.id(), EnteredIdentity.of(person));
      LocalDate expiry =
          outcome instanceof JudgmentOutcome.Judged j
              ? j.judgment().data().map(MrzData::expiryDate).orElse(null)
              : null;
      store.save(subject, StoredReading.of(outcome, today), expiry, clock.instant(), today);
      Optional<org.trademap.server.checks.Proposal> proposal = proposal(outcome);
      boolean stored =
          proposal.isPresent() && checks.propose(ref, CheckProcess.ID_DOCUMENT, proposal.get());
      log.info(
          "subject {}: identity document judged; proposal {} ({})",
          ref,
          proposal.map(p -> p.note()).orElse("none, manual check"),
          stored ? "stored" : "not stored");
    } catch (UnreadableFileException e) {
      log.warn("subject {}: KYC file unreadable, document not judged", ref);
    } catch (RuntimeException e) {
      log.error("subject {}: document judgment failed: {}", ref, e.getClass().getName());
    }
  }

  /**
   * What a judgment proposes for the ID document task: passed when the zone parsed, every element
   * matches, the document is unexpired and of the kind uploaded; failed (with the first reason as
   * note) when the zone was read but shows an expiry, a mismatch or the wrong kind. A zone that
   * could not be read (no zone, defects, OCR unavailable) or no document at all proposes nothing:
   * that is a manual check of the image by the operator, not an automatic failure.
   */
  static Optional<org.trademap.server.checks.Proposal> proposal(JudgmentOutcome outcome) {
    if (!(outcome instanceof JudgmentOutcome.Judged judged)) {
      return Optional.empty();
    }
    return switch (judged.judgment().proposal()) {
      case Proposal.Passed p ->
          Optional.of(
              new org.trademap.server.checks.Proposal(CheckResult.PASSED, false, NOTE_PASSED));
      case Proposal.Failed f ->
          f.reasons().stream()
              .filter(DocumentCase::decisive)
              .findFirst()
              .map(
                  r ->
                      new org.trademap.server.checks.Proposal(
                          CheckResult.FAILED, false, r.messageKey()));
    };
  }

  /** Whether a reason is a finding about the document (not only that its zone was unreadable). */
  private static boolean decisive(Proposal.Reason reason) {
    return switch (reason) {
      case OCR_UNAVAILABLE, NO_ZONE_FOUND, ZONE_INVALID -> false;
      default -> true;
    };
  }

  /** Whether a judgment could not read the zone: the operator checks the image by hand. */
  static boolean manualCheck(@Nullable DocumentJudgment judgment) {
    return judgment == null || judgment.data().isEmpty();
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}

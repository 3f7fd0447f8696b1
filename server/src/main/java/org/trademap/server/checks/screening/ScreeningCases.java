package org.trademap.server.checks.screening;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.contracts.kyc.CheckResult;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.checks.Checks;
import org.trademap.server.checks.CompletionGuard;
import org.trademap.server.checks.EvidenceRequest;
import org.trademap.server.checks.Proposal;
import org.trademap.server.checks.ReopenReason;
import org.trademap.server.kyc.FileSubmitted;
import org.trademap.server.kyc.KycFiles;
import org.trademap.server.kyc.Profile;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.kyc.UnreadableFileException;
import org.trademap.server.onboarding.BeneficialOwner;
import org.trademap.server.onboarding.OwnerDeclaration;
import org.trademap.server.onboarding.PersonalData;
import org.trademap.server.vault.SubjectId;

/**
 * Screening as part of the KYC case (the {@link CheckProcess#SANCTIONS_SCREENING} task):
 *
 * <ul>
 *   <li>after a submission commits, the subject is screened in the background (a person by name,
 *       birth date and nationality; a company by name and country of domicile, the person acting
 *       for it and every owner of Form A or K) and a result is proposed for the task;
 *   <li>the proposal follows {@link Screening#assess}: no hit, or only false positives, proposes
 *       passed; open hits propose nothing (the operator disposes of them first, and passing is
 *       refused until then); a confirmed sanctions or ASF hit proposes failed, high-risk; a
 *       confirmed PEP proposes passed, high-risk (a supervisor approves: four eyes);
 *   <li>as the task's {@link CompletionGuard} it refuses a pass while hits are open and any result
 *       without the high-risk flag once a hit is confirmed; a subject not screened yet is screened
 *       then;
 *   <li>a new list version re-screens every screened subject in the background; a new hit reopens
 *       the subject's screening task ({@link ReopenReason#NEW_LIST_HIT});
 *   <li>staff actions (imports, ASF and PEP edits, verdicts on hits) go to the back office's audit
 *       log.
 * </ul>
 *
 * <p>The background work runs on one thread of its own, so the submission and the import answer
 * without waiting for it; a failure is logged (ids only) and never reaches the submission.
 */
@Component
class ScreeningCases implements CompletionGuard {
  private static final Logger log = LoggerFactory.getLogger(ScreeningCases.class);
  private static final int MAX_QUEUED = 10_000;

  private final Screening screening;
  private final Subjects subjects;
  private final KycFiles files;
  private final Checks checks;
  private final TransactionTemplate transaction;
  private final ThreadPoolExecutor background;
  private final AtomicBoolean rescreenPending = new AtomicBoolean();

  ScreeningCases(
      Screening screening,
      Subjects subjects,
      KycFiles files,
      Checks checks,
      PlatformTransactionManager transactions) {
    this.screening = screening;
    this.subjects = subjects;
    this.files = files;
    this.checks = checks;
    this.transaction = new TransactionTemplate(transactions);
    this.background =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(MAX_QUEUED),
            task -> {
              Thread thread = new Thread(task, "screening-background");
              thread.setDaemon(true);
              return thread;
            },
            (task, pool) ->
                log.warn(
                    "screening background queue full: a task was dropped (the subject is"
                        + " screened when its task is completed)"));
  }

  @PreDestroy
  void stop() {
    background.shutdownNow();
  }

  /** Whether no background work is queued or running (for tests and the shutdown). */
  boolean idle() {
    return background.getActiveCount() == 0 && background.getQueue().isEmpty();
  }

  // ---- submission ----------------------------------------------------------------------------

  /** Screens the subject once its submission committed, in the background. */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void submitted(FileSubmitted submitted) {
    SubjectRef ref = submitted.ref();
    background.execute(
        () -> {
          try {
            screenNow(ref);
          } catch (RuntimeException e) {
            log.error("screening of subject {} after its submission failed", ref, e);
          }
        });
  }

  /**
   * Screens the subject's KYC file now and proposes a result for its screening task.
   *
   * @return where its screening stands, or empty if it has no readable file
   */
  Optional<Assessment> screenNow(SubjectRef ref) {
    Optional<Subject> subject = subjects.byRef(ref);
    if (subject.isEmpty()) {
      return Optional.empty();
    }
    Profile profile;
    try {
      profile = files.profile(subject.get().accountId(), subject.get().kind());
    } catch (UnreadableFileException e) {
      log.warn("subject {} not screened: its file is unreadable", ref);
      return Optional.empty();
    }
    List<Party> parties = parties(profile);
    if (parties.isEmpty()) {
      return Optional.empty();
    }
    screening.screen(subject.get().id(), parties);
    return Optional.of(propose(ref, subject.get().id()));
  }

  /**
   * The parties of a KYC file, in a stable order: the subject; for a company then the person acting
   * for it and the owners of Form A (beneficial owners) or K (controlling persons) in the
   * declaration's canonical order. Empty if the file has no subject data.
   */
  static List<Party> parties(Profile profile) {
    List<Party> parties = new ArrayList<>();
    PersonalData person = profile.person();
    if (profile.kind() == AccountKind.PERSON) {
      if (person != null) {
        parties.add(
            person(
                PartyRole.SUBJECT,
                person.givenNames(),
                person.surname(),
                person.dateOfBirth(),
                person.nationality()));
      }
      return parties;
    }
    if (profile.entity() == null) {
      return parties;
    }
    parties.add(
        Party.organisation(
            PartyRole.SUBJECT,
            clip(profile.entity().name()),
            profile.entity().domicile().country()));
    if (person != null) {
      parties.add(
          person(
              PartyRole.REPRESENTATIVE,
              person.givenNames(),
              person.surname(),
              person.dateOfBirth(),
              person.nationality()));
    }
    OwnerDeclaration owners = profile.beneficialOwners();
    if (owners != null) {
      PartyRole role =
          owners instanceof OwnerDeclaration.FormK
              ? PartyRole.CONTROLLING_PERSON
              : PartyRole.BENEFICIAL_OWNER;
      for (BeneficialOwner owner : owners.owners()) {
        parties.add(
            person(
                role,
                owner.givenNames(),
                owner.surname(),
                owner.dateOfBirth(),
                owner.nationality()));
      }
    }
    return parties.subList(0, Math.min(parties.size(), Screening.MAX_PARTIES));
  }

  private static Party person(
      PartyRole role,
      String givenNames,
      String surname,
      java.time.LocalDate birthDate,
      String nationality) {
    return new Party(
        role, EntryKind.PERSON, clip(givenNames + " " + surname), birthDate, nationality);
  }

  private static String clip(String name) {
    String stripped = name.strip();
    return stripped.length() <= Party.MAX_NAME_LENGTH
        ? stripped
        : stripped.substring(0, Party.MAX_NAME_LENGTH).strip();
  }

  // ---- proposals -----------------------------------------------------------------------------

  /** Proposes what the subject's screening stands for, if anything; returns the assessment. */
  Assessment propose(SubjectRef ref, SubjectId subject) {
    Assessment assessment = screening.assess(subject);
    proposal(assessment, screening.hits(subject))
        .ifPresent(p -> checks.propose(ref, CheckProcess.SANCTIONS_SCREENING, p));
    return assessment;
  }

  /**
   * The proposal for an assessment: see the class comment. Empty while hits wait for a verdict
   * (unless a sanctions or ASF hit is confirmed already) and for a subject not screened.
   */
  static Optional<Proposal> proposal(Assessment assessment, List<StoredHit> hits) {
    return switch (assessment) {
      case Assessment.NotScreened n -> Optional.empty();
      case Assessment.NeedsReview r -> Optional.empty();
      case Assessment.Clear c ->
          Optional.of(
              new Proposal(
                  CheckResult.PASSED,
                  false,
                  hits.stream().anyMatch(StoredHit::standing)
                      ? "checks.screening.false-positives"
                      : "checks.screening.no-hits"));
      case Assessment.Confirmed c when c.categories().contains(ListCategory.SANCTIONS) ->
          Optional.of(new Proposal(CheckResult.FAILED, true, "checks.screening.sanctions-hit"));
      case Assessment.Confirmed c when c.categories().contains(ListCategory.ASF) ->
          Optional.of(new Proposal(CheckResult.FAILED, true, "checks.screening.asf-hit"));
      case Assessment.Confirmed c ->
          c.openHits() > 0
              ? Optional.empty()
              : Optional.of(new Proposal(CheckResult.PASSED, true, "checks.screening.pep-hit"));
    };
  }

  // ---- completion ----------------------------------------------------------------------------

  @Override
  public CheckProcess process() {
    return CheckProcess.SANCTIONS_SCREENING;
  }

  @Override
  public Optional<Objection> object(EvidenceRequest request, CheckResult result, boolean highRisk) {
    Optional<Subject> subject = subjects.byRef(request.ref());
    if (subject.isEmpty()) {
      return result == CheckResult.PASSED
          ? Optional.of(Objection.EVIDENCE_MISSING)
          : Optional.empty();
    }
    Assessment assessment = screening.assess(subject.get().id());
    if (assessment instanceof Assessment.NotScreened && result == CheckResult.PASSED) {
      // The background screening has not run (or failed): screen now, never pass unscreened.
      assessment = screenNow(request.ref()).orElse(assessment);
    }
    return switch (assessment) {
      case Assessment.NotScreened n ->
          result == CheckResult.PASSED ? Optional.of(Objection.EVIDENCE_MISSING) : Optional.empty();
      case Assessment.Clear c -> Optional.empty();
      case Assessment.NeedsReview r ->
          result == CheckResult.PASSED ? Optional.of(Objection.FINDINGS_OPEN) : Optional.empty();
      case Assessment.Confirmed c -> {
        if (!highRisk) {
          yield Optional.of(Objection.HIGH_RISK_REQUIRED);
        }
        yield result == CheckResult.PASSED && c.openHits() > 0
            ? Optional.of(Objection.FINDINGS_OPEN)
            : Optional.empty();
      }
    };
  }

  // ---- verdicts and audit --------------------------------------------------------------------

  /**
   * Records an operator's verdict on a hit ({@link Screening#dispose}) with its audit entry in one
   * transaction, then proposes for the subject's screening task again.
   */
  DispositionOutcome dispose(
      UUID hitId, @Nullable HitStatus verdict, @Nullable String reason, UUID operator) {
    DispositionOutcome outcome =
        transaction.execute(
            status -> {
              DispositionOutcome done = screening.dispose(hitId, verdict, reason, operator);
              if (done instanceof DispositionOutcome.Disposed disposed) {
                checks.audit(
                    operator,
                    "screening.hit." + apiName(disposed.hit().status()),
                    subjects.byId(disposed.hit().subject()).map(Subject::ref).orElse(null),
                    CheckProcess.SANCTIONS_SCREENING);
              }
              return done;
            });
    if (outcome == null) {
      throw new IllegalStateException("the disposition was not recorded");
    }
    if (outcome instanceof DispositionOutcome.Disposed disposed) {
      SubjectId subject = disposed.hit().subject();
      subjects.byId(subject).ifPresent(s -> propose(s.ref(), subject));
    }
    return outcome;
  }

  /** The verdict named {@code true-positive} or {@code false-positive}; else null. */
  static @Nullable HitStatus verdict(@Nullable String apiName) {
    return switch (apiName == null ? "" : apiName) {
      case "true-positive" -> HitStatus.TRUE_POSITIVE;
      case "false-positive" -> HitStatus.FALSE_POSITIVE;
      default -> null;
    };
  }

  /** {@code true-positive}, {@code false-positive} or {@code open}. */
  static String apiName(HitStatus status) {
    return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Audits an import of a list by a staff member, whatever it came to. */
  void imported(ListSource source, ImportOutcome outcome, UUID by) {
    String what =
        switch (outcome) {
          case ImportOutcome.Imported i -> "imported";
          case ImportOutcome.Unchanged u -> "unchanged";
          case ImportOutcome.Failed f -> "import-failed";
        };
    checks.audit(by, "screening." + source.path() + "." + what, null, null);
  }

  /** Audits an edit of the ASF or PEP list that made a new version. */
  void edited(ListSource source, EditOutcome outcome, UUID by, boolean added) {
    if (outcome instanceof EditOutcome.Edited) {
      checks.audit(
          by,
          "screening." + source.path() + (added ? ".entry-added" : ".entry-removed"),
          null,
          null);
    }
  }

  // ---- re-screening --------------------------------------------------------------------------

  /**
   * Re-screens every screened subject in the background when a list changed; versions that arrive
   * while a re-screening waits to start are covered by it.
   */
  @EventListener
  void listChanged(ScreeningListChanged changed) {
    if (!rescreenPending.compareAndSet(false, true)) {
      return;
    }
    background.execute(
        () -> {
          rescreenPending.set(false);
          try {
            RescreenReport report = screening.rescreenAll();
            log.info(
                "{} list version {}: re-screened {} subjects, {} new hits for {} subjects",
                changed.version().source(),
                changed.version().id(),
                report.subjects(),
                report.newHitCount(),
                report.newHits().size());
          } catch (RuntimeException e) {
            log.error("re-screening after list version {} failed", changed.version().id(), e);
          }
        });
  }

  /** A re-screening found new hits: the subject's screening task goes back to the queue. */
  @EventListener
  void hitsFound(ScreeningHitsFound found) {
    if (found.trigger() != ScreeningHitsFound.Trigger.RESCREENING) {
      return;
    }
    subjects
        .byId(found.subject())
        .ifPresent(
            s ->
                checks
                    .reopen(
                        s.ref(),
                        Set.of(CheckProcess.SANCTIONS_SCREENING),
                        ReopenReason.NEW_LIST_HIT)
                    .ifPresent(
                        caseId ->
                            log.info(
                                "case {}: screening reopened for {} new list hits",
                                caseId,
                                found.hitIds().size())));
  }
}

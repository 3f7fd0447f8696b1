package org.trademap.server.checks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
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
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.contracts.kyc.CheckResult;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.contracts.kyc.KycRegistryCalls;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.ledgergateway.outbox.Outbox;
import org.trademap.server.vault.SubjectId;
import org.trademap.server.vault.Vault;

/**
 * The work of the back office on cases and their tasks: the queue, claiming, completing, four eyes,
 * the decision, re-KYC and proposals.
 *
 * <p>Every change of a case or of one of its tasks runs in one database transaction that first
 * locks the case's row, so two people acting on the same case at once are serialised and the second
 * sees the first's result (a claim by someone else is refused, not overwritten). In the same
 * transaction the change is audit-logged and, when a result becomes final or a case is decided, its
 * ledger record is enqueued in the outbox ({@code kyc-registry.record-check} with the operator's
 * pseudonym, the process, the time the result became final, the result and the subject reference).
 * A record can only be written once the subject's registration is on the ledger ({@link
 * Refusal#NOT_REGISTERED} until then). Reasons are sealed ({@link Reasons}); logs carry ids only.
 */
@Service
class Casework {
  /** The checks every case starts with: the common checks of JPX §5. */
  static final Set<CheckProcess> REQUIRED =
      EnumSet.of(
          CheckProcess.ID_DOCUMENT,
          CheckProcess.SANCTIONS_SCREENING,
          CheckProcess.RESIDENCE_CONFIRMATION);

  private static final Logger log = LoggerFactory.getLogger(Casework.class);

  /** How urgent a task in the queue is; the queue lists the most urgent first, then the oldest. */
  enum Priority {
    /** A check-specific part proposed a high-risk result (a list hit, a PEP). */
    HIGH_RISK,
    /** Reopened for a re-KYC. */
    RE_KYC,
    NORMAL;

    static Priority of(Task task) {
      if (task.proposal() != null && task.proposal().highRisk()) {
        return HIGH_RISK;
      }
      return task.reopened() != null ? RE_KYC : NORMAL;
    }
  }

  /**
   * One task in the queue.
   *
   * @param task the task
   * @param ref its subject's reference
   * @param age how long it has waited since it (re-)entered the queue
   * @param priority how urgent
   */
  record QueueItem(Task task, SubjectRef ref, Duration age, Priority priority) {}

  /**
   * A task as the case page shows it.
   *
   * @param task the task
   * @param reason the reason of its result, if it has one and it is readable
   * @param note the note it was sent back with, if any
   * @param ledger its last ledger record, if any
   */
  record TaskDetail(
      Task task, @Nullable String reason, @Nullable String note, @Nullable LedgerState ledger) {}

  /**
   * A case as the case page shows it.
   *
   * @param checkCase the case
   * @param tasks its tasks in process order
   * @param decisionReason the reason of its latest decision, if readable
   * @param decisionLedger the ledger record of its latest decision, if any
   */
  record CaseDetail(
      CheckCase checkCase,
      List<TaskDetail> tasks,
      @Nullable String decisionReason,
      @Nullable LedgerState decisionLedger) {}

  /**
   * A completion as an operator asks for it.
   *
   * @param result passed, failed or needs-information
   * @param reason why, required
   * @param highRisk flag: a confirmed list hit, a PEP
   * @param override flag: the result overrides what the check proposed or found
   */
  record CompleteCommand(
      @Nullable CheckResult result, @Nullable String reason, boolean highRisk, boolean override) {
    @Override
    public String toString() {
      return "CompleteCommand[result=" + result + ", reason=(hidden)]";
    }
  }

  private final CheckRepository repository;
  private final AuditLog audit;
  private final Pseudonyms pseudonyms;
  private final Reasons reasons;
  private final Outbox outbox;
  private final Registrations registrations;
  private final Subjects subjects;
  private final KycKeys keys;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private Supplier<List<CompletionGuard>> guards = List::of;
  private Consumer<Object> events = event -> {};

  @Autowired
  Casework(
      DataSource dataSource,
      AuditLog audit,
      Vault vault,
      Outbox outbox,
      Registrations registrations,
      Subjects subjects,
      KycKeys keys,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock,
      ObjectProvider<CompletionGuard> guards,
      ApplicationEventPublisher events) {
    this(
        dataSource,
        audit,
        vault,
        outbox,
        registrations,
        subjects,
        keys,
        transactions,
        clock.getIfUnique(Clock::systemUTC));
    // Resolved on use: the guards are parts that use the back office themselves.
    this.guards = () -> guards.orderedStream().toList();
    this.events = events::publishEvent;
  }

  /** For tests: the back office on the given database, registrations and clock. */
  Casework(
      DataSource dataSource,
      AuditLog audit,
      Vault vault,
      Outbox outbox,
      Registrations registrations,
      Subjects subjects,
      KycKeys keys,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.repository = new CheckRepository(dataSource);
    this.audit = audit;
    this.clock = clock;
    this.pseudonyms = new Pseudonyms(dataSource, clock);
    this.reasons = new Reasons(vault);
    this.outbox = outbox;
    this.registrations = registrations;
    this.subjects = subjects;
    this.keys = keys;
    this.transaction = new TransactionTemplate(transactions);
  }

  // ---- opening and reading -------------------------------------------------------------------

  /**
   * Opens the case of a submitted file with one open task per required check, unless the account
   * has one. Runs in the caller's transaction (the submission's).
   *
   * @return the new case, or empty if the account had one
   */
  Optional<CheckCase> open(SubjectRef ref, UUID accountId, int revision, Instant at) {
    CheckCase opened =
        new CheckCase(
            UUID.randomUUID(),
            accountId,
            ref,
            revision,
            at,
            new CaseState.Open(null),
            0,
            null,
            null);
    if (!repository.insertCase(opened)) {
      return Optional.empty();
    }
    for (CheckProcess process : REQUIRED) {
      repository.insertTask(Task.open(opened.id(), process, at));
    }
    audit.record(null, AuditLog.Action.CASE_OPENED, opened.id(), null, null);
    log.info("case {} opened with {} tasks", opened.id(), REQUIRED.size());
    return Optional.of(opened);
  }

  /** The open and claimed tasks of a check: most urgent first, then the oldest. */
  List<QueueItem> queue(CheckProcess process) {
    return repository.queued(process).stream()
        .map(t -> new QueueItem(t, repository.refOf(t.caseId()), age(t), Priority.of(t)))
        .sorted(
            Comparator.comparing(QueueItem::priority)
                .thenComparing(i -> i.task().openedAt())
                .thenComparing(i -> i.task().id()))
        .toList();
  }

  /** The results waiting for a supervisor, oldest first. */
  List<QueueItem> awaitingApproval() {
    return repository.awaitingApproval().stream()
        .map(t -> new QueueItem(t, repository.refOf(t.caseId()), age(t), Priority.of(t)))
        .toList();
  }

  /** The case with its tasks, reasons and ledger records; the view is audit-logged. */
  Outcome<CaseDetail> view(Staff staff, UUID caseId) {
    Optional<CheckCase> found = repository.findCase(caseId);
    if (found.isEmpty()) {
      return Outcome.refused(Refusal.CASE_NOT_FOUND);
    }
    CheckCase c = found.get();
    audit.record(staff.id(), AuditLog.Action.CASE_VIEWED, c.id(), null, null);
    return Outcome.done(detail(c));
  }

  /** The case of a task, for pages that act on a task and show its case again. */
  Optional<UUID> caseOf(UUID taskId) {
    return repository.findTask(taskId).map(Task::caseId);
  }

  /** The case of an account, if its file was submitted. */
  Optional<CheckCase> caseOfAccount(UUID accountId) {
    return repository.findCaseByAccount(accountId);
  }

  /** The case of a subject, if its file was submitted. */
  Optional<CheckCase> caseOfSubject(SubjectRef ref) {
    return repository.findCaseByRef(ref);
  }

  /** The case with this id, if any (not audit-logged: no details). */
  Optional<CheckCase> caseById(UUID caseId) {
    return repository.findCase(caseId);
  }

  /** The subject reference of a case. */
  SubjectRef refOf(UUID caseId) {
    return repository.refOf(caseId);
  }

  /** How long the task has waited since it (re-)entered the queue. */
  Duration age(Task task) {
    return Duration.between(task.openedAt(), clock.instant());
  }

  /** The case's tasks in process order. */
  List<Task> tasks(UUID caseId) {
    return repository.tasksOf(caseId);
  }

  /** The case with its tasks, without audit (for the case's own account and for views). */
  CaseDetail detail(CheckCase c) {
    Optional<SubjectId> subject = subjects.byRef(c.ref()).map(Subject::id);
    List<TaskDetail> tasks = new ArrayList<>();
    for (Task task : repository.tasksOf(c.id())) {
      CheckRepository.TaskTexts texts = repository.texts(task.id());
      tasks.add(
          new TaskDetail(
              task,
              subject
                  .flatMap(
                      s ->
                          reasons.open(
                              s, Reasons.taskReason(task.id(), task.round()), texts.reasonSealed()))
                  .orElse(null),
              subject
                  .flatMap(
                      s ->
                          reasons.open(
                              s, Reasons.taskNote(task.id(), task.round()), texts.noteSealed()))
                  .orElse(null),
              LedgerState.of(outbox, texts.ledgerKey()).orElse(null)));
    }
    String decisionReason =
        c.decisionRound() == 0
            ? null
            : subject
                .flatMap(
                    s ->
                        reasons.open(
                            s,
                            Reasons.decisionReason(c.id(), c.decisionRound()),
                            repository.decisionReason(c.id()).orElse(null)))
                .orElse(null);
    LedgerState decisionLedger =
        c.decisionRound() == 0
            ? null
            : LedgerState.of(outbox, decisionKey(c.id(), c.decisionRound())).orElse(null);
    return new CaseDetail(c, tasks, decisionReason, decisionLedger);
  }

  /** The pseudonym staff members show under, on pages and on the ledger. */
  String pseudonym(UUID staff) {
    return pseudonyms.of(staff);
  }

  // ---- tasks ---------------------------------------------------------------------------------

  /** Claims a task; claiming one's own claim again changes nothing. */
  Outcome<Task> claim(Staff staff, UUID taskId) {
    Instant now = clock.instant();
    return onTask(
        taskId,
        (c, task) ->
            switch (task.state().claim(staff.id(), now)) {
              case TaskState.Transition.Refused r -> Outcome.refused(r.why());
              case TaskState.Transition.Moved m -> {
                Task next = task.in(m.next());
                if (!next.equals(task)) {
                  repository.updateTask(next, null, null, null);
                  audit.record(staff.id(), AuditLog.Action.TASK_CLAIMED, c.id(), task.id(), null);
                }
                yield Outcome.done(next);
              }
            });
  }

  /** Gives a claim back: the claimant's own, or any as a supervisor. */
  Outcome<Task> release(Staff staff, UUID taskId) {
    return onTask(
        taskId,
        (c, task) ->
            switch (task.state().release(staff)) {
              case TaskState.Transition.Refused r -> Outcome.refused(r.why());
              case TaskState.Transition.Moved m -> {
                Task next = task.in(m.next());
                repository.updateTask(next, null, null, null);
                audit.record(staff.id(), AuditLog.Action.TASK_RELEASED, c.id(), task.id(), null);
                yield Outcome.done(next);
              }
            });
  }

  /**
   * Completes a claimed task with a result and a reason. A high-risk or override result waits for a
   * supervisor; any other is final and recorded on the ledger at once. A result other than the
   * task's proposal is an override ({@link #overridesProposal}).
   */
  Outcome<Task> complete(Staff staff, UUID taskId, CompleteCommand command) {
    CheckResult result = command.result();
    if (result == null) {
      return Outcome.refused(Refusal.BAD_RESULT);
    }
    String reason;
    switch (Reasons.check(command.reason(), true)) {
      case Reasons.Checked.Refused r -> {
        return Outcome.refused(r.why());
      }
      case Reasons.Checked.Valid v -> reason = v.text();
    }
    Optional<Refusal> objection = objection(taskId, result, command.highRisk());
    if (objection.isPresent()) {
      return Outcome.refused(objection.get());
    }
    Instant now = clock.instant();
    return onTask(
        taskId,
        (c, task) -> {
          TaskState.Completion completion =
              TaskState.Completion.of(
                  result,
                  staff.id(),
                  now,
                  command.highRisk(),
                  command.override() || overridesProposal(task, result));
          TaskState.Transition step = task.state().complete(staff, completion);
          if (step instanceof TaskState.Transition.Refused r) {
            return Outcome.refused(r.why());
          }
          Task next = task.in(((TaskState.Transition.Moved) step).next());
          boolean fin = next.state() instanceof TaskState.Done;
          if (fin && !registered(c)) {
            return Outcome.refused(Refusal.NOT_REGISTERED);
          }
          byte[] sealed =
              reasons.seal(subjectOf(c), Reasons.taskReason(task.id(), task.round()), reason);
          repository.updateTask(next, sealed, null, fin ? recordResult(c, next) : null);
          audit.record(
              staff.id(),
              fin ? AuditLog.Action.TASK_COMPLETED : AuditLog.Action.TASK_SUBMITTED_FOR_APPROVAL,
              c.id(),
              task.id(),
              null);
          return Outcome.done(next);
        });
  }

  /**
   * Whether a result overrides what the check-specific part proposed (another result than the
   * proposal's): it counts as an override, so a supervisor approves it, whether or not the operator
   * ticked the flag.
   */
  static boolean overridesProposal(Task task, CheckResult result) {
    return task.proposal() != null && task.proposal().result() != result;
  }

  /** A supervisor approves a result waiting for approval (not their own): it becomes final. */
  Outcome<Task> approve(Staff staff, UUID taskId) {
    Instant now = clock.instant();
    return onTask(
        taskId,
        (c, task) -> {
          TaskState.Transition step = task.state().approve(staff, now);
          if (step instanceof TaskState.Transition.Refused r) {
            return Outcome.refused(r.why());
          }
          if (!registered(c)) {
            return Outcome.refused(Refusal.NOT_REGISTERED);
          }
          Task next = task.in(((TaskState.Transition.Moved) step).next());
          repository.updateTask(next, null, null, recordResult(c, next));
          audit.record(staff.id(), AuditLog.Action.TASK_APPROVED, c.id(), task.id(), null);
          return Outcome.done(next);
        });
  }

  /** A supervisor sends a result waiting for approval back to the queue, with a note. */
  Outcome<Task> sendBack(Staff staff, UUID taskId, @Nullable String note) {
    String text;
    switch (Reasons.check(note, true)) {
      case Reasons.Checked.Refused r -> {
        return Outcome.refused(r.why());
      }
      case Reasons.Checked.Valid v -> text = v.text();
    }
    Instant now = clock.instant();
    return onTask(
        taskId,
        (c, task) -> {
          TaskState.Transition step = task.state().sendBack(staff);
          if (step instanceof TaskState.Transition.Refused r) {
            return Outcome.refused(r.why());
          }
          Task next = task.sentBack(staff.id(), now);
          byte[] sealed =
              reasons.seal(subjectOf(c), Reasons.taskNote(task.id(), next.round()), text);
          repository.updateTask(next, null, sealed, null);
          audit.record(staff.id(), AuditLog.Action.TASK_SENT_BACK, c.id(), task.id(), null);
          return Outcome.done(next);
        });
  }

  // ---- cases ---------------------------------------------------------------------------------

  /**
   * Decides a case: approve (every check done and passed), reject (a check failed) or ask for
   * information (a check needs it). Rejecting and asking need a reason, which the user sees. The
   * decision is recorded on the ledger as the {@code approval} check; a rejection revokes the
   * user's KYC key, if they have one.
   */
  Outcome<CheckCase> decide(
      Staff staff, UUID caseId, @Nullable Decision decision, @Nullable String reason) {
    if (decision == null) {
      return Outcome.refused(Refusal.BAD_DECISION);
    }
    String text;
    switch (Reasons.check(reason, decision != Decision.APPROVED)) {
      case Reasons.Checked.Refused r -> {
        return Outcome.refused(r.why());
      }
      case Reasons.Checked.Valid v -> text = v.text();
    }
    Instant now = clock.instant();
    return inTransaction(
        () -> {
          Optional<CheckCase> locked = repository.lockCase(caseId);
          if (locked.isEmpty()) {
            return Outcome.refused(Refusal.CASE_NOT_FOUND);
          }
          CheckCase c = locked.get();
          CaseState.CaseStep step =
              c.state().decide(decision, staff.id(), now, repository.tasksOf(c.id()));
          if (step instanceof CaseState.CaseStep.Refused r) {
            return Outcome.refused(r.why());
          }
          if (!registered(c)) {
            return Outcome.refused(Refusal.NOT_REGISTERED);
          }
          CheckCase decided = c.decided(((CaseState.CaseStep.Moved) step).decided());
          enqueueCheck(
              decisionKey(c.id(), decided.decisionRound()),
              c,
              CheckProcess.APPROVAL,
              decision.ledgerResult(),
              staff.id(),
              now);
          byte[] sealed =
              text.isEmpty()
                  ? null
                  : reasons.seal(
                      subjectOf(c), Reasons.decisionReason(c.id(), decided.decisionRound()), text);
          repository.updateCase(decided, sealed);
          if (decision == Decision.REJECTED) {
            keys.revoke(c, now);
          }
          if (decision != Decision.NEEDS_INFORMATION) {
            events.accept(
                new KycCaseDecided(
                    c.ref(),
                    c.accountId(),
                    decision == Decision.APPROVED,
                    decided.decisionRound(),
                    now));
          }
          audit.record(
              staff.id(),
              switch (decision) {
                case APPROVED -> AuditLog.Action.CASE_APPROVED;
                case REJECTED -> AuditLog.Action.CASE_REJECTED;
                case NEEDS_INFORMATION -> AuditLog.Action.CASE_NEEDS_INFORMATION;
              },
              c.id(),
              null,
              null);
          log.info("case {} decided: {}", c.id(), decision);
          return Outcome.done(decided);
        });
  }

  /**
   * Reopens checks of a subject's case for a re-KYC: each named check goes back to the queue (made
   * if the case has none for it), and a decided case is open again; its earlier decision stays in
   * the history, and the user's KYC key stays valid until a new decision rejects.
   *
   * @param staff the supervisor who reopens by hand, or null for the server (expiry, data change,
   *     re-screening)
   * @return the reopened case, or empty if the subject has no case
   */
  Optional<CheckCase> reopen(
      @Nullable UUID staff, SubjectRef ref, Set<CheckProcess> processes, ReopenReason reason) {
    if (processes.isEmpty() || processes.contains(CheckProcess.APPROVAL)) {
      throw new IllegalArgumentException("reopen names at least one check, never the approval");
    }
    Instant now = clock.instant();
    return inTransaction(
        () -> {
          Optional<CheckCase> found =
              repository.findCaseByRef(ref).flatMap(c -> repository.lockCase(c.id()));
          if (found.isEmpty()) {
            return Optional.empty();
          }
          CheckCase c = found.get();
          List<Task> tasks = repository.tasksOf(c.id());
          for (CheckProcess process : processes) {
            Optional<Task> task = tasks.stream().filter(t -> t.process() == process).findFirst();
            Task reopened =
                task.map(t -> t.reopen(reason, now))
                    .orElseGet(() -> Task.open(c.id(), process, now).reopen(reason, now));
            if (task.isEmpty()) {
              repository.insertTask(reopened);
            } else {
              repository.updateTask(reopened, null, null, null);
            }
            audit.record(staff, AuditLog.Action.TASK_REOPENED, c.id(), reopened.id(), null);
          }
          CheckCase next = c.reopened(reason, now);
          repository.updateCase(next, null);
          audit.record(staff, AuditLog.Action.CASE_REOPENED, c.id(), null, null);
          log.info("case {} reopened ({}): {}", c.id(), reason, processes);
          return Optional.of(next);
        });
  }

  /**
   * Stores what a check-specific part proposes for the open or claimed task of a check; a completed
   * task keeps its result (the part reopens it first, if it must).
   *
   * @return whether the proposal was stored
   */
  boolean propose(SubjectRef ref, CheckProcess process, Proposal proposal) {
    return Boolean.TRUE.equals(
        transaction.execute(
            status -> {
              Optional<CheckCase> found =
                  repository.findCaseByRef(ref).flatMap(c -> repository.lockCase(c.id()));
              if (found.isEmpty()) {
                return false;
              }
              Optional<Task> task =
                  repository.tasksOf(found.get().id()).stream()
                      .filter(t -> t.process() == process)
                      .filter(
                          t ->
                              t.state() instanceof TaskState.Open
                                  || t.state() instanceof TaskState.Claimed)
                      .findFirst();
              task.ifPresent(t -> repository.updateTask(t.proposing(proposal), null, null, null));
              return task.isPresent();
            }));
  }

  /**
   * Appends a staff action of a check-specific part to the audit log, on the subject's case (and
   * the task of {@code process}) if given.
   */
  void recordPartAction(
      @Nullable UUID staff,
      String action,
      @Nullable SubjectRef ref,
      @Nullable CheckProcess process) {
    Optional<CheckCase> c = ref == null ? Optional.empty() : repository.findCaseByRef(ref);
    UUID taskId =
        c.isEmpty() || process == null
            ? null
            : repository.tasksOf(c.get().id()).stream()
                .filter(t -> t.process() == process)
                .map(Task::id)
                .findFirst()
                .orElse(null);
    audit.record(
        staff,
        action,
        c.map(CheckCase::id).orElse(null),
        taskId,
        c.map(CheckCase::accountId).orElse(null));
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** The first objection of the check's {@link CompletionGuard}s to completing the task, if any. */
  private Optional<Refusal> objection(UUID taskId, CheckResult result, boolean highRisk) {
    Optional<Task> task = repository.findTask(taskId);
    if (task.isEmpty()) {
      return Optional.empty();
    }
    Optional<CheckCase> c = repository.findCase(task.get().caseId());
    if (c.isEmpty()) {
      return Optional.empty();
    }
    EvidenceRequest request =
        new EvidenceRequest(
            c.get().id(), taskId, task.get().process(), c.get().ref(), c.get().accountId());
    for (CompletionGuard guard : guards.get()) {
      if (guard.process() != task.get().process()) {
        continue;
      }
      Optional<CompletionGuard.Objection> objection = guard.object(request, result, highRisk);
      if (objection.isPresent()) {
        return Optional.of(
            switch (objection.get()) {
              case FINDINGS_OPEN -> Refusal.FINDINGS_OPEN;
              case HIGH_RISK_REQUIRED -> Refusal.HIGH_RISK_REQUIRED;
              case EVIDENCE_MISSING -> Refusal.EVIDENCE_MISSING;
            });
      }
    }
    return Optional.empty();
  }

  /** Runs {@code work} on the task after locking its case. */
  private <T> Outcome<T> onTask(UUID taskId, TaskWork<T> work) {
    return inTransaction(
        () -> {
          Optional<Task> found = repository.findTask(taskId);
          if (found.isEmpty()) {
            return Outcome.refused(Refusal.TASK_NOT_FOUND);
          }
          CheckCase c = repository.lockCase(found.get().caseId()).orElseThrow();
          Task task = repository.findTask(taskId).orElseThrow();
          return work.apply(c, task);
        });
  }

  /** Work on a task whose case is locked. */
  @FunctionalInterface
  private interface TaskWork<T> {
    Outcome<T> apply(CheckCase c, Task task);
  }

  /** Enqueues the ledger record of a final result; its outbox key. */
  private String recordResult(CheckCase c, Task task) {
    TaskState.Completion done = Objects.requireNonNull(task.state().result());
    String key = "checks/check/" + task.id() + "/r" + task.round();
    enqueueCheck(key, c, task.process(), done.result(), done.by(), done.finalAt());
    return key;
  }

  /**
   * Enqueues {@code record-check}: the subject reference, the process, the result, the pseudonym of
   * the staff member who did it and when it became final. Nothing else goes to the ledger.
   */
  private void enqueueCheck(
      String key, CheckCase c, CheckProcess process, CheckResult result, UUID staff, Instant at) {
    outbox.enqueue(
        key,
        KycRegistry.ID,
        KycRegistry.VERSION,
        KycRegistry.RECORD_CHECK,
        KycRegistryCalls.recordCheck(
            c.ref().value(), process, result, pseudonyms.of(staff), at.toEpochMilli()));
  }

  static String decisionKey(UUID caseId, int round) {
    return "checks/decision/" + caseId + "/d" + round;
  }

  /** Whether the subject's registration is on the ledger, so that checks can be recorded. */
  boolean registered(CheckCase c) {
    return registrations.registered(c.accountId());
  }

  private SubjectId subjectOf(CheckCase c) {
    return subjects
        .byRef(c.ref())
        .map(Subject::id)
        .orElseThrow(() -> new IllegalStateException("case " + c.id() + " has no subject"));
  }

  private <T> T inTransaction(Supplier<T> work) {
    return Objects.requireNonNull(transaction.execute(status -> work.get()));
  }
}

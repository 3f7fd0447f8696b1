package org.trademap.server.checks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.contracts.kyc.CheckResult;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.web.ProblemException;

/**
 * The back office's JSON API, {@code /api/v1/checks/**}: operators and supervisors only (users get
 * {@code 403 auth.forbidden}); the supervisor's actions refuse operators with {@code 403
 * checks.supervisor-only}. Every refusal is a problem document with a stable code and changes
 * nothing.
 */
@RestController
@RequestMapping(path = "/api/v1/checks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Back office",
    description =
        "The KYC back office: a case per submitted file with one task per common check"
            + " (id-document, sanctions-screening, residence-confirmation), work queues with claim"
            + " and release, results with reasons, four eyes on high-risk results and overrides,"
            + " the decision and the audit log. Roles kyc-operator and kyc-supervisor; every final"
            + " result and decision is recorded on the ledger under the operator's pseudonym.")
class ChecksController {

  /**
   * A result as given.
   *
   * @param result passed, failed or needs-information
   * @param completedBy the pseudonym of the operator who gave it
   * @param completedAt when
   * @param highRisk flagged high-risk
   * @param override flagged as an override of what the check proposed
   * @param approvedBy the pseudonym of the supervisor who approved it (four eyes), if any
   * @param approvedAt when, if approved
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ResultView(
      String result,
      String completedBy,
      Instant completedAt,
      boolean highRisk,
      boolean override,
      @Nullable String approvedBy,
      @Nullable Instant approvedAt) {}

  /**
   * What a check-specific part proposes.
   *
   * @param result the proposed result
   * @param highRisk whether it found something high-risk
   * @param note a message key naming what it found
   */
  record ProposalView(String result, boolean highRisk, String note) {}

  /**
   * A task.
   *
   * @param taskId the task
   * @param caseId its case
   * @param subjectRef the subject's pseudonymous reference
   * @param process id-document, sanctions-screening or residence-confirmation
   * @param state open, claimed, awaiting-approval or done
   * @param round 1, one more each time it went back to the queue
   * @param priority high-risk, re-kyc or normal
   * @param openedAt when it (re-)entered the queue
   * @param ageSeconds how long it has waited since
   * @param reopenReason why it was reopened (re-KYC), if it was
   * @param claimedBy the pseudonym of who claimed it, while claimed
   * @param claimedByMe whether the caller claimed it
   * @param result its result, once completed
   * @param proposal what a check-specific part proposes, if anything
   * @param reason the reason of its result (case view only)
   * @param note the note it was sent back with (case view only)
   * @param ledger the ledger record of its final result
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "CheckTask")
  record TaskView(
      UUID taskId,
      UUID caseId,
      String subjectRef,
      String process,
      String state,
      int round,
      String priority,
      Instant openedAt,
      long ageSeconds,
      @Nullable String reopenReason,
      @Nullable String claimedBy,
      boolean claimedByMe,
      @Nullable ResultView result,
      @Nullable ProposalView proposal,
      @Nullable String reason,
      @Nullable String note,
      @Nullable LedgerState ledger) {}

  /**
   * A work queue.
   *
   * @param process the check
   * @param tasks its open and claimed tasks, most urgent first (high-risk, re-KYC), then oldest
   */
  record QueueView(String process, List<TaskView> tasks) {}

  /**
   * A case.
   *
   * @param caseId the case
   * @param subjectRef the subject's pseudonymous reference
   * @param openedAt when the file was submitted
   * @param state open, approved, rejected or needs-information
   * @param decision the latest decision (also while a reopened case is open again), if any
   * @param decidedBy the pseudonym of who made it
   * @param decidedAt when
   * @param decisionReason its reason
   * @param decisionLedger its ledger record
   * @param reopenedAt the latest re-KYC, if any
   * @param reopenReason why
   * @param tasks its tasks
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "CheckCase")
  record CaseView(
      UUID caseId,
      String subjectRef,
      Instant openedAt,
      String state,
      @Nullable String decision,
      @Nullable String decidedBy,
      @Nullable Instant decidedAt,
      @Nullable String decisionReason,
      @Nullable LedgerState decisionLedger,
      @Nullable Instant reopenedAt,
      @Nullable String reopenReason,
      List<TaskView> tasks) {}

  /**
   * A completion.
   *
   * @param result passed, failed or needs-information
   * @param reason why (required; may name the person: it is sealed, never logged or on the ledger)
   * @param highRisk a confirmed list hit, a PEP: a supervisor must approve
   * @param override the result overrides what the check proposed or found: a supervisor must
   *     approve
   */
  record CompleteRequest(
      @Nullable String result,
      @Nullable String reason,
      @Nullable Boolean highRisk,
      @Nullable Boolean override) {
    @Override
    public String toString() {
      return "CompleteRequest[result=" + result + ", reason=(hidden)]";
    }
  }

  /**
   * A note for a send-back.
   *
   * @param note what to do again (required)
   */
  record NoteRequest(@Nullable String note) {
    @Override
    public String toString() {
      return "NoteRequest[(hidden)]";
    }
  }

  /**
   * A decision.
   *
   * @param decision approve, reject or needs-information
   * @param reason required for reject and needs-information: the user sees it
   */
  record DecisionRequest(@Nullable String decision, @Nullable String reason) {
    @Override
    public String toString() {
      return "DecisionRequest[decision=" + decision + ", reason=(hidden)]";
    }
  }

  /**
   * A supervisor's re-KYC.
   *
   * @param processes the checks to reopen
   */
  record ReopenRequest(@Nullable List<String> processes) {}

  /**
   * A page of the audit log.
   *
   * @param entries newest first
   */
  record AuditPage(List<AuditLog.Entry> entries) {}

  private final Casework casework;
  private final AuditLog audit;

  ChecksController(Casework casework, AuditLog audit) {
    this.casework = casework;
    this.audit = audit;
  }

  @GetMapping("/queue")
  @Operation(summary = "The work queue of a check: its open and claimed tasks")
  @ApiResponse(responseCode = "200", description = "the queue, most urgent first, then oldest")
  @ApiResponse(responseCode = "400", description = "checks.unknown-process")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(responseCode = "403", description = "auth.forbidden: not back-office staff")
  QueueView queue(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam(name = "process", defaultValue = "id-document") String process) {
    CheckProcess check =
        processOf(process)
            .filter(Casework.REQUIRED::contains)
            .orElseThrow(() -> problem(Refusal.UNKNOWN_PROCESS));
    return new QueueView(
        check.wireName(), casework.queue(check).stream().map(i -> item(user, i)).toList());
  }

  @GetMapping("/approvals")
  @Operation(summary = "Results waiting for a supervisor's approval (supervisors only)")
  @ApiResponse(responseCode = "200", description = "oldest completion first")
  @ApiResponse(responseCode = "403", description = "checks.supervisor-only")
  QueueView approvals(@AuthenticationPrincipal SignedIn user) {
    requireSupervisor(user);
    return new QueueView(
        "approvals", casework.awaitingApproval().stream().map(i -> item(user, i)).toList());
  }

  @GetMapping("/cases/{caseId}")
  @Operation(
      summary = "A case with its tasks, reasons, decision and ledger records",
      description = "Each view is audit-logged (case.viewed).")
  @ApiResponse(responseCode = "200", description = "the case")
  @ApiResponse(responseCode = "404", description = "checks.case-not-found")
  CaseView view(@AuthenticationPrincipal SignedIn user, @PathVariable UUID caseId) {
    return caseView(user, unwrap(casework.view(Staff.of(user), caseId)));
  }

  @PostMapping("/tasks/{taskId}/claim")
  @Operation(
      summary = "Claim a task: one operator at a time",
      description = "Claiming one's own claim again changes nothing.")
  @ApiResponse(responseCode = "200", description = "the claimed task")
  @ApiResponse(responseCode = "409", description = "checks.claimed-by-other; checks.task-completed")
  @ApiResponse(responseCode = "404", description = "checks.task-not-found")
  TaskView claim(@AuthenticationPrincipal SignedIn user, @PathVariable UUID taskId) {
    return task(user, unwrap(casework.claim(Staff.of(user), taskId)));
  }

  @PostMapping("/tasks/{taskId}/release")
  @Operation(
      summary = "Give a claim back",
      description = "The claimant's own claim; a supervisor may release anyone's.")
  @ApiResponse(responseCode = "200", description = "the task, open again")
  @ApiResponse(
      responseCode = "409",
      description = "checks.claimed-by-other; checks.not-claimed-by-you; checks.task-completed")
  TaskView release(@AuthenticationPrincipal SignedIn user, @PathVariable UUID taskId) {
    return task(user, unwrap(casework.release(Staff.of(user), taskId)));
  }

  @PostMapping(path = "/tasks/{taskId}/complete", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Complete a claimed task with a result and a reason",
      description =
          "A plain result is final and recorded on the ledger (record-check). A high-risk or"
              + " override result waits for a supervisor's approval (four eyes).")
  @ApiResponse(responseCode = "200", description = "the task: done or awaiting-approval")
  @ApiResponse(
      responseCode = "409",
      description =
          "checks.claimed-by-other (someone else claimed it); checks.not-claimed-by-you;"
              + " checks.task-completed; checks.not-registered (the subject's registration is"
              + " not on the ledger yet)")
  @ApiResponse(
      responseCode = "422",
      description = "checks.bad-result; checks.reason-required; checks.reason-too-long")
  TaskView complete(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable UUID taskId,
      @RequestBody CompleteRequest body) {
    CheckResult result = resultOf(body.result()).orElse(null);
    if (result == null) {
      throw problem(Refusal.BAD_RESULT);
    }
    return task(
        user,
        unwrap(
            casework.complete(
                Staff.of(user),
                taskId,
                new Casework.CompleteCommand(
                    result,
                    body.reason(),
                    Boolean.TRUE.equals(body.highRisk()),
                    Boolean.TRUE.equals(body.override())))));
  }

  @PostMapping("/tasks/{taskId}/approve")
  @Operation(
      summary = "Approve a high-risk or override result (supervisors only, not their own)",
      description = "The result becomes final and is recorded on the ledger.")
  @ApiResponse(responseCode = "200", description = "the task, done")
  @ApiResponse(
      responseCode = "403",
      description = "checks.supervisor-only; checks.own-result (four eyes)")
  @ApiResponse(responseCode = "409", description = "checks.not-awaiting-approval")
  TaskView approve(@AuthenticationPrincipal SignedIn user, @PathVariable UUID taskId) {
    return task(user, unwrap(casework.approve(Staff.of(user), taskId)));
  }

  @PostMapping(path = "/tasks/{taskId}/send-back", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Send a result waiting for approval back to the queue (supervisors only)")
  @ApiResponse(responseCode = "200", description = "the task, open again in a new round")
  @ApiResponse(
      responseCode = "403",
      description = "checks.supervisor-only; checks.own-result (four eyes)")
  @ApiResponse(responseCode = "409", description = "checks.not-awaiting-approval")
  @ApiResponse(responseCode = "422", description = "checks.reason-required")
  TaskView sendBack(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable UUID taskId,
      @RequestBody NoteRequest body) {
    return task(user, unwrap(casework.sendBack(Staff.of(user), taskId, body.note())));
  }

  @PostMapping(path = "/cases/{caseId}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Decide a case: approve, reject or needs-information",
      description =
          "Approve needs every check done and passed (with the supervisor approvals four eyes"
              + " require); reject needs a failed check; needs-information a check whose result"
              + " says so. The user sees the reason on My Page. Recorded on the ledger as the"
              + " approval check; approval lets the user collect a KYC key, rejection revokes it.")
  @ApiResponse(responseCode = "200", description = "the decided case")
  @ApiResponse(
      responseCode = "409",
      description =
          "checks.case-decided; checks.checks-not-passed; checks.no-failed-check;"
              + " checks.no-check-needs-information; checks.not-registered")
  @ApiResponse(
      responseCode = "422",
      description = "checks.bad-decision; checks.reason-required; checks.reason-too-long")
  CaseView decide(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable UUID caseId,
      @RequestBody DecisionRequest body) {
    Staff staff = Staff.of(user);
    Decision decision =
        Decision.ofVerb(body.decision()).orElseThrow(() -> problem(Refusal.BAD_DECISION));
    unwrap(casework.decide(staff, caseId, decision, body.reason()));
    return caseView(user, unwrap(casework.view(staff, caseId)));
  }

  @PostMapping(path = "/cases/{caseId}/reopen", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Reopen checks of a case by hand (supervisors only)",
      description =
          "The re-KYC a supervisor starts: the named checks go back to the queue, first in line,"
              + " and a decided case is open again. The user sees that checks were reopened.")
  @ApiResponse(responseCode = "200", description = "the reopened case")
  @ApiResponse(responseCode = "403", description = "checks.supervisor-only")
  @ApiResponse(responseCode = "400", description = "checks.unknown-process")
  CaseView reopen(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable UUID caseId,
      @RequestBody ReopenRequest body) {
    requireSupervisor(user);
    Set<CheckProcess> processes = EnumSet.noneOf(CheckProcess.class);
    for (String name : body.processes() == null ? List.<String>of() : body.processes()) {
      processes.add(
          processOf(name)
              .filter(p -> p != CheckProcess.APPROVAL)
              .orElseThrow(() -> problem(Refusal.UNKNOWN_PROCESS)));
    }
    if (processes.isEmpty()) {
      throw problem(Refusal.UNKNOWN_PROCESS);
    }
    CheckCase c = casework.caseById(caseId).orElseThrow(() -> problem(Refusal.CASE_NOT_FOUND));
    casework.reopen(user.accountId(), c.ref(), processes, ReopenReason.SUPERVISOR);
    return caseView(user, unwrap(casework.view(Staff.of(user), caseId)));
  }

  @GetMapping("/audit")
  @Operation(
      summary = "The audit log of staff actions, newest first (supervisors only)",
      description =
          "Who (staff account id), what (action code), when (UTC), on which case, task or"
              + " account; never personal data. Reading it is audit-logged too.")
  @ApiResponse(responseCode = "200", description = "a page of entries")
  @ApiResponse(responseCode = "403", description = "checks.supervisor-only")
  AuditPage audit(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam(name = "caseId", required = false) @Nullable UUID caseId,
      @RequestParam(name = "before", required = false) @Nullable Long before,
      @RequestParam(name = "limit", defaultValue = "100") int limit) {
    requireSupervisor(user);
    audit.record(user.accountId(), AuditLog.Action.AUDIT_READ, caseId, null, null);
    return new AuditPage(audit.entries(caseId, before, limit));
  }

  // ---- views ---------------------------------------------------------------------------------

  private TaskView item(SignedIn user, Casework.QueueItem item) {
    return task(user, item.task(), item.ref().value(), item.priority(), null);
  }

  private TaskView task(SignedIn user, Task task) {
    return task(
        user, task, casework.refOf(task.caseId()).value(), Casework.Priority.of(task), null);
  }

  private TaskView task(
      SignedIn user,
      Task task,
      String ref,
      Casework.Priority priority,
      Casework.@Nullable TaskDetail detail) {
    TaskState.Completion completion =
        switch (task.state()) {
          case TaskState.AwaitingApproval waiting -> waiting.completion();
          case TaskState.Done done -> done.completion();
          default -> null;
        };
    UUID claimant = task.state() instanceof TaskState.Claimed c ? c.by() : null;
    Proposal proposal = task.proposal();
    return new TaskView(
        task.id(),
        task.caseId(),
        ref,
        task.process().wireName(),
        apiName(task.state().name()),
        task.round(),
        apiName(priority.name()),
        task.openedAt(),
        Math.max(0, casework.age(task).toSeconds()),
        task.reopened() == null ? null : task.reopened().apiName(),
        claimant == null ? null : casework.pseudonym(claimant),
        user.accountId().equals(claimant),
        completion == null
            ? null
            : new ResultView(
                completion.result().wireName(),
                casework.pseudonym(completion.by()),
                completion.at(),
                completion.highRisk(),
                completion.override(),
                completion.approvedBy() == null
                    ? null
                    : casework.pseudonym(completion.approvedBy()),
                completion.approvedAt()),
        proposal == null
            ? null
            : new ProposalView(proposal.result().wireName(), proposal.highRisk(), proposal.note()),
        detail == null ? null : detail.reason(),
        detail == null ? null : detail.note(),
        detail == null ? null : detail.ledger());
  }

  private CaseView caseView(SignedIn user, Casework.CaseDetail detail) {
    CheckCase c = detail.checkCase();
    CaseState.Decided decided =
        switch (c.state()) {
          case CaseState.Decided d -> d;
          case CaseState.Open open -> open.previous();
        };
    return new CaseView(
        c.id(),
        c.ref().value(),
        c.openedAt(),
        apiName(c.state().name()),
        decided == null ? null : decided.decision().apiName(),
        decided == null ? null : casework.pseudonym(decided.by()),
        decided == null ? null : decided.at(),
        detail.decisionReason(),
        detail.decisionLedger(),
        c.reopenedAt(),
        c.reopenReason() == null ? null : c.reopenReason().apiName(),
        detail.tasks().stream()
            .map(t -> task(user, t.task(), c.ref().value(), Casework.Priority.of(t.task()), t))
            .toList());
  }

  // ---- helpers -------------------------------------------------------------------------------

  static String apiName(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Optional<CheckProcess> processOf(@Nullable String wireName) {
    return wireName == null ? Optional.empty() : CheckProcess.ofWireName(wireName);
  }

  static Optional<CheckResult> resultOf(@Nullable String wireName) {
    return wireName == null ? Optional.empty() : CheckResult.ofWireName(wireName);
  }

  private static void requireSupervisor(SignedIn user) {
    if (!Staff.of(user).supervisor()) {
      throw problem(Refusal.SUPERVISOR_ONLY);
    }
  }

  static ProblemException problem(Refusal refusal) {
    return ProblemException.of(refusal.status(), refusal.code());
  }

  static <T> T unwrap(Outcome<T> outcome) {
    return switch (outcome) {
      case Outcome.Done<T> done -> done.value();
      case Outcome.Refused<T> refused -> throw problem(refused.why());
    };
  }
}

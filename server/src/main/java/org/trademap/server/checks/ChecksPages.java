package org.trademap.server.checks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.contracts.kyc.CheckResult;
import org.trademap.server.accounts.SignedIn;

/**
 * The back office's pages: the work queue of each check ({@code /checks?process=…}, refreshed by
 * htmx), the case page ({@code /checks/cases/{id}}: tasks, evidence of the check-specific parts,
 * claim, release and complete forms, the supervisor's approval, the decision, the case's audit
 * trail) and the supervisor's list of results waiting for approval ({@code /checks/approvals}).
 * Every form posts and redirects back with a notice, or with the refusal's problem code.
 */
@Controller
class ChecksPages {
  static final String QUEUE = "/checks";
  private static final Logger log = LoggerFactory.getLogger(ChecksPages.class);
  private static final DateTimeFormatter UTC_MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /**
   * A row of a queue.
   *
   * @param taskId the task
   * @param caseId its case
   * @param ref the subject's reference
   * @param process the check's wire name
   * @param priority high-risk, re-kyc or normal
   * @param age how long it has waited
   * @param state open, claimed, awaiting-approval
   * @param claimedBy who claimed it, or null
   * @param mine whether the viewer claimed it
   * @param result the result waiting for approval, or null
   */
  record Row(
      UUID taskId,
      UUID caseId,
      String ref,
      String process,
      String priority,
      Age age,
      String state,
      @Nullable String claimedBy,
      boolean mine,
      @Nullable String result) {}

  /**
   * A task on the case page.
   *
   * @param id the task
   * @param process the check's wire name
   * @param state open, claimed, awaiting-approval or done
   * @param round its round
   * @param age how long it has waited since it (re-)entered the queue
   * @param reopenReason why it was reopened, or null
   * @param claimedBy who claimed it, or null
   * @param mine whether the viewer claimed it
   * @param result its result's wire name, or null
   * @param completedBy who completed it, or null
   * @param completedAt when, or null
   * @param highRisk flagged high-risk
   * @param override flagged override
   * @param approvedBy the approving supervisor, or null
   * @param reason the reason of the result, or null
   * @param note the note it was sent back with, or null
   * @param proposal what a check-specific part proposes, or null
   * @param proposedResult the result the form starts with
   * @param proposedHighRisk whether the form starts with the high-risk flag ticked
   * @param canApprove whether the viewer may approve or send it back (a supervisor, not their own)
   * @param ledger its ledger record, or null
   * @param evidence what the check-specific parts show for it
   */
  record TaskRow(
      UUID id,
      String process,
      String state,
      int round,
      Age age,
      @Nullable String reopenReason,
      @Nullable String claimedBy,
      boolean mine,
      @Nullable String result,
      @Nullable String completedBy,
      @Nullable String completedAt,
      boolean highRisk,
      boolean override,
      @Nullable String approvedBy,
      @Nullable String reason,
      @Nullable String note,
      @Nullable Proposal proposal,
      String proposedResult,
      boolean proposedHighRisk,
      boolean canApprove,
      @Nullable LedgerState ledger,
      List<Evidence> evidence) {}

  /**
   * An entry of the case's audit trail.
   *
   * @param at when
   * @param who the staff member's pseudonym, or null for the server
   * @param action the action's code
   */
  record HistoryRow(String at, @Nullable String who, String action) {}

  private final Casework casework;
  private final AuditLog audit;
  private final List<CheckEvidence> evidence;

  ChecksPages(Casework casework, AuditLog audit, List<CheckEvidence> evidence) {
    this.casework = casework;
    this.audit = audit;
    this.evidence = List.copyOf(evidence);
  }

  @GetMapping(QUEUE)
  String queue(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam(name = "process", defaultValue = "id-document") String process,
      Model model) {
    CheckProcess check =
        ChecksController.processOf(process)
            .filter(Casework.REQUIRED::contains)
            .orElseThrow(() -> ChecksController.problem(Refusal.UNKNOWN_PROCESS));
    model.addAttribute("process", check.wireName());
    model.addAttribute(
        "processes", Casework.REQUIRED.stream().map(CheckProcess::wireName).toList());
    model.addAttribute("rows", casework.queue(check).stream().map(i -> row(user, i)).toList());
    model.addAttribute("supervisor", Staff.of(user).supervisor());
    model.addAttribute("approvals", casework.awaitingApproval().size());
    return "checks/queue";
  }

  /** The queue's table alone, for htmx to refresh it in place. */
  @GetMapping(QUEUE + "/rows")
  String rows(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam(name = "process", defaultValue = "id-document") String process,
      Model model) {
    queue(user, process, model);
    return "checks/queue :: rows";
  }

  @GetMapping(QUEUE + "/approvals")
  String approvals(@AuthenticationPrincipal SignedIn user, Model model) {
    if (!Staff.of(user).supervisor()) {
      throw ChecksController.problem(Refusal.SUPERVISOR_ONLY);
    }
    model.addAttribute(
        "rows", casework.awaitingApproval().stream().map(i -> row(user, i)).toList());
    return "checks/approvals";
  }

  @GetMapping(QUEUE + "/cases/{caseId}")
  String casePage(@AuthenticationPrincipal SignedIn user, @PathVariable UUID caseId, Model model) {
    Staff staff = Staff.of(user);
    Casework.CaseDetail detail = ChecksController.unwrap(casework.view(staff, caseId));
    CheckCase c = detail.checkCase();
    model.addAttribute("caseId", c.id());
    model.addAttribute("ref", c.ref().value());
    model.addAttribute("openedAt", utc(c.openedAt()));
    model.addAttribute("state", ChecksController.apiName(c.state().name()));
    model.addAttribute("open", c.state() instanceof CaseState.Open);
    CaseState.Decided decided =
        switch (c.state()) {
          case CaseState.Decided d -> d;
          case CaseState.Open open -> open.previous();
        };
    model.addAttribute("decision", decided == null ? null : decided.decision().apiName());
    model.addAttribute("decidedBy", decided == null ? null : casework.pseudonym(decided.by()));
    model.addAttribute("decidedAt", decided == null ? null : utc(decided.at()));
    model.addAttribute("decisionReason", detail.decisionReason());
    model.addAttribute("decisionLedger", detail.decisionLedger());
    model.addAttribute(
        "reopenReason", c.reopenReason() == null ? null : c.reopenReason().apiName());
    model.addAttribute("reopenedAt", c.reopenedAt() == null ? null : utc(c.reopenedAt()));
    List<TaskRow> tasks = new ArrayList<>();
    for (Casework.TaskDetail task : detail.tasks()) {
      tasks.add(taskRow(staff, c, task));
    }
    model.addAttribute("tasks", tasks);
    model.addAttribute("supervisor", staff.supervisor());
    model.addAttribute(
        "history",
        audit.entries(c.id(), null, AuditLog.MAX_PAGE).stream()
            .map(
                e ->
                    new HistoryRow(
                        utc(e.at()),
                        e.staffId() == null ? null : casework.pseudonym(e.staffId()),
                        e.action()))
            .toList());
    return "checks/case";
  }

  @PostMapping(QUEUE + "/tasks/{taskId}/claim")
  String claim(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable UUID taskId,
      RedirectAttributes redirect) {
    return back(taskId, casework.claim(Staff.of(user), taskId), "checks.notice.claimed", redirect);
  }

  @PostMapping(QUEUE + "/tasks/{taskId}/release")
  String release(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable UUID taskId,
      RedirectAttributes redirect) {
    return back(
        taskId, casework.release(Staff.of(user), taskId), "checks.notice.released", redirect);
  }

  @PostMapping(QUEUE + "/tasks/{taskId}/complete")
  String complete(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable UUID taskId,
      @RequestParam(name = "result", required = false) @Nullable String result,
      @RequestParam(name = "reason", required = false) @Nullable String reason,
      @RequestParam(name = "highRisk", defaultValue = "false") boolean highRisk,
      @RequestParam(name = "override", defaultValue = "false") boolean override,
      RedirectAttributes redirect) {
    CheckResult checked = ChecksController.resultOf(result).orElse(null);
    Outcome<Task> outcome =
        casework.complete(
            Staff.of(user),
            taskId,
            new Casework.CompleteCommand(checked, reason, highRisk, override));
    String notice =
        outcome instanceof Outcome.Done<Task> done
                && done.value().state() instanceof TaskState.AwaitingApproval
            ? "checks.notice.awaiting-approval"
            : "checks.notice.completed";
    return back(taskId, outcome, notice, redirect);
  }

  @PostMapping(QUEUE + "/tasks/{taskId}/approve")
  String approve(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable UUID taskId,
      RedirectAttributes redirect) {
    return back(
        taskId, casework.approve(Staff.of(user), taskId), "checks.notice.approved", redirect);
  }

  @PostMapping(QUEUE + "/tasks/{taskId}/send-back")
  String sendBack(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable UUID taskId,
      @RequestParam(name = "note", required = false) @Nullable String note,
      RedirectAttributes redirect) {
    return back(
        taskId,
        casework.sendBack(Staff.of(user), taskId, note),
        "checks.notice.sent-back",
        redirect);
  }

  @PostMapping(QUEUE + "/cases/{caseId}/decision")
  String decide(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable UUID caseId,
      @RequestParam(name = "decision", required = false) @Nullable String decision,
      @RequestParam(name = "reason", required = false) @Nullable String reason,
      RedirectAttributes redirect) {
    Outcome<CheckCase> outcome =
        casework.decide(Staff.of(user), caseId, Decision.ofVerb(decision).orElse(null), reason);
    switch (outcome) {
      case Outcome.Done<CheckCase> done ->
          redirect.addFlashAttribute("notice", "checks.notice.decided");
      case Outcome.Refused<CheckCase> refused ->
          redirect.addFlashAttribute("problem", refused.why().code());
    }
    return "redirect:" + QUEUE + "/cases/" + caseId;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private String back(
      UUID taskId, Outcome<Task> outcome, String notice, RedirectAttributes redirect) {
    switch (outcome) {
      case Outcome.Done<Task> done -> redirect.addFlashAttribute("notice", notice);
      case Outcome.Refused<Task> refused -> {
        if (refused.why() == Refusal.TASK_NOT_FOUND) {
          throw ChecksController.problem(refused.why());
        }
        redirect.addFlashAttribute("problem", refused.why().code());
      }
    }
    Optional<UUID> caseId = casework.caseOf(taskId);
    return "redirect:" + caseId.map(id -> QUEUE + "/cases/" + id).orElse(QUEUE);
  }

  private Row row(SignedIn user, Casework.QueueItem item) {
    Task task = item.task();
    UUID claimant = task.state() instanceof TaskState.Claimed c ? c.by() : null;
    TaskState.Completion waiting =
        task.state() instanceof TaskState.AwaitingApproval a ? a.completion() : null;
    return new Row(
        task.id(),
        task.caseId(),
        item.ref().value(),
        task.process().wireName(),
        ChecksController.apiName(item.priority().name()),
        age(item.age()),
        ChecksController.apiName(task.state().name()),
        claimant == null ? null : casework.pseudonym(claimant),
        user.accountId().equals(claimant),
        waiting == null ? null : waiting.result().wireName());
  }

  private TaskRow taskRow(Staff staff, CheckCase c, Casework.TaskDetail detail) {
    Task task = detail.task();
    UUID claimant = task.state() instanceof TaskState.Claimed cl ? cl.by() : null;
    TaskState.Completion completion =
        switch (task.state()) {
          case TaskState.AwaitingApproval waiting -> waiting.completion();
          case TaskState.Done done -> done.completion();
          default -> null;
        };
    Proposal proposal = task.proposal();
    boolean canApprove =
        task.state() instanceof TaskState.AwaitingApproval waiting
            && staff.supervisor()
            && !staff.id().equals(waiting.completion().by());
    return new TaskRow(
        task.id(),
        task.process().wireName(),
        ChecksController.apiName(task.state().name()),
        task.round(),
        age(casework.age(task)),
        task.reopened() == null ? null : task.reopened().apiName(),
        claimant == null ? null : casework.pseudonym(claimant),
        staff.id().equals(claimant),
        completion == null ? null : completion.result().wireName(),
        completion == null ? null : casework.pseudonym(completion.by()),
        completion == null ? null : utc(completion.at()),
        completion != null && completion.highRisk(),
        completion != null && completion.override(),
        completion == null || completion.approvedBy() == null
            ? null
            : casework.pseudonym(completion.approvedBy()),
        detail.reason(),
        detail.note(),
        proposal,
        proposal == null ? CheckResult.PASSED.wireName() : proposal.result().wireName(),
        proposal != null && proposal.highRisk(),
        canApprove,
        detail.ledger(),
        evidence(c, task));
  }

  /** What the check-specific parts show for the task; a part that fails shows nothing. */
  private List<Evidence> evidence(CheckCase c, Task task) {
    EvidenceRequest request =
        new EvidenceRequest(c.id(), task.id(), task.process(), c.ref(), c.accountId());
    List<Evidence> shown = new ArrayList<>();
    for (CheckEvidence part : evidence) {
      if (part.process() != task.process()) {
        continue;
      }
      try {
        part.evidence(request).ifPresent(shown::add);
      } catch (RuntimeException e) {
        log.error("evidence of {} for task {} failed", part.getClass().getName(), task.id(), e);
      }
    }
    return shown;
  }

  /** A time as {@code 2026-11-23 14:05 UTC}. */
  static String utc(Instant at) {
    return UTC_MINUTES.format(at);
  }

  /**
   * How long a task has waited, as the pages say it ({@code checks.age.days} or {@code
   * checks.age.hours}): whole days and hours, or hours and minutes under a day.
   *
   * @param days whole days
   * @param hours hours of the day (or all hours under a day)
   * @param minutes minutes of the hour
   */
  record Age(long days, int hours, int minutes) {}

  static Age age(Duration age) {
    Duration positive = age.isNegative() ? Duration.ZERO : age;
    return new Age(positive.toDays(), positive.toHoursPart(), positive.toMinutesPart());
  }
}

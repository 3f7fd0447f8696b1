package org.trademap.server.checks;

import org.springframework.http.HttpStatus;

/**
 * Why the back office refused an action: a business rejection, never an exception. Each has a
 * stable problem code ({@code problem.<code>.*} in the messages) and the HTTP status the API
 * answers it with. A refused action changes nothing.
 */
enum Refusal {
  CASE_NOT_FOUND("checks.case-not-found", HttpStatus.NOT_FOUND),
  TASK_NOT_FOUND("checks.task-not-found", HttpStatus.NOT_FOUND),
  /** Somebody else has claimed the task. */
  CLAIMED_BY_OTHER("checks.claimed-by-other", HttpStatus.CONFLICT),
  /** Releasing or completing needs the caller's own claim. */
  NOT_CLAIMED_BY_YOU("checks.not-claimed-by-you", HttpStatus.CONFLICT),
  /** The task is completed (waiting for approval or done): it cannot be claimed or released. */
  TASK_COMPLETED("checks.task-completed", HttpStatus.CONFLICT),
  /** Only a result waiting for approval can be approved or sent back. */
  NOT_AWAITING_APPROVAL("checks.not-awaiting-approval", HttpStatus.CONFLICT),
  /** Four eyes: nobody approves or sends back their own result. */
  OWN_RESULT("checks.own-result", HttpStatus.FORBIDDEN),
  /** The action is a supervisor's. */
  SUPERVISOR_ONLY("checks.supervisor-only", HttpStatus.FORBIDDEN),
  /** Result missing or not passed, failed or needs-information. */
  BAD_RESULT("checks.bad-result", HttpStatus.UNPROCESSABLE_CONTENT),
  /** The reason is missing or blank. */
  REASON_REQUIRED("checks.reason-required", HttpStatus.UNPROCESSABLE_CONTENT),
  /** The reason is longer than {@link Reasons#MAX_LENGTH} characters. */
  REASON_TOO_LONG("checks.reason-too-long", HttpStatus.UNPROCESSABLE_CONTENT),
  /** The subject's registration is not on the ledger yet, so no check can be recorded. */
  NOT_REGISTERED("checks.not-registered", HttpStatus.CONFLICT),
  /** The case is decided; reopen it first. */
  CASE_DECIDED("checks.case-decided", HttpStatus.CONFLICT),
  /** Decision unknown: approve, reject or needs-information. */
  BAD_DECISION("checks.bad-decision", HttpStatus.UNPROCESSABLE_CONTENT),
  /** Approving needs every check done and passed, with the approvals four eyes require. */
  CHECKS_NOT_PASSED("checks.checks-not-passed", HttpStatus.CONFLICT),
  /** Rejecting needs a check that failed. */
  NO_FAILED_CHECK("checks.no-failed-check", HttpStatus.CONFLICT),
  /** Asking for information needs a check whose result says so. */
  NO_CHECK_NEEDS_INFORMATION("checks.no-check-needs-information", HttpStatus.CONFLICT),
  /** The check process is not one the back office knows. */
  UNKNOWN_PROCESS("checks.unknown-process", HttpStatus.BAD_REQUEST),
  /** The reopen reason is not one of {@link ReopenReason}. */
  UNKNOWN_REOPEN_REASON("checks.unknown-reopen-reason", HttpStatus.UNPROCESSABLE_CONTENT),
  /** A KYC key exists only for an approved case. */
  NOT_APPROVED("checks.not-approved", HttpStatus.CONFLICT),
  /** {@link CompletionGuard.Objection#FINDINGS_OPEN}: findings wait for a verdict. */
  FINDINGS_OPEN("checks.findings-open", HttpStatus.CONFLICT),
  /** {@link CompletionGuard.Objection#HIGH_RISK_REQUIRED}: a confirmed finding needs four eyes. */
  HIGH_RISK_REQUIRED("checks.high-risk-required", HttpStatus.CONFLICT),
  /** {@link CompletionGuard.Objection#EVIDENCE_MISSING}: the check's own work is not done. */
  EVIDENCE_MISSING("checks.evidence-missing", HttpStatus.CONFLICT);

  private final String code;
  private final HttpStatus status;

  Refusal(String code, HttpStatus status) {
    this.code = code;
    this.status = status;
  }

  /** The stable problem code. */
  String code() {
    return code;
  }

  /** The HTTP status of the problem. */
  HttpStatus status() {
    return status;
  }
}

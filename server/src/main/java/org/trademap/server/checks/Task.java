package org.trademap.server.checks;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.trademap.contracts.kyc.CheckProcess;

/**
 * One check of a case.
 *
 * @param id the task
 * @param caseId its case
 * @param process which check
 * @param round 1, one more each time the task goes back to the queue after a completion (send-back,
 *     re-KYC)
 * @param openedAt when it (re-)entered the queue: its age counts from here
 * @param reopened why it was reopened (re-KYC), or null
 * @param state where it stands
 * @param proposal what a check-specific part proposes, or null
 * @param returnedBy the supervisor who sent the last result back, or null
 */
record Task(
    UUID id,
    UUID caseId,
    CheckProcess process,
    int round,
    Instant openedAt,
    @Nullable ReopenReason reopened,
    TaskState state,
    @Nullable Proposal proposal,
    @Nullable UUID returnedBy) {

  /** A new task in the queue. */
  static Task open(UUID caseId, CheckProcess process, Instant at) {
    return new Task(
        UUID.randomUUID(), caseId, process, 1, at, null, new TaskState.Open(), null, null);
  }

  /** The task in another state, same round. */
  Task in(TaskState next) {
    return new Task(id, caseId, process, round, openedAt, reopened, next, proposal, returnedBy);
  }

  /** Back in the queue after a supervisor sent the result back: a new round. */
  Task sentBack(UUID supervisor, Instant at) {
    return new Task(
        id, caseId, process, round + 1, at, reopened, new TaskState.Open(), proposal, supervisor);
  }

  /**
   * Back in the queue for a re-KYC, whatever its state: a new round if it had been completed (a
   * claim is dropped), the earlier proposal forgotten.
   */
  Task reopen(ReopenReason reason, Instant at) {
    boolean completed = state.result() != null || state instanceof TaskState.AwaitingApproval;
    return new Task(
        id,
        caseId,
        process,
        completed ? round + 1 : round,
        completed ? at : openedAt,
        reason,
        new TaskState.Open(),
        null,
        null);
  }

  /** The same task with a proposal. */
  Task proposing(Proposal next) {
    return new Task(id, caseId, process, round, openedAt, reopened, state, next, returnedBy);
  }

  /** Whether it goes first in the queue: a high-risk proposal or a re-KYC. */
  boolean urgent() {
    return (proposal != null && proposal.highRisk()) || reopened != null;
  }
}

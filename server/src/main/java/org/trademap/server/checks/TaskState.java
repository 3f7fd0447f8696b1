package org.trademap.server.checks;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.trademap.contracts.kyc.CheckResult;

/**
 * Where a task of a case stands. Each state is a record whose methods return the next state or say
 * why the step is refused; nothing else changes a task's state.
 *
 * <pre>
 * Open ──claim──▶ Claimed ──complete──▶ Done                       (plain result)
 *   ▲               │   └──complete──▶ AwaitingApproval ──approve──▶ Done (high-risk, override)
 *   └───release─────┘                        │
 *   └────────────────────────send back───────┘
 * any state ──reopen──▶ Open   (re-KYC: a new round)
 * </pre>
 */
sealed interface TaskState {

  /** The stored name of the state. */
  String name();

  /** Claims the task for {@code staff}: only an open task, or one the same person claimed. */
  default Transition claim(UUID staff, Instant at) {
    return new Transition.Refused(Refusal.TASK_COMPLETED);
  }

  /** Gives the claim back: the claimant, or a supervisor for an absent colleague. */
  default Transition release(Staff staff) {
    return new Transition.Refused(Refusal.TASK_COMPLETED);
  }

  /**
   * Completes the task with a result: only its claimant. A high-risk or override result waits for a
   * supervisor; any other is done.
   */
  default Transition complete(Staff staff, Completion completion) {
    return new Transition.Refused(Refusal.TASK_COMPLETED);
  }

  /** A supervisor other than the one who completed it approves a result waiting for approval. */
  default Transition approve(Staff staff, Instant at) {
    return new Transition.Refused(Refusal.NOT_AWAITING_APPROVAL);
  }

  /**
   * A supervisor other than the one who completed it sends a result back to the queue, e.g. to have
   * the check done again.
   */
  default Transition sendBack(Staff staff) {
    return new Transition.Refused(Refusal.NOT_AWAITING_APPROVAL);
  }

  /** The final result, once done. */
  default @Nullable Completion result() {
    return null;
  }

  /** In the queue, waiting for an operator. */
  record Open() implements TaskState {
    @Override
    public String name() {
      return "OPEN";
    }

    @Override
    public Transition claim(UUID staff, Instant at) {
      return new Transition.Moved(new Claimed(staff, at));
    }

    @Override
    public Transition release(Staff staff) {
      return new Transition.Refused(Refusal.NOT_CLAIMED_BY_YOU);
    }

    @Override
    public Transition complete(Staff staff, Completion completion) {
      return new Transition.Refused(Refusal.NOT_CLAIMED_BY_YOU);
    }
  }

  /**
   * One operator works the task; nobody else may complete it.
   *
   * @param by the operator's account
   * @param at when they claimed it
   */
  record Claimed(UUID by, Instant at) implements TaskState {
    @Override
    public String name() {
      return "CLAIMED";
    }

    @Override
    public Transition claim(UUID staff, Instant when) {
      return staff.equals(by)
          ? new Transition.Moved(this)
          : new Transition.Refused(Refusal.CLAIMED_BY_OTHER);
    }

    @Override
    public Transition release(Staff staff) {
      return staff.id().equals(by) || staff.supervisor()
          ? new Transition.Moved(new Open())
          : new Transition.Refused(Refusal.CLAIMED_BY_OTHER);
    }

    @Override
    public Transition complete(Staff staff, Completion completion) {
      if (!staff.id().equals(by)) {
        return new Transition.Refused(Refusal.CLAIMED_BY_OTHER);
      }
      return new Transition.Moved(
          completion.needsApproval() ? new AwaitingApproval(completion) : new Done(completion));
    }
  }

  /**
   * Completed as high-risk or as an override: a supervisor must approve it (four eyes).
   *
   * @param completion the operator's result
   */
  record AwaitingApproval(Completion completion) implements TaskState {
    @Override
    public String name() {
      return "AWAITING_APPROVAL";
    }

    @Override
    public Transition approve(Staff staff, Instant at) {
      Refusal refusal = fourEyes(staff);
      return refusal != null
          ? new Transition.Refused(refusal)
          : new Transition.Moved(new Done(completion.approvedBy(staff.id(), at)));
    }

    @Override
    public Transition sendBack(Staff staff) {
      Refusal refusal = fourEyes(staff);
      return refusal != null ? new Transition.Refused(refusal) : new Transition.Moved(new Open());
    }

    private @Nullable Refusal fourEyes(Staff staff) {
      if (!staff.supervisor()) {
        return Refusal.SUPERVISOR_ONLY;
      }
      return staff.id().equals(completion.by()) ? Refusal.OWN_RESULT : null;
    }
  }

  /**
   * Final: the result counts for the decision and is recorded on the ledger.
   *
   * @param completion the result, with the supervisor's approval where four eyes required it
   */
  record Done(Completion completion) implements TaskState {
    @Override
    public String name() {
      return "DONE";
    }

    @Override
    public Completion result() {
      return completion;
    }
  }

  /**
   * A completed check.
   *
   * @param result passed, failed or needs-information
   * @param by the operator who completed it
   * @param at when
   * @param highRisk flagged high-risk (a confirmed list hit, a PEP)
   * @param override the operator overrode what the check proposed (e.g. a mismatch)
   * @param approvedBy the supervisor who approved it, or null
   * @param approvedAt when, or null
   */
  record Completion(
      CheckResult result,
      UUID by,
      Instant at,
      boolean highRisk,
      boolean override,
      @Nullable UUID approvedBy,
      @Nullable Instant approvedAt) {

    /** A result as the operator gives it, not approved yet. */
    static Completion of(
        CheckResult result, UUID by, Instant at, boolean highRisk, boolean override) {
      return new Completion(result, by, at, highRisk, override, null, null);
    }

    /** Whether four eyes are needed: high-risk or override. */
    boolean needsApproval() {
      return highRisk || override;
    }

    /** The same result, approved. */
    Completion approvedBy(UUID supervisor, Instant when) {
      return new Completion(result, by, at, highRisk, override, supervisor, when);
    }

    /** When the result became final: its approval, or its completion. */
    Instant finalAt() {
      return approvedAt != null ? approvedAt : at;
    }
  }

  /** What became of a step. */
  sealed interface Transition {
    /**
     * The step is taken.
     *
     * @param next the new state (the same one for a repeated claim)
     */
    record Moved(TaskState next) implements Transition {}

    /**
     * The step is refused; nothing changes.
     *
     * @param why the reason
     */
    record Refused(Refusal why) implements Transition {}
  }
}

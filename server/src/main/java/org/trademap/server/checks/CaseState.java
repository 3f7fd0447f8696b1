package org.trademap.server.checks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.trademap.contracts.kyc.CheckResult;

/**
 * Where a case stands: open while its checks are worked, decided once an operator or supervisor
 * decided it. A decided case goes back to open only by a re-KYC ({@link Checks#reopen}).
 */
sealed interface CaseState {

  /** The stored name of the state. */
  String name();

  /** Decides the case on the state of its tasks. */
  CaseStep decide(Decision decision, UUID by, Instant at, List<Task> tasks);

  /**
   * The checks are being worked.
   *
   * @param previous the decision before the case was reopened, or null
   */
  record Open(@Nullable Decided previous) implements CaseState {
    @Override
    public String name() {
      return "OPEN";
    }

    /**
     * Approving needs every task done and passed (four eyes included: a result waiting for approval
     * is not done); rejecting needs a failed check; asking for information a check that needs it.
     */
    @Override
    public CaseStep decide(Decision decision, UUID by, Instant at, List<Task> tasks) {
      boolean allowed =
          switch (decision) {
            case APPROVED ->
                !tasks.isEmpty() && tasks.stream().allMatch(t -> has(t, CheckResult.PASSED));
            case REJECTED -> tasks.stream().anyMatch(t -> has(t, CheckResult.FAILED));
            case NEEDS_INFORMATION ->
                tasks.stream().anyMatch(t -> has(t, CheckResult.NEEDS_INFORMATION));
          };
      if (!allowed) {
        return new CaseStep.Refused(
            switch (decision) {
              case APPROVED -> Refusal.CHECKS_NOT_PASSED;
              case REJECTED -> Refusal.NO_FAILED_CHECK;
              case NEEDS_INFORMATION -> Refusal.NO_CHECK_NEEDS_INFORMATION;
            });
      }
      return new CaseStep.Moved(new Decided(decision, by, at));
    }

    private static boolean has(Task task, CheckResult result) {
      TaskState.Completion done = task.state().result();
      return done != null && done.result() == result;
    }
  }

  /**
   * Decided.
   *
   * @param decision what
   * @param by the operator or supervisor who decided
   * @param at when
   */
  record Decided(Decision decision, UUID by, Instant at) implements CaseState {
    @Override
    public String name() {
      return decision.name();
    }

    @Override
    public CaseStep decide(Decision next, UUID staff, Instant when, List<Task> tasks) {
      return new CaseStep.Refused(Refusal.CASE_DECIDED);
    }
  }

  /** What became of a decision. */
  sealed interface CaseStep {
    /**
     * Decided.
     *
     * @param decided the new state
     */
    record Moved(Decided decided) implements CaseStep {}

    /**
     * Refused; nothing changes.
     *
     * @param why the reason
     */
    record Refused(Refusal why) implements CaseStep {}
  }
}

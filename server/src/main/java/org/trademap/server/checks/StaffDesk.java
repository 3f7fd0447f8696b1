package org.trademap.server.checks;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.contracts.kyc.CheckResult;
import org.trademap.server.kyc.SubjectRef;

/**
 * The back office's staff actions for callers inside the server that act as a named staff member
 * without a browser or an API client: the embedded default's demo seeding works its demo cases
 * through it. Every action goes through the same {@link Casework} rules, four eyes, ledger records
 * and audit log as the pages and the API; a refusal comes back as its stable problem code (e.g.
 * {@code checks.not-registered}), and changes nothing.
 */
@Service
public class StaffDesk {
  private final Casework casework;

  StaffDesk(Casework casework) {
    this.casework = casework;
  }

  /** A case decision as callers name it. */
  public enum Verdict {
    /** Every check passed. */
    APPROVE(Decision.APPROVED),
    /** A check failed. */
    REJECT(Decision.REJECTED),
    /** The user must supply more information. */
    NEEDS_INFORMATION(Decision.NEEDS_INFORMATION);

    private final Decision decision;

    Verdict(Decision decision) {
      this.decision = decision;
    }
  }

  /** Whether the subject's file is registered on the ledger, so that its checks can be recorded. */
  public boolean registered(SubjectRef ref) {
    return casework.caseOfSubject(ref).filter(c -> casework.registered(c)).isPresent();
  }

  /**
   * Claims the subject's open task of a check and completes it, as an operator does on the case
   * page.
   *
   * @param staffId the operator or supervisor acting
   * @param supervisor whether they act as a supervisor
   * @return the refusal's code, or empty when the result is recorded (or waits for a supervisor)
   */
  public Optional<String> complete(
      UUID staffId,
      boolean supervisor,
      SubjectRef ref,
      CheckProcess process,
      CheckResult result,
      String reason,
      boolean highRisk) {
    Staff staff = new Staff(staffId, supervisor);
    Optional<UUID> task = taskOf(ref, process);
    if (task.isEmpty()) {
      return Optional.of(Refusal.TASK_NOT_FOUND.code());
    }
    return refusal(casework.claim(staff, task.get()))
        .or(
            () ->
                refusal(
                    casework.complete(
                        staff,
                        task.get(),
                        new Casework.CompleteCommand(result, reason, highRisk, false))));
  }

  /**
   * A supervisor approves the subject's task of a check that waits for four eyes.
   *
   * @return the refusal's code, or empty when approved
   */
  public Optional<String> approve(UUID supervisorId, SubjectRef ref, CheckProcess process) {
    Optional<UUID> task = taskOf(ref, process);
    if (task.isEmpty()) {
      return Optional.of(Refusal.TASK_NOT_FOUND.code());
    }
    return refusal(casework.approve(new Staff(supervisorId, true), task.get()));
  }

  /**
   * Decides the subject's case.
   *
   * @param reason shown to the user; required unless approving
   * @return the refusal's code, or empty when decided
   */
  public Optional<String> decide(
      UUID staffId, boolean supervisor, SubjectRef ref, Verdict verdict, String reason) {
    Optional<CheckCase> c = casework.caseOfSubject(ref);
    if (c.isEmpty()) {
      return Optional.of(Refusal.CASE_NOT_FOUND.code());
    }
    return refusal(
        casework.decide(new Staff(staffId, supervisor), c.get().id(), verdict.decision, reason));
  }

  private Optional<UUID> taskOf(SubjectRef ref, CheckProcess process) {
    return casework
        .caseOfSubject(ref)
        .flatMap(
            c ->
                casework.tasks(c.id()).stream()
                    .filter(t -> t.process() == process)
                    .map(Task::id)
                    .findFirst());
  }

  private static <T> Optional<String> refusal(Outcome<T> outcome) {
    return switch (outcome) {
      case Outcome.Done<T> done -> Optional.empty();
      case Outcome.Refused<T> refused -> Optional.of(refused.why().code());
    };
  }
}

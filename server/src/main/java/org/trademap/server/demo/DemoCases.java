package org.trademap.server.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.contracts.kyc.CheckResult;
import org.trademap.server.checks.StaffDesk;
import org.trademap.server.kyc.SubjectRef;

/**
 * Works the demo people's cases in the back office, as the demo operator and supervisor would on
 * the case pages, so that a newcomer finds cases in several states: one approved (the person can
 * get their KYC key and apply at a securities company), one waiting for the supervisor's four eyes
 * (a declared public office, marked high-risk) and one sent back to the user for more information.
 * Every step goes through {@link StaffDesk}, with the same rules, ledger records and audit log as
 * the pages; a refusal is a bug in the demo and fails the seeding, naming only its code.
 */
@Component
class DemoCases {
  /** How long the seeding waits for the files' registrations to reach the ledger. */
  static final Duration REGISTRATION_WAIT = Duration.ofMinutes(2);

  /** The states the seeding leaves a worked case in. */
  enum Scenario {
    /** Every check passed and the case is approved. */
    APPROVED,
    /** Screening passed as high-risk: the supervisor's approval is outstanding. */
    AWAITING_SUPERVISOR,
    /** The document needs a better photo: the case asks the user for more information. */
    NEEDS_INFORMATION
  }

  /** The reason the demo operator gives for a check that passed. */
  static final String PASSED_REASON = "Demo seeding: checked against the demo file, all fine.";

  /** What the user sees when the demo case asks for more information. */
  static final String MORE_INFORMATION =
      "The photo of your passport page is too blurred to read: please upload a sharper one.";

  private final StaffDesk desk;

  DemoCases(StaffDesk desk) {
    this.desk = desk;
  }

  /**
   * Waits until every subject's registration is on the ledger (bounded by {@link
   * #REGISTRATION_WAIT}); checks can only be recorded after it.
   */
  void awaitRegistrations(List<SubjectRef> refs) {
    Instant deadline = Instant.now().plus(REGISTRATION_WAIT);
    for (SubjectRef ref : refs) {
      while (!desk.registered(ref)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "a demo file was not registered on the ledger within " + REGISTRATION_WAIT);
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the demo files", e);
        }
      }
    }
  }

  /** Works the subject's case into the scenario's state. */
  void work(SubjectRef ref, Scenario scenario, UUID operator, UUID supervisor) {
    switch (scenario) {
      case APPROVED -> {
        pass(ref, operator, CheckProcess.ID_DOCUMENT);
        pass(ref, operator, CheckProcess.SANCTIONS_SCREENING);
        pass(ref, operator, CheckProcess.RESIDENCE_CONFIRMATION);
        ok(
            "approve the case",
            () -> desk.decide(operator, false, ref, StaffDesk.Verdict.APPROVE, ""));
      }
      case AWAITING_SUPERVISOR -> {
        pass(ref, operator, CheckProcess.ID_DOCUMENT);
        pass(ref, operator, CheckProcess.RESIDENCE_CONFIRMATION);
        complete(
            ref,
            operator,
            CheckProcess.SANCTIONS_SCREENING,
            CheckResult.PASSED,
            "Demo seeding: no list hit, but the person declares a public office"
                + " (politically exposed): needs the supervisor's approval.",
            true);
      }
      case NEEDS_INFORMATION -> {
        complete(
            ref,
            operator,
            CheckProcess.ID_DOCUMENT,
            CheckResult.NEEDS_INFORMATION,
            MORE_INFORMATION,
            false);
        pass(ref, operator, CheckProcess.SANCTIONS_SCREENING);
        pass(ref, operator, CheckProcess.RESIDENCE_CONFIRMATION);
        ok(
            "ask the user for more information",
            () ->
                desk.decide(
                    operator, false, ref, StaffDesk.Verdict.NEEDS_INFORMATION, MORE_INFORMATION));
      }
    }
  }

  private void pass(SubjectRef ref, UUID operator, CheckProcess process) {
    complete(ref, operator, process, CheckResult.PASSED, PASSED_REASON, false);
  }

  private void complete(
      SubjectRef ref,
      UUID operator,
      CheckProcess process,
      CheckResult result,
      String reason,
      boolean highRisk) {
    ok(
        "complete " + process.wireName() + " as " + result,
        () -> desk.complete(operator, false, ref, process, result, reason, highRisk));
  }

  private static void ok(String step, Supplier<Optional<String>> action) {
    Optional<String> refusal = action.get();
    if (refusal.isPresent()) {
      throw new IllegalStateException(
          "the demo case work was refused (" + step + "): " + refusal.get());
    }
  }
}

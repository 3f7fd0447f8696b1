package org.trademap.server.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.contracts.kyc.CheckResult;
import org.trademap.server.checks.CaseState.CaseStep;

/** When a case may be decided, one rule per test. */
class CaseStateTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final UUID CASE = UUID.randomUUID();
  private static final UUID OPERATOR = UUID.randomUUID();
  private static final UUID SUPERVISOR = UUID.randomUUID();
  private static final CaseState OPEN = new CaseState.Open(null);

  private static Task done(CheckProcess process, CheckResult result) {
    return Task.open(CASE, process, T0)
        .in(new TaskState.Done(TaskState.Completion.of(result, OPERATOR, T0, false, false)));
  }

  private static Task open(CheckProcess process) {
    return Task.open(CASE, process, T0);
  }

  private static List<Task> allPassed() {
    return List.of(
        done(CheckProcess.ID_DOCUMENT, CheckResult.PASSED),
        done(CheckProcess.SANCTIONS_SCREENING, CheckResult.PASSED),
        done(CheckProcess.RESIDENCE_CONFIRMATION, CheckResult.PASSED));
  }

  @Test
  void isApprovedWhenEveryCheckIsDoneAndPassed() {
    CaseStep step = OPEN.decide(Decision.APPROVED, OPERATOR, T0, allPassed());

    assertThat(step)
        .isEqualTo(new CaseStep.Moved(new CaseState.Decided(Decision.APPROVED, OPERATOR, T0)));
  }

  @Test
  void isNotApprovedWhileACheckIsOpen() {
    List<Task> tasks =
        List.of(
            done(CheckProcess.ID_DOCUMENT, CheckResult.PASSED),
            done(CheckProcess.SANCTIONS_SCREENING, CheckResult.PASSED),
            open(CheckProcess.RESIDENCE_CONFIRMATION));

    assertThat(OPEN.decide(Decision.APPROVED, OPERATOR, T0, tasks))
        .isEqualTo(new CaseStep.Refused(Refusal.CHECKS_NOT_PASSED));
  }

  @Test
  void isNotApprovedWhileAnOverrideWaitsForItsSupervisor() {
    Task waiting =
        open(CheckProcess.RESIDENCE_CONFIRMATION)
            .in(
                new TaskState.AwaitingApproval(
                    TaskState.Completion.of(CheckResult.PASSED, OPERATOR, T0, false, true)));
    List<Task> tasks =
        List.of(
            done(CheckProcess.ID_DOCUMENT, CheckResult.PASSED),
            done(CheckProcess.SANCTIONS_SCREENING, CheckResult.PASSED),
            waiting);

    assertThat(OPEN.decide(Decision.APPROVED, OPERATOR, T0, tasks))
        .isEqualTo(new CaseStep.Refused(Refusal.CHECKS_NOT_PASSED));
  }

  @Test
  void isApprovedOnceTheOverrideIsApprovedBySomeoneElse() {
    Task approved =
        open(CheckProcess.RESIDENCE_CONFIRMATION)
            .in(
                new TaskState.Done(
                    TaskState.Completion.of(CheckResult.PASSED, OPERATOR, T0, false, true)
                        .approvedBy(SUPERVISOR, T0)));
    List<Task> tasks =
        List.of(
            done(CheckProcess.ID_DOCUMENT, CheckResult.PASSED),
            done(CheckProcess.SANCTIONS_SCREENING, CheckResult.PASSED),
            approved);

    assertThat(OPEN.decide(Decision.APPROVED, OPERATOR, T0, tasks))
        .isInstanceOf(CaseStep.Moved.class);
  }

  @Test
  void isNotApprovedWithAFailedCheck() {
    List<Task> tasks =
        List.of(
            done(CheckProcess.ID_DOCUMENT, CheckResult.FAILED),
            done(CheckProcess.SANCTIONS_SCREENING, CheckResult.PASSED),
            done(CheckProcess.RESIDENCE_CONFIRMATION, CheckResult.PASSED));

    assertThat(OPEN.decide(Decision.APPROVED, OPERATOR, T0, tasks))
        .isEqualTo(new CaseStep.Refused(Refusal.CHECKS_NOT_PASSED));
    assertThat(OPEN.decide(Decision.REJECTED, OPERATOR, T0, tasks))
        .isInstanceOf(CaseStep.Moved.class);
  }

  @Test
  void isNotApprovedWithoutTasks() {
    assertThat(OPEN.decide(Decision.APPROVED, OPERATOR, T0, List.of()))
        .isEqualTo(new CaseStep.Refused(Refusal.CHECKS_NOT_PASSED));
  }

  @Test
  void isRejectedOnlyWithAFailedCheck() {
    assertThat(OPEN.decide(Decision.REJECTED, OPERATOR, T0, allPassed()))
        .isEqualTo(new CaseStep.Refused(Refusal.NO_FAILED_CHECK));
  }

  @Test
  void asksForInformationOnlyWhenACheckSaysSo() {
    assertThat(OPEN.decide(Decision.NEEDS_INFORMATION, OPERATOR, T0, allPassed()))
        .isEqualTo(new CaseStep.Refused(Refusal.NO_CHECK_NEEDS_INFORMATION));
    List<Task> tasks =
        List.of(
            done(CheckProcess.ID_DOCUMENT, CheckResult.NEEDS_INFORMATION),
            open(CheckProcess.SANCTIONS_SCREENING));
    assertThat(OPEN.decide(Decision.NEEDS_INFORMATION, OPERATOR, T0, tasks))
        .isInstanceOf(CaseStep.Moved.class);
  }

  @Test
  void aDecidedCaseIsNotDecidedAgain() {
    CaseState decided = new CaseState.Decided(Decision.APPROVED, OPERATOR, T0);

    assertThat(decided.decide(Decision.REJECTED, SUPERVISOR, T0, allPassed()))
        .isEqualTo(new CaseStep.Refused(Refusal.CASE_DECIDED));
  }

  @Test
  void aReopenedCaseIsOpenAndRemembersItsDecision() {
    CaseState.Decided approved = new CaseState.Decided(Decision.APPROVED, OPERATOR, T0);
    CheckCase c =
        new CheckCase(
            CASE,
            UUID.randomUUID(),
            new org.trademap.server.kyc.SubjectRef("ref_1"),
            1,
            T0,
            approved,
            1,
            null,
            null);

    CheckCase reopened = c.reopened(ReopenReason.PERSONAL_DATA_CHANGED, T0.plusSeconds(5));

    assertThat(reopened.state()).isEqualTo(new CaseState.Open(approved));
    assertThat(reopened.reopenReason()).isEqualTo(ReopenReason.PERSONAL_DATA_CHANGED);
    assertThat(reopened.state().decide(Decision.APPROVED, OPERATOR, T0, allPassed()))
        .isInstanceOf(CaseStep.Moved.class);
  }

  @Test
  void eachDecisionIsRecordedAsTheApprovalChecksResult() {
    assertThat(Decision.APPROVED.ledgerResult()).isEqualTo(CheckResult.PASSED);
    assertThat(Decision.REJECTED.ledgerResult()).isEqualTo(CheckResult.FAILED);
    assertThat(Decision.NEEDS_INFORMATION.ledgerResult()).isEqualTo(CheckResult.NEEDS_INFORMATION);
    assertThat(Decision.ofVerb("approve")).contains(Decision.APPROVED);
    assertThat(Decision.ofVerb("approved")).isEmpty();
  }
}

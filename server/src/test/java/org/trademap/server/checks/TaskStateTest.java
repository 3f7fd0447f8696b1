package org.trademap.server.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trademap.contracts.kyc.CheckResult;
import org.trademap.server.checks.TaskState.Transition;

/** The task's states and the steps between them, one rule per test. */
class TaskStateTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(600);
  private static final Staff ANN = new Staff(UUID.randomUUID(), false);
  private static final Staff BOB = new Staff(UUID.randomUUID(), false);
  private static final Staff SUE = new Staff(UUID.randomUUID(), true);
  private static final Staff SAM = new Staff(UUID.randomUUID(), true);

  private static TaskState.Completion plain(Staff by, CheckResult result) {
    return TaskState.Completion.of(result, by.id(), T1, false, false);
  }

  private static TaskState.Completion override(Staff by) {
    return TaskState.Completion.of(CheckResult.PASSED, by.id(), T1, false, true);
  }

  private static TaskState moved(Transition transition) {
    assertThat(transition).isInstanceOf(Transition.Moved.class);
    return ((Transition.Moved) transition).next();
  }

  private static void refused(Transition transition, Refusal why) {
    assertThat(transition).isEqualTo(new Transition.Refused(why));
  }

  @Test
  void anOpenTaskIsClaimedByWhoeverClaimsItFirst() {
    assertThat(moved(new TaskState.Open().claim(ANN.id(), T0)))
        .isEqualTo(new TaskState.Claimed(ANN.id(), T0));
  }

  @Test
  void aClaimBySomeoneElseIsRefused() {
    refused(new TaskState.Claimed(ANN.id(), T0).claim(BOB.id(), T1), Refusal.CLAIMED_BY_OTHER);
  }

  @Test
  void claimingOnesOwnClaimAgainChangesNothing() {
    TaskState claimed = new TaskState.Claimed(ANN.id(), T0);

    assertThat(moved(claimed.claim(ANN.id(), T1))).isSameAs(claimed);
  }

  @Test
  void theClaimantReleasesTheTaskBackToTheQueue() {
    assertThat(moved(new TaskState.Claimed(ANN.id(), T0).release(ANN)))
        .isEqualTo(new TaskState.Open());
  }

  @Test
  void anotherOperatorCannotReleaseAClaimButASupervisorCan() {
    TaskState claimed = new TaskState.Claimed(ANN.id(), T0);

    refused(claimed.release(BOB), Refusal.CLAIMED_BY_OTHER);
    assertThat(moved(claimed.release(SUE))).isEqualTo(new TaskState.Open());
  }

  @Test
  void anOpenTaskCannotBeReleasedOrCompleted() {
    refused(new TaskState.Open().release(ANN), Refusal.NOT_CLAIMED_BY_YOU);
    refused(
        new TaskState.Open().complete(ANN, plain(ANN, CheckResult.PASSED)),
        Refusal.NOT_CLAIMED_BY_YOU);
  }

  @Test
  void onlyTheClaimantCompletesATask() {
    refused(
        new TaskState.Claimed(ANN.id(), T0).complete(BOB, plain(BOB, CheckResult.PASSED)),
        Refusal.CLAIMED_BY_OTHER);
    refused(
        new TaskState.Claimed(ANN.id(), T0).complete(SUE, plain(SUE, CheckResult.PASSED)),
        Refusal.CLAIMED_BY_OTHER);
  }

  @Test
  void aPlainResultIsFinalAtOnce() {
    TaskState.Completion failed = plain(ANN, CheckResult.FAILED);

    TaskState done = moved(new TaskState.Claimed(ANN.id(), T0).complete(ANN, failed));

    assertThat(done).isEqualTo(new TaskState.Done(failed));
    assertThat(done.result()).isEqualTo(failed);
    assertThat(failed.finalAt()).isEqualTo(T1);
  }

  @Test
  void aHighRiskOrOverrideResultWaitsForASupervisor() {
    TaskState.Completion highRisk =
        TaskState.Completion.of(CheckResult.PASSED, ANN.id(), T1, true, false);

    assertThat(moved(new TaskState.Claimed(ANN.id(), T0).complete(ANN, highRisk)))
        .isEqualTo(new TaskState.AwaitingApproval(highRisk));
    assertThat(moved(new TaskState.Claimed(ANN.id(), T0).complete(ANN, override(ANN))))
        .isInstanceOf(TaskState.AwaitingApproval.class)
        .extracting(TaskState::result)
        .isNull();
  }

  @Test
  void anOperatorCannotApproveOrSendBackAResult() {
    TaskState waiting = new TaskState.AwaitingApproval(override(ANN));

    refused(waiting.approve(ANN, T1), Refusal.SUPERVISOR_ONLY);
    refused(waiting.approve(BOB, T1), Refusal.SUPERVISOR_ONLY);
    refused(waiting.sendBack(BOB), Refusal.SUPERVISOR_ONLY);
  }

  @Test
  void nobodyApprovesOrSendsBackTheirOwnResult() {
    TaskState waiting = new TaskState.AwaitingApproval(override(SUE));

    refused(waiting.approve(SUE, T1), Refusal.OWN_RESULT);
    refused(waiting.sendBack(SUE), Refusal.OWN_RESULT);
  }

  @Test
  void anotherSupervisorsApprovalMakesTheResultFinalAtTheApprovalTime() {
    Instant approvedAt = T1.plusSeconds(60);

    TaskState done = moved(new TaskState.AwaitingApproval(override(ANN)).approve(SAM, approvedAt));

    TaskState.Completion result = java.util.Objects.requireNonNull(done.result());
    assertThat(result.by()).isEqualTo(ANN.id());
    assertThat(result.approvedBy()).isEqualTo(SAM.id());
    assertThat(result.finalAt()).isEqualTo(approvedAt);
  }

  @Test
  void aSupervisorSendsAResultBackToTheQueue() {
    assertThat(moved(new TaskState.AwaitingApproval(override(ANN)).sendBack(SUE)))
        .isEqualTo(new TaskState.Open());
  }

  @Test
  void aCompletedTaskCannotBeClaimedReleasedOrCompletedAgain() {
    TaskState waiting = new TaskState.AwaitingApproval(override(ANN));
    TaskState done = new TaskState.Done(plain(ANN, CheckResult.PASSED));

    for (TaskState state : new TaskState[] {waiting, done}) {
      refused(state.claim(BOB.id(), T1), Refusal.TASK_COMPLETED);
      refused(state.release(ANN), Refusal.TASK_COMPLETED);
      refused(state.complete(ANN, plain(ANN, CheckResult.FAILED)), Refusal.TASK_COMPLETED);
    }
    refused(done.approve(SUE, T1), Refusal.NOT_AWAITING_APPROVAL);
    refused(new TaskState.Claimed(ANN.id(), T0).approve(SUE, T1), Refusal.NOT_AWAITING_APPROVAL);
  }

  @Test
  void aSentBackTaskStartsANewRoundInTheQueue() {
    Task task =
        Task.open(UUID.randomUUID(), org.trademap.contracts.kyc.CheckProcess.ID_DOCUMENT, T0)
            .in(new TaskState.AwaitingApproval(override(ANN)));

    Task back = task.sentBack(SUE.id(), T1);

    assertThat(back.round()).isEqualTo(2);
    assertThat(back.openedAt()).isEqualTo(T1);
    assertThat(back.state()).isEqualTo(new TaskState.Open());
    assertThat(back.returnedBy()).isEqualTo(SUE.id());
  }

  @Test
  void reopeningACompletedTaskStartsANewRoundFirstInTheQueue() {
    Task done =
        Task.open(UUID.randomUUID(), org.trademap.contracts.kyc.CheckProcess.ID_DOCUMENT, T0)
            .in(new TaskState.Done(plain(ANN, CheckResult.PASSED)));

    Task reopened = done.reopen(ReopenReason.DOCUMENT_EXPIRED, T1);

    assertThat(reopened.round()).isEqualTo(2);
    assertThat(reopened.openedAt()).isEqualTo(T1);
    assertThat(reopened.state()).isEqualTo(new TaskState.Open());
    assertThat(reopened.reopened()).isEqualTo(ReopenReason.DOCUMENT_EXPIRED);
    assertThat(Casework.Priority.of(reopened)).isEqualTo(Casework.Priority.RE_KYC);
  }

  @Test
  void reopeningAnOpenTaskKeepsItsRoundAndAge() {
    Task open =
        Task.open(UUID.randomUUID(), org.trademap.contracts.kyc.CheckProcess.ID_DOCUMENT, T0);

    Task reopened = open.reopen(ReopenReason.NEW_LIST_HIT, T1);

    assertThat(reopened.round()).isEqualTo(1);
    assertThat(reopened.openedAt()).isEqualTo(T0);
  }

  @Test
  void aHighRiskProposalGoesFirstThenReKycThenTheRest() {
    Task plainTask =
        Task.open(UUID.randomUUID(), org.trademap.contracts.kyc.CheckProcess.ID_DOCUMENT, T0);
    Task flagged =
        plainTask.proposing(new Proposal(CheckResult.FAILED, true, "checks.screening.hit"));

    assertThat(Casework.Priority.of(flagged)).isEqualTo(Casework.Priority.HIGH_RISK);
    assertThat(Casework.Priority.of(plainTask)).isEqualTo(Casework.Priority.NORMAL);
    assertThat(Casework.Priority.HIGH_RISK).isLessThan(Casework.Priority.RE_KYC);
    assertThat(Casework.Priority.RE_KYC).isLessThan(Casework.Priority.NORMAL);
  }
}

package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trademap.contracts.sharing.SharingCalls;
import org.trademap.contracts.sharing.SharingRegistry;
import org.trademap.ledger.api.block.ContractEvent;
import org.trademap.ledger.api.contract.Args;
import org.trademap.server.sharing.SharingAudit.Kind;
import org.trademap.server.sharing.SharingAudit.Report;
import org.trademap.server.sharing.SharingAudit.Step;

/** The auditor's replay of sharing histories built call by call, valid and broken. */
class SharingAuditTest {
  private static final byte[] ALPHA = commitment(1);
  private static final byte[] BETA = commitment(2);
  private static final byte[] PACKAGE = commitment(9);

  private final List<SharingAudit.Call> calls = new ArrayList<>();
  private long height;

  private static byte[] commitment(int fill) {
    byte[] salt = new byte[32];
    Arrays.fill(salt, (byte) fill);
    return SharingCalls.recipientCommitment(salt, "company-" + fill);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] number(long n) {
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (n >>> (56 - 8 * i));
    }
    return out;
  }

  private static ContractEvent changed(String ref, String from, String to, long sequence) {
    return new ContractEvent(
        SharingRegistry.STATUS_CHANGED,
        Args.encode(ascii(ref), ascii(from), ascii(to), number(sequence), number(1_000)));
  }

  private static ContractEvent refusal(String ref, byte[] recipient) {
    return new ContractEvent(
        SharingRegistry.SHARE_REFUSED,
        Args.encode(ascii(ref), recipient, ascii(SharingRegistry.NOT_DESIGNATED), number(1_000)));
  }

  private SharingAuditTest call(String method, byte[] args, ContractEvent... events) {
    height++;
    calls.add(
        new SharingAudit.Call(
            height, String.format("%064x", height), method, args, List.of(events)));
    return this;
  }

  private SharingAuditTest apply(String ref, byte[] recipient) {
    return call(
        SharingRegistry.APPLY,
        SharingCalls.apply(ref, "subj-1", recipient, SharingCalls.ACCOUNT_OPENING, "v1"),
        changed(ref, "", "applied", 1));
  }

  private SharingAuditTest share(String ref, byte[] recipient, String from, long seq) {
    return call(
        SharingRegistry.SHARE,
        SharingCalls.share(ref, recipient, PACKAGE),
        changed(ref, from, "shared", seq));
  }

  private SharingAuditTest decide(String ref, boolean approved, String from, long seq) {
    return call(
        SharingRegistry.DECIDE,
        SharingCalls.decide(ref, approved),
        changed(ref, from, approved ? "approved" : "rejected", seq));
  }

  private SharingAuditTest withdraw(String ref, String from, long seq) {
    return call(
        SharingRegistry.WITHDRAW, SharingCalls.withdraw(ref), changed(ref, from, "withdrawn", seq));
  }

  private SharingAuditTest refusedShare(String ref, byte[] recipient) {
    return call(
        SharingRegistry.SHARE,
        SharingCalls.share(ref, recipient, PACKAGE),
        refusal(ref, recipient));
  }

  private SharingAuditTest update(String ref, byte[] recipient, ContractEvent... events) {
    return call(SharingRegistry.UPDATE, SharingCalls.share(ref, recipient, PACKAGE), events);
  }

  private Report audit() {
    return SharingAudit.of(height + 1, calls);
  }

  private static List<Kind> kinds(Report report) {
    return report.violations().stream().map(SharingAudit.Violation::kind).toList();
  }

  @Test
  void aValidHistoryPassesWithEachApplicationsSequence() {
    apply("app-1", ALPHA).apply("app-2", BETA).apply("app-3", ALPHA);
    share("app-1", ALPHA, "applied", 2);
    refusedShare("app-2", ALPHA);
    share("app-2", BETA, "applied", 2);
    decide("app-1", true, "shared", 3);
    decide("app-2", false, "shared", 3);
    withdraw("app-3", "applied", 2);

    Report report = audit();

    assertThat(report.valid()).as(report.violations().toString()).isTrue();
    assertThat(report.summary()).startsWith("all transitions valid: 3 applications");
    assertThat(report.refusedShares()).isEqualTo(1);
    assertThat(report.calls()).isEqualTo(9);
    SharingAudit.ApplicationAudit second = report.applications().get(1);
    assertThat(second.applicationRef()).isEqualTo("app-2");
    assertThat(second.steps().stream().map(Step::status))
        .containsExactly("applied", "share-refused", "shared", "rejected");
    assertThat(second.recipientCommitment()).hasSize(64);
    assertThat(report.applications().get(2).status()).isEqualTo("withdrawn");
  }

  @Test
  void updatedPackagesWhileSharedOrApprovedAreValidStepsWithoutAStatus() {
    apply("app-1", ALPHA).share("app-1", ALPHA, "applied", 2).update("app-1", ALPHA);
    decide("app-1", true, "shared", 3).update("app-1", ALPHA);

    Report report = audit();

    assertThat(report.valid()).as(report.violations().toString()).isTrue();
    assertThat(report.applications().getFirst().steps().stream().map(Step::status))
        .containsExactly("applied", "shared", "package-updated", "approved", "package-updated");
    assertThat(report.applications().getFirst().status()).isEqualTo("approved");
  }

  @Test
  void anUpdateBeforeTheShareAfterARejectionWithAStatusChangeOrForAnotherRecipientIsNamed() {
    apply("app-1", ALPHA).update("app-1", ALPHA);
    apply("app-2", ALPHA).share("app-2", ALPHA, "applied", 2).decide("app-2", false, "shared", 3);
    update("app-2", ALPHA);
    apply("app-3", ALPHA).share("app-3", ALPHA, "applied", 2);
    update("app-3", ALPHA, changed("app-3", "shared", "approved", 3));
    apply("app-4", ALPHA).share("app-4", ALPHA, "applied", 2).update("app-4", BETA);

    assertThat(kinds(audit()))
        .containsExactly(
            Kind.ILLEGAL_UPDATE, Kind.ILLEGAL_UPDATE, Kind.ILLEGAL_UPDATE, Kind.RECIPIENT_MISMATCH);
  }

  @Test
  void aShareNamingAnotherRecipientIsNamed() {
    apply("app-1", ALPHA).share("app-1", BETA, "applied", 2);
    Report report = audit();
    assertThat(kinds(report)).containsExactly(Kind.RECIPIENT_MISMATCH);
    assertThat(report.violations().getFirst().height()).isEqualTo(2);
    assertThat(report.violations().getFirst().txId()).isEqualTo(String.format("%064x", 2));
    assertThat(report.summary()).isEqualTo("1 violations in 1 applications");
  }

  @Test
  void aDecisionBeforeTheShareIsNamed() {
    apply("app-1", ALPHA).decide("app-1", true, "applied", 2);
    assertThat(kinds(audit())).containsExactly(Kind.DECIDE_BEFORE_SHARE);
  }

  @Test
  void anythingAfterAFinalStatusIsNamed() {
    apply("app-1", ALPHA).withdraw("app-1", "applied", 2).share("app-1", ALPHA, "withdrawn", 3);
    apply("app-2", ALPHA).share("app-2", ALPHA, "applied", 2).decide("app-2", true, "shared", 3);
    withdraw("app-2", "approved", 4);
    assertThat(kinds(audit())).containsExactly(Kind.AFTER_FINAL, Kind.AFTER_FINAL);
  }

  @Test
  void anIllegalTransitionIsNamed() {
    apply("app-1", ALPHA).share("app-1", ALPHA, "applied", 2).share("app-1", ALPHA, "shared", 3);
    assertThat(kinds(audit())).containsExactly(Kind.ILLEGAL_TRANSITION);
  }

  @Test
  void twoLiveStatesAreNamed() {
    apply("app-1", ALPHA).share("app-1", ALPHA, "applied", 2);
    withdraw("app-1", "applied", 3);
    Report report = audit();
    assertThat(kinds(report)).containsExactly(Kind.TWO_LIVE_STATES);
    assertThat(report.violations().getFirst().detail())
        .isEqualTo("change from applied #3 while live shared #2");
  }

  @Test
  void aSequenceGapIsTwoLiveStates() {
    apply("app-1", ALPHA).share("app-1", ALPHA, "applied", 5);
    assertThat(kinds(audit())).containsExactly(Kind.TWO_LIVE_STATES);
  }

  @Test
  void aRefusedShareThatChangedTheStatusIsNamed() {
    apply("app-1", ALPHA);
    call(
        SharingRegistry.SHARE,
        SharingCalls.share("app-1", BETA, PACKAGE),
        refusal("app-1", BETA),
        changed("app-1", "applied", "shared", 2));
    Report report = audit();
    assertThat(kinds(report)).containsExactly(Kind.REFUSED_SHARE_CHANGED_STATE);
    assertThat(report.applications().getFirst().status()).isEqualTo("shared");
  }

  @Test
  void aSecondApplyAndCallsWithoutApplyAreNamed() {
    apply("app-1", ALPHA).apply("app-1", BETA);
    share("app-9", ALPHA, "applied", 2);
    assertThat(kinds(audit())).containsExactly(Kind.DUPLICATE_APPLICATION, Kind.NOT_APPLIED);
  }

  @Test
  void aStatusCallWithoutItsEventAndUnreadableArgumentsAreNamed() {
    apply("app-1", ALPHA);
    call(SharingRegistry.SHARE, SharingCalls.share("app-1", ALPHA, PACKAGE));
    call(SharingRegistry.DECIDE, new byte[] {1, 2, 3});
    assertThat(kinds(audit())).containsExactly(Kind.MISSING_STATUS_EVENT, Kind.MALFORMED);
  }

  @Test
  void aDecisionOtherThanTheEventSaysIsIllegal() {
    apply("app-1", ALPHA).share("app-1", ALPHA, "applied", 2);
    call(
        SharingRegistry.DECIDE,
        SharingCalls.decide("app-1", false),
        changed("app-1", "shared", "approved", 3));
    assertThat(kinds(audit())).containsExactly(Kind.ILLEGAL_TRANSITION);
  }
}

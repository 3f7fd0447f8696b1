package org.trademap.contracts.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.contracts.sharing.SharingCalls.ACCOUNT_OPENING;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trademap.contracts.kyc.InMemoryKeySpace;
import org.trademap.contracts.kyc.TestContext;
import org.trademap.ledger.api.block.ContractEvent;
import org.trademap.ledger.api.contract.Args;
import org.trademap.ledger.api.contract.Outcome;

/** The sharing contract's rules, one test per rule, and its happy path. */
class SharingRegistryTest {
  private static final String APP = "app_1";
  private static final String SUBJECT = "subj_1";
  private static final byte[] SALT = filled(7);
  private static final byte[] COMPANY_A =
      SharingCalls.recipientCommitment(SALT, "alpha-securities");
  private static final byte[] COMPANY_B = SharingCalls.recipientCommitment(SALT, "beta-securities");
  private static final byte[] PACKAGE = filled(9);
  private static final byte[] UPDATED = filled(10);

  private final InMemoryKeySpace ledger = new InMemoryKeySpace();
  private final SharingRegistry contract = new SharingRegistry();
  private long time = TestContext.Builder.DEFAULT_TIME;

  private Outcome call(String method, byte[] args) {
    return call(method, args, SharingRegistry.CONSORTIUM_ROLE);
  }

  private Outcome call(String method, byte[] args, String role) {
    return call(contract, method, args, role);
  }

  private Outcome call(SharingRegistry version, String method, byte[] args, String role) {
    time += 1_000;
    return ledger.execute(version, ledger.call(method, args).by("member-" + role, role).at(time));
  }

  /** A call to version 2, which adds {@code update}. */
  private Outcome callV2(String method, byte[] args, String role) {
    return call(new SharingRegistryV2(), method, args, role);
  }

  private Outcome update(byte[] recipient, byte[] packageHash) {
    return callV2(
        SharingRegistry.UPDATE,
        SharingCalls.share(APP, recipient, packageHash),
        SharingRegistry.CONSORTIUM_ROLE);
  }

  private void shared() {
    applied();
    call(SharingRegistry.SHARE, SharingCalls.share(APP, COMPANY_A, PACKAGE));
  }

  private Outcome applied() {
    return call(
        SharingRegistry.APPLY, SharingCalls.apply(APP, SUBJECT, COMPANY_A, ACCOUNT_OPENING, "v1"));
  }

  private SharingRecords.Application stored() {
    return SharingRecords.decodeApplication(
        ledger.get(SharingRecords.applicationKey(APP)).orElseThrow());
  }

  private static SharingRecords.Result result(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
    return SharingRecords.decodeResult(((Outcome.Accepted) outcome).value());
  }

  private static void assertRejected(Outcome outcome, String code) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    assertThat(((Outcome.Rejected) outcome).code()).isEqualTo(code);
    assertThat(((Outcome.Rejected) outcome).message()).endsWith(".");
  }

  private List<String> eventNames() {
    return ledger.events().stream().map(ContractEvent::name).toList();
  }

  @Test
  void applicationSharedAndApprovedMovesThroughItsStatusesWithOneEventPerChange() {
    assertThat(result(applied())).isEqualTo(new SharingRecords.Result(false, "applied"));
    assertThat(result(call(SharingRegistry.SHARE, SharingCalls.share(APP, COMPANY_A, PACKAGE))))
        .isEqualTo(new SharingRecords.Result(false, "shared"));
    assertThat(result(call(SharingRegistry.DECIDE, SharingCalls.decide(APP, true))))
        .isEqualTo(new SharingRecords.Result(false, "approved"));

    SharingRecords.Application app = stored();
    assertThat(app.status()).isEqualTo("approved");
    assertThat(app.packageHash()).isEqualTo(PACKAGE);
    assertThat(app.recipientCommitment()).isEqualTo(COMPANY_A);
    assertThat(app.transitions()).isEqualTo(3);
    assertThat(app.refusedShares()).isZero();
    assertThat(eventNames())
        .containsExactly(
            SharingRegistry.APPLICATION_RECORDED,
            SharingRegistry.STATUS_CHANGED,
            SharingRegistry.PACKAGE_SHARED,
            SharingRegistry.STATUS_CHANGED,
            SharingRegistry.STATUS_CHANGED);
  }

  @Test
  void theLedgerNeverNamesTheCompany() {
    applied();
    call(SharingRegistry.SHARE, SharingCalls.share(APP, COMPANY_A, PACKAGE));
    byte[] name = "alpha-securities".getBytes(StandardCharsets.US_ASCII);
    for (String value : ledger.snapshot().values()) {
      assertThat(value).doesNotContain(java.util.HexFormat.of().formatHex(name));
    }
    for (ContractEvent e : ledger.events()) {
      assertThat(indexOf(e.data(), name)).isEqualTo(-1);
    }
  }

  @Test
  void shareToACompanyThePersonDidNotDesignateIsRefusedWithAnAlert() {
    applied();

    SharingRecords.Result refused =
        result(call(SharingRegistry.SHARE, SharingCalls.share(APP, COMPANY_B, PACKAGE)));

    assertThat(refused).isEqualTo(new SharingRecords.Result(true, SharingRegistry.NOT_DESIGNATED));
    assertThat(stored().status()).isEqualTo("applied");
    assertThat(stored().packageHash()).isEqualTo(new byte[32]);
    assertThat(stored().refusedShares()).isEqualTo(1);
    ContractEvent alert = ledger.events().getLast();
    assertThat(alert.name()).isEqualTo(SharingRegistry.SHARE_REFUSED);
    List<byte[]> fields = Args.decode(alert.data(), 4);
    assertThat(new String(fields.get(2), StandardCharsets.US_ASCII))
        .isEqualTo(SharingRegistry.NOT_DESIGNATED);
  }

  @Test
  void shareAfterTheConsentWasWithdrawnIsRefusedWithAnAlert() {
    applied();
    assertThat(result(call(SharingRegistry.WITHDRAW, SharingCalls.withdraw(APP))).detail())
        .isEqualTo("withdrawn");

    assertThat(result(call(SharingRegistry.SHARE, SharingCalls.share(APP, COMPANY_A, PACKAGE))))
        .isEqualTo(new SharingRecords.Result(true, SharingRegistry.CONSENT_WITHDRAWN));
    assertThat(stored().status()).isEqualTo("withdrawn");
    assertThat(eventNames().getLast()).isEqualTo(SharingRegistry.SHARE_REFUSED);
  }

  @Test
  void applicationsAreRecordedOnlyOnce() {
    applied();
    assertRejected(applied(), SharingRegistry.APPLICATION_EXISTS);
  }

  @Test
  void onlyTheConsortiumAppliesSharesAndWithdraws() {
    assertRejected(
        call(
            SharingRegistry.APPLY,
            SharingCalls.apply(APP, SUBJECT, COMPANY_A, ACCOUNT_OPENING, "v1"),
            SharingRegistry.COMPANY_ROLE),
        SharingRegistry.NOT_ALLOWED);
    applied();
    assertRejected(
        call(
            SharingRegistry.SHARE,
            SharingCalls.share(APP, COMPANY_A, PACKAGE),
            SharingRegistry.COMPANY_ROLE),
        SharingRegistry.NOT_ALLOWED);
    assertRejected(
        call(SharingRegistry.WITHDRAW, SharingCalls.withdraw(APP), SharingRegistry.COMPANY_ROLE),
        SharingRegistry.NOT_ALLOWED);
  }

  @Test
  void aCompanyMemberMayDecideButNoOtherRole() {
    applied();
    call(SharingRegistry.SHARE, SharingCalls.share(APP, COMPANY_A, PACKAGE));
    assertRejected(
        call(SharingRegistry.DECIDE, SharingCalls.decide(APP, true), "platform"),
        SharingRegistry.NOT_ALLOWED);
    assertThat(
            result(
                call(
                    SharingRegistry.DECIDE,
                    SharingCalls.decide(APP, false),
                    SharingRegistry.COMPANY_ROLE)))
        .isEqualTo(new SharingRecords.Result(false, "rejected"));
  }

  @Test
  void aDecisionNeedsASharedPackage() {
    applied();
    assertRejected(
        call(SharingRegistry.DECIDE, SharingCalls.decide(APP, true)), SharingRegistry.WRONG_STATUS);
  }

  @Test
  void aDecidedApplicationCanNeitherBeSharedAgainNorWithdrawn() {
    applied();
    call(SharingRegistry.SHARE, SharingCalls.share(APP, COMPANY_A, PACKAGE));
    call(SharingRegistry.DECIDE, SharingCalls.decide(APP, true));
    assertRejected(
        call(SharingRegistry.SHARE, SharingCalls.share(APP, COMPANY_A, PACKAGE)),
        SharingRegistry.WRONG_STATUS);
    assertRejected(
        call(SharingRegistry.WITHDRAW, SharingCalls.withdraw(APP)), SharingRegistry.WRONG_STATUS);
    assertRejected(
        call(SharingRegistry.DECIDE, SharingCalls.decide(APP, false)),
        SharingRegistry.WRONG_STATUS);
  }

  @Test
  void callsForAnUnknownApplicationAreRejected() {
    assertRejected(
        call(SharingRegistry.SHARE, SharingCalls.share(APP, COMPANY_A, PACKAGE)),
        SharingRegistry.UNKNOWN_APPLICATION);
    assertRejected(
        call(SharingRegistry.WITHDRAW, SharingCalls.withdraw(APP)),
        SharingRegistry.UNKNOWN_APPLICATION);
    assertRejected(
        call(SharingRegistry.DECIDE, SharingCalls.decide(APP, true)),
        SharingRegistry.UNKNOWN_APPLICATION);
  }

  @Test
  void malformedFieldsAreRejectedWithTheirOwnCode() {
    byte[] ascii = "x".getBytes(StandardCharsets.US_ASCII);
    assertRejected(
        call(SharingRegistry.APPLY, Args.encode(ascii)), SharingRegistry.MALFORMED_ARGUMENTS);
    assertRejected(
        call(SharingRegistry.APPLY, new byte[] {1, 2}), SharingRegistry.MALFORMED_ARGUMENTS);
    assertRejected(
        call(
            SharingRegistry.APPLY,
            Args.encode(
                bytes("bad ref"), bytes(SUBJECT), COMPANY_A, bytes(ACCOUNT_OPENING), bytes("v1"))),
        SharingRegistry.BAD_REF);
    assertRejected(
        call(
            SharingRegistry.APPLY,
            Args.encode(
                bytes(APP), bytes(SUBJECT), new byte[31], bytes(ACCOUNT_OPENING), bytes("v1"))),
        SharingRegistry.BAD_HASH);
    assertRejected(
        call(
            SharingRegistry.APPLY,
            Args.encode(bytes(APP), bytes(SUBJECT), COMPANY_A, bytes("marketing"), bytes("v1"))),
        SharingRegistry.UNKNOWN_PURPOSE);
    assertRejected(
        call(
            SharingRegistry.APPLY,
            Args.encode(bytes(APP), bytes(SUBJECT), COMPANY_A, bytes(ACCOUNT_OPENING), bytes(""))),
        SharingRegistry.BAD_CONSENT_VERSION);
    applied();
    assertRejected(
        call(SharingRegistry.SHARE, Args.encode(bytes(APP), COMPANY_A, new byte[5])),
        SharingRegistry.BAD_HASH);
    assertRejected(
        call(SharingRegistry.DECIDE, Args.encode(bytes(APP), bytes("maybe"))),
        SharingRegistry.UNKNOWN_DECISION);
    assertRejected(call("close", Args.encode(bytes(APP))), SharingRegistry.UNKNOWN_METHOD);
    assertThat(stored().transitions()).isEqualTo(1);
  }

  @Test
  void sameCallsOnTwoFreshKeySpacesGiveTheSameStateAndEvents() {
    SharingRegistryTest first = new SharingRegistryTest();
    SharingRegistryTest second = new SharingRegistryTest();
    for (SharingRegistryTest run : List.of(first, second)) {
      run.applied();
      run.call(SharingRegistry.SHARE, SharingCalls.share(APP, COMPANY_B, PACKAGE));
      run.call(SharingRegistry.SHARE, SharingCalls.share(APP, COMPANY_A, PACKAGE));
      run.call(SharingRegistry.DECIDE, SharingCalls.decide(APP, true));
    }
    assertThat(second.ledger.snapshot()).isEqualTo(first.ledger.snapshot());
    assertThat(second.ledger.events()).isEqualTo(first.ledger.events());
  }

  @Test
  void recipientCommitmentsDependOnSaltAndCompany() {
    assertThat(COMPANY_A).isNotEqualTo(COMPANY_B);
    assertThat(SharingCalls.recipientCommitment(filled(8), "alpha-securities"))
        .isNotEqualTo(COMPANY_A);
    assertThat(SharingCalls.recipientCommitment(SALT, "alpha-securities")).isEqualTo(COMPANY_A);
  }

  // ---- version 2: updated packages (③-D) -----------------------------------------------------

  @Test
  void versionTwoIsTheSameContractWithUpdate() {
    assertThat(new SharingRegistryV2().id()).isEqualTo(SharingRegistry.ID);
    assertThat(new SharingRegistryV2().version()).isEqualTo(SharingRegistry.UPDATE_VERSION);
    assertThat(contract.version()).isEqualTo(SharingRegistry.VERSION);
  }

  @Test
  void anApprovedApplicationTakesAnUpdatedPackageWithoutChangingItsStatus() {
    shared();
    call(SharingRegistry.DECIDE, SharingCalls.decide(APP, true), SharingRegistry.COMPANY_ROLE);
    long transitions = stored().transitions();

    assertThat(result(update(COMPANY_A, UPDATED)))
        .isEqualTo(new SharingRecords.Result(false, "approved"));

    assertThat(stored().packageHash()).isEqualTo(UPDATED);
    assertThat(stored().status()).isEqualTo("approved");
    assertThat(stored().transitions()).isEqualTo(transitions);
    assertThat(eventNames().getLast()).isEqualTo(SharingRegistry.PACKAGE_UPDATED);
  }

  @Test
  void aSharedApplicationNotYetDecidedTakesAnUpdateToo() {
    shared();
    assertThat(result(update(COMPANY_A, UPDATED)))
        .isEqualTo(new SharingRecords.Result(false, "shared"));
  }

  @Test
  void anUpdateForAnotherCompanyIsRefusedWithAnAlert() {
    shared();

    assertThat(result(update(COMPANY_B, UPDATED)))
        .isEqualTo(new SharingRecords.Result(true, SharingRegistry.NOT_DESIGNATED));

    assertThat(stored().packageHash()).isEqualTo(PACKAGE);
    assertThat(stored().refusedShares()).isEqualTo(1);
    assertThat(eventNames().getLast()).isEqualTo(SharingRegistry.SHARE_REFUSED);
  }

  @Test
  void anUpdateNeedsAPackageSharedBeforeAndNoRejection() {
    applied();
    assertRejected(update(COMPANY_A, UPDATED), SharingRegistry.WRONG_STATUS);
    call(SharingRegistry.SHARE, SharingCalls.share(APP, COMPANY_A, PACKAGE));
    call(SharingRegistry.DECIDE, SharingCalls.decide(APP, false), SharingRegistry.COMPANY_ROLE);
    assertRejected(update(COMPANY_A, UPDATED), SharingRegistry.WRONG_STATUS);
    assertThat(stored().packageHash()).isEqualTo(PACKAGE);
  }

  @Test
  void onlyTheConsortiumUpdatesAndVersionOneDoesNotKnowTheMethod() {
    shared();
    assertRejected(
        callV2(
            SharingRegistry.UPDATE,
            SharingCalls.share(APP, COMPANY_A, UPDATED),
            SharingRegistry.COMPANY_ROLE),
        SharingRegistry.NOT_ALLOWED);
    assertRejected(
        call(
            SharingRegistry.UPDATE,
            SharingCalls.share(APP, COMPANY_A, UPDATED),
            SharingRegistry.CONSORTIUM_ROLE),
        SharingRegistry.UNKNOWN_METHOD);
    assertThat(stored().packageHash()).isEqualTo(PACKAGE);
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] filled(int value) {
    byte[] out = new byte[32];
    Arrays.fill(out, (byte) value);
    return out;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

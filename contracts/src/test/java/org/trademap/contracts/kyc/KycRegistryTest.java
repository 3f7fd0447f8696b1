package org.trademap.contracts.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trademap.contracts.kyc.KycRegistry.RECORD_CHECK;
import static org.trademap.contracts.kyc.KycRegistry.RECORD_KEY;
import static org.trademap.contracts.kyc.KycRegistry.REGISTER;
import static org.trademap.contracts.kyc.KycRegistry.UPDATE_COMMITMENT;
import static org.trademap.contracts.kyc.KycTestData.ascii;
import static org.trademap.contracts.kyc.KycTestData.commitment;
import static org.trademap.contracts.kyc.KycTestData.longBytes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.trademap.contracts.kyc.KycRegistryEvent.CheckRecorded;
import org.trademap.contracts.kyc.KycRegistryEvent.CommitmentUpdated;
import org.trademap.contracts.kyc.KycRegistryEvent.KeyRecorded;
import org.trademap.contracts.kyc.KycRegistryEvent.SubjectRegistered;
import org.trademap.ledger.api.block.ContractEvent;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.contract.Args;
import org.trademap.ledger.api.contract.Outcome;

/** The KYC registry's rules, one test per rule, and its happy paths. */
class KycRegistryTest {
  private static final long T0 = TestContext.Builder.DEFAULT_TIME;
  private static final long T1 = T0 + 60_000;
  private static final String REF = "subj_7Hk2-aQ";
  private static final String OTHER_REF = "subj_other";
  private static final String OPERATOR = "op-17";
  private static final Commitment C1 = commitment(0x11);
  private static final Commitment C2 = commitment(0x22);

  private final KycRegistry contract = new KycRegistry();
  private final InMemoryKeySpace ledger = new InMemoryKeySpace();

  // ---- happy paths -------------------------------------------------------------------------

  @Test
  void registersSubjectWithItsCommitmentAndRegistrationTime() {
    TestContext call = ledger.call(REGISTER, KycRegistryCalls.register(REF, C1)).at(T0).build();

    Outcome outcome = ledger.execute(contract, call);

    assertAccepted(outcome, 1);
    assertThat(call.writes()).hasSize(1);
    assertThat(subject(REF)).isEqualTo(new SubjectRecord(REF, C1, T0, 1, T0, 0));
    assertThat(ledger.events())
        .extracting(ContractEvent::name)
        .containsExactly("subject-registered");
    assertThat(decodedEvents()).containsExactly(new SubjectRegistered(REF, C1, T0));
  }

  @Test
  void recordsChecksInTheSubjectsHistoryWithIncreasingSequenceNumbers() {
    register(REF, C1, T0);

    Outcome first =
        ledger.execute(
            contract,
            ledger
                .call(
                    RECORD_CHECK,
                    KycRegistryCalls.recordCheck(
                        REF, CheckProcess.ID_DOCUMENT, CheckResult.PASSED, OPERATOR, T0 + 10))
                .at(T1));
    Outcome second =
        ledger.execute(
            contract,
            ledger
                .call(
                    RECORD_CHECK,
                    KycRegistryCalls.recordCheck(
                        REF,
                        CheckProcess.SANCTIONS_SCREENING,
                        CheckResult.NEEDS_INFORMATION,
                        "op-4",
                        T1 - 5))
                .at(T1 + 1));

    assertAccepted(first, 1);
    assertAccepted(second, 2);
    CheckRecord one =
        new CheckRecord(
            REF, 1, CheckProcess.ID_DOCUMENT, CheckResult.PASSED, OPERATOR, T0 + 10, T1);
    CheckRecord two =
        new CheckRecord(
            REF,
            2,
            CheckProcess.SANCTIONS_SCREENING,
            CheckResult.NEEDS_INFORMATION,
            "op-4",
            T1 - 5,
            T1 + 1);
    assertThat(check(REF, 1)).isEqualTo(one);
    assertThat(check(REF, 2)).isEqualTo(two);
    assertThat(subject(REF).checkCount()).isEqualTo(2);
    assertThat(ledger.events())
        .extracting(ContractEvent::name)
        .containsExactly("subject-registered", "check-recorded", "check-recorded");
    assertThat(decodedEvents().subList(1, 3))
        .containsExactly(new CheckRecorded(one), new CheckRecorded(two));
  }

  @Test
  void keepsTheHistoriesOfDifferentSubjectsApart() {
    register(REF, C1, T0);
    register(OTHER_REF, C2, T0);

    recordCheck(REF, CheckProcess.ID_DOCUMENT, T0);
    Outcome otherFirst = recordCheck(OTHER_REF, CheckProcess.APPROVAL, T0);
    Outcome secondForRef = recordCheck(REF, CheckProcess.APPROVAL, T0);

    assertAccepted(otherFirst, 1);
    assertAccepted(secondForRef, 2);
    assertThat(check(OTHER_REF, 1).process()).isEqualTo(CheckProcess.APPROVAL);
    assertThat(subject(OTHER_REF).checkCount()).isEqualTo(1);
    assertThat(subject(REF).checkCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(CheckProcess.class)
  void acceptsEveryKnownProcess(CheckProcess process) {
    register(REF, C1, T0);

    assertAccepted(recordCheck(REF, process, T0), 1);
    assertThat(check(REF, 1).process()).isEqualTo(process);
  }

  @ParameterizedTest
  @EnumSource(CheckResult.class)
  void acceptsEveryKnownResult(CheckResult result) {
    register(REF, C1, T0);

    Outcome outcome =
        ledger.execute(
            contract,
            ledger.call(
                RECORD_CHECK,
                KycRegistryCalls.recordCheck(REF, CheckProcess.APPROVAL, result, OPERATOR, T0)));

    assertAccepted(outcome, 1);
    assertThat(check(REF, 1).result()).isEqualTo(result);
  }

  @Test
  void acceptsCheckCompletedExactlyAtRegistrationAndExactlyAtBlockTime() {
    register(REF, C1, T0);

    assertAccepted(recordCheckAt(REF, T0, T1), 1);
    assertAccepted(recordCheckAt(REF, T1, T1), 2);
  }

  @Test
  void acceptsReferenceAndOperatorOfSixtyFourCharacters() {
    String ref = "A".repeat(32) + "z9_-".repeat(8);
    String operator = "o".repeat(64);
    register(ref, C1, T0);

    Outcome outcome =
        ledger.execute(
            contract,
            ledger.call(
                RECORD_CHECK,
                KycRegistryCalls.recordCheck(
                    ref, CheckProcess.APPROVAL, CheckResult.PASSED, operator, T0)));

    assertAccepted(outcome, 1);
    assertThat(check(ref, 1).operatorPseudonym()).isEqualTo(operator);
  }

  @Test
  void updatesTheCommitmentAndCountsItsRevisions() {
    register(REF, C1, T0);
    Commitment c3 = commitment(0x33);

    Outcome first = updateCommitment(REF, C2, T1);
    Outcome second = updateCommitment(REF, c3, T1 + 7);

    assertAccepted(first, 2);
    assertAccepted(second, 3);
    assertThat(subject(REF)).isEqualTo(new SubjectRecord(REF, c3, T0, 3, T1 + 7, 0));
    assertThat(ledger.events())
        .extracting(ContractEvent::name)
        .containsExactly("subject-registered", "commitment-updated", "commitment-updated");
    assertThat(decodedEvents().subList(1, 3))
        .containsExactly(
            new CommitmentUpdated(REF, C1, C2, 2, T1),
            new CommitmentUpdated(REF, C2, c3, 3, T1 + 7));
  }

  @Test
  void updatingTheCommitmentKeepsTheCheckHistory() {
    register(REF, C1, T0);
    recordCheck(REF, CheckProcess.ID_DOCUMENT, T0);

    updateCommitment(REF, C2, T1);

    assertThat(subject(REF).checkCount()).isEqualTo(1);
    assertAccepted(recordCheck(REF, CheckProcess.APPROVAL, T1), 2);
  }

  @Test
  void recordsTheFirstKeyAndEachReissueWithTheNextRevision() {
    register(REF, C1, T0);
    Commitment k1 = commitment(0x41);
    Commitment k2 = commitment(0x42);

    Outcome first = recordKey(REF, k1, 1, T1);
    Outcome second = recordKey(REF, k2, 2, T1 + 9);

    assertAccepted(first, 1);
    assertAccepted(second, 2);
    assertThat(key(REF)).isEqualTo(new KeyRecord(REF, k2, 2, T1 + 9));
    assertThat(key(REF).revoked()).isFalse();
    assertThat(ledger.events())
        .extracting(ContractEvent::name)
        .containsExactly("subject-registered", "key-recorded", "key-recorded");
    assertThat(decodedEvents().subList(1, 3))
        .containsExactly(
            new KeyRecorded(new KeyRecord(REF, k1, 1, T1)),
            new KeyRecorded(new KeyRecord(REF, k2, 2, T1 + 9)));
  }

  @Test
  void acceptsTheNoKeyCommitmentAsARevocationWithoutSuccessor() {
    register(REF, C1, T0);
    recordKey(REF, commitment(0x41), 1, T1);

    assertAccepted(recordKey(REF, KycRegistryCalls.NO_KEY, 2, T1 + 1), 2);
    assertThat(key(REF).revoked()).isTrue();
  }

  @Test
  void recordingAKeyLeavesTheSubjectRecordAndTheCheckHistoryAsTheyWere() {
    register(REF, C1, T0);
    recordCheck(REF, CheckProcess.APPROVAL, T0);
    SubjectRecord before = subject(REF);

    TestContext call =
        ledger
            .call(RECORD_KEY, KycRegistryCalls.recordKey(REF, commitment(0x41), 1))
            .at(T1)
            .build();
    ledger.execute(contract, call);

    assertThat(subject(REF)).isEqualTo(before);
    assertThat(call.writes()).hasSize(1);
    assertAccepted(recordCheck(REF, CheckProcess.ID_DOCUMENT, T1), 2);
  }

  // ---- rules: who may call and what ----------------------------------------------------------

  @ParameterizedTest
  @MethodSource("nonConsortiumCalls")
  void rejectsCallsByMembersOutsideTheConsortium(String role, String method, byte[] args) {
    register(REF, C1, T0);

    Outcome outcome = ledger.execute(contract, ledger.call(method, args).by("member-x", role));

    assertRejected(
        outcome,
        "kyc.not-consortium",
        "Only members of the consortium may write to the KYC registry.");
  }

  static Stream<Arguments> nonConsortiumCalls() {
    List<String> roles = List.of("securities-company", "platform", "notary", "Consortium", "");
    Map<String, byte[]> calls =
        Map.of(
            REGISTER,
            KycRegistryCalls.register(OTHER_REF, C1),
            RECORD_CHECK,
            KycRegistryCalls.recordCheck(
                REF, CheckProcess.APPROVAL, CheckResult.PASSED, OPERATOR, T0),
            UPDATE_COMMITMENT,
            KycRegistryCalls.updateCommitment(REF, C2),
            RECORD_KEY,
            KycRegistryCalls.recordKey(REF, C2, 1),
            "no-such-method",
            new byte[0]);
    return roles.stream()
        .flatMap(
            role ->
                calls.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> Arguments.of(role, e.getKey(), e.getValue())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"delete-subject", "Register", "register ", "record_check", "x"})
  void rejectsUnknownMethod(String method) {
    Outcome outcome = ledger.execute(contract, ledger.call(method, Args.encode()));

    assertRejected(outcome, "kyc.unknown-method", "The KYC registry has no method of that name.");
  }

  @ParameterizedTest
  @MethodSource("wrongFieldCounts")
  void rejectsArgumentsWithTheWrongNumberOfFields(String method, byte[] args) {
    register(REF, C1, T0);

    Outcome outcome = ledger.execute(contract, ledger.call(method, args));

    assertMalformed(outcome);
  }

  static Stream<Arguments> wrongFieldCounts() {
    byte[] ref = ascii(REF);
    byte[] c = C2.bytes();
    byte[] time = longBytes(T0);
    return Stream.of(
        Arguments.of(REGISTER, Args.encode()),
        Arguments.of(REGISTER, Args.encode(ref)),
        Arguments.of(REGISTER, Args.encode(ascii(OTHER_REF), c, c)),
        Arguments.of(RECORD_CHECK, Args.encode(ref, ascii("approval"), ascii("passed"), time)),
        Arguments.of(
            RECORD_CHECK,
            Args.encode(
                ref, ascii("approval"), ascii("passed"), ascii(OPERATOR), time, new byte[0])),
        Arguments.of(UPDATE_COMMITMENT, Args.encode(ref)),
        Arguments.of(UPDATE_COMMITMENT, Args.encode(ref, c, new byte[0])),
        Arguments.of(RECORD_KEY, Args.encode(ref, c)),
        Arguments.of(RECORD_KEY, Args.encode(ref, c, longBytes(1), time)));
  }

  @ParameterizedTest
  @MethodSource("notArgsEncoded")
  void rejectsArgumentsThatAreNotTheArgumentEncoding(String method, byte[] args) {
    register(REF, C1, T0);

    Outcome outcome = ledger.execute(contract, ledger.call(method, args));

    assertMalformed(outcome);
  }

  static Stream<Arguments> notArgsEncoded() {
    byte[] valid = KycRegistryCalls.register(OTHER_REF, C1);
    byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
    byte[] truncated = Arrays.copyOf(valid, valid.length - 1);
    byte[] hugeCount = {0x7f, 0, 0, 0};
    return Stream.of(
        Arguments.of(REGISTER, new byte[0]),
        Arguments.of(REGISTER, trailing),
        Arguments.of(REGISTER, truncated),
        Arguments.of(RECORD_CHECK, hugeCount),
        Arguments.of(UPDATE_COMMITMENT, "not args".getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 4, 7, 9, 16})
  void rejectsCompletionTimeThatIsNotEightBytes(int size) {
    register(REF, C1, T0);
    byte[] args =
        Args.encode(
            ascii(REF), ascii("approval"), ascii("passed"), ascii(OPERATOR), new byte[size]);

    Outcome outcome = ledger.execute(contract, ledger.call(RECORD_CHECK, args));

    assertMalformed(outcome);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 4, 7, 9})
  void rejectsKeyRevisionThatIsNotEightBytes(int size) {
    register(REF, C1, T0);
    byte[] args = Args.encode(ascii(REF), C2.bytes(), new byte[size]);

    Outcome outcome = ledger.execute(contract, ledger.call(RECORD_KEY, args));

    assertMalformed(outcome);
  }

  // ---- rules: fields -------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("badReferences")
  void rejectsMalformedSubjectReference(String method, byte[] ref) {
    register(REF, C1, T0);
    byte[] args =
        switch (method) {
          case RECORD_CHECK ->
              Args.encode(ref, ascii("approval"), ascii("passed"), ascii(OPERATOR), longBytes(T0));
          case RECORD_KEY -> Args.encode(ref, C2.bytes(), longBytes(1));
          default -> Args.encode(ref, C2.bytes());
        };

    Outcome outcome = ledger.execute(contract, ledger.call(method, args));

    assertRejected(
        outcome,
        "kyc.bad-subject-ref",
        "A subject reference must be 1 to 64 letters, digits, underscores or hyphens.");
  }

  static Stream<Arguments> badReferences() {
    return Stream.of(REGISTER, RECORD_CHECK, UPDATE_COMMITMENT, RECORD_KEY)
        .flatMap(method -> badPseudonyms().map(ref -> Arguments.of(method, ref)));
  }

  private static Stream<byte[]> badPseudonyms() {
    return Stream.of(
        new byte[0],
        ascii("a".repeat(65)),
        ascii("has space"),
        ascii("slash/in"),
        ascii("dot.in"),
        ascii("base64+pad="),
        "Müller".getBytes(StandardCharsets.UTF_8),
        new byte[] {'a', 0, 'b'},
        new byte[] {(byte) 0xC3, (byte) 0x28});
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 31, 33, 64})
  void rejectsRegistrationWithCommitmentThatIsNotThirtyTwoBytes(int size) {
    Outcome outcome =
        ledger.execute(contract, ledger.call(REGISTER, Args.encode(ascii(REF), new byte[size])));

    assertRejected(outcome, "kyc.bad-commitment", "A commitment must be exactly 32 bytes.");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 31, 33})
  void rejectsCommitmentUpdateWithCommitmentThatIsNotThirtyTwoBytes(int size) {
    register(REF, C1, T0);

    Outcome outcome =
        ledger.execute(
            contract, ledger.call(UPDATE_COMMITMENT, Args.encode(ascii(REF), new byte[size])));

    assertRejected(outcome, "kyc.bad-commitment", "A commitment must be exactly 32 bytes.");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 31, 33})
  void rejectsKeyCommitmentThatIsNotThirtyTwoBytes(int size) {
    register(REF, C1, T0);

    Outcome outcome =
        ledger.execute(
            contract,
            ledger.call(RECORD_KEY, Args.encode(ascii(REF), new byte[size], longBytes(1))));

    assertRejected(outcome, "kyc.bad-commitment", "A commitment must be exactly 32 bytes.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "ID-DOCUMENT", "id_document", "id-document ", "credit-check", "passed"})
  void rejectsUnknownProcess(String process) {
    register(REF, C1, T0);
    byte[] args =
        Args.encode(ascii(REF), ascii(process), ascii("passed"), ascii(OPERATOR), longBytes(T0));

    Outcome outcome = ledger.execute(contract, ledger.call(RECORD_CHECK, args));

    assertRejected(
        outcome, "kyc.unknown-process", "The check process is not one the KYC registry knows.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "PASSED", "pass", "rejected", "needs_information", "approval"})
  void rejectsUnknownResult(String result) {
    register(REF, C1, T0);
    byte[] args =
        Args.encode(ascii(REF), ascii("approval"), ascii(result), ascii(OPERATOR), longBytes(T0));

    Outcome outcome = ledger.execute(contract, ledger.call(RECORD_CHECK, args));

    assertRejected(
        outcome,
        "kyc.unknown-result",
        "A check result must be passed, failed or needs-information.");
  }

  @ParameterizedTest
  @MethodSource("badOperators")
  void rejectsMalformedOperatorPseudonym(byte[] operator) {
    register(REF, C1, T0);
    byte[] args =
        Args.encode(ascii(REF), ascii("approval"), ascii("passed"), operator, longBytes(T0));

    Outcome outcome = ledger.execute(contract, ledger.call(RECORD_CHECK, args));

    assertRejected(
        outcome,
        "kyc.bad-operator",
        "An operator pseudonym must be 1 to 64 letters, digits, underscores or hyphens.");
  }

  static Stream<byte[]> badOperators() {
    return badPseudonyms();
  }

  // ---- rules: state and time -----------------------------------------------------------------

  @Test
  void rejectsSubjectThatIsAlreadyRegistered() {
    register(REF, C1, T0);

    Outcome outcome =
        ledger.execute(contract, ledger.call(REGISTER, KycRegistryCalls.register(REF, C2)).at(T1));

    assertRejected(
        outcome, "kyc.subject-exists", "A subject with this reference is already registered.");
    assertThat(subject(REF)).isEqualTo(new SubjectRecord(REF, C1, T0, 1, T0, 0));
  }

  @Test
  void rejectsCheckForUnknownSubject() {
    register(REF, C1, T0);

    Outcome outcome = recordCheck(OTHER_REF, CheckProcess.ID_DOCUMENT, T0);

    assertRejected(outcome, "kyc.unknown-subject", "No subject with this reference is registered.");
  }

  @Test
  void rejectsCommitmentUpdateForUnknownSubject() {
    register(REF, C1, T0);

    Outcome outcome = updateCommitment(OTHER_REF, C2, T1);

    assertRejected(outcome, "kyc.unknown-subject", "No subject with this reference is registered.");
  }

  @Test
  void rejectsKeyForUnknownSubject() {
    register(REF, C1, T0);

    Outcome outcome = recordKey(OTHER_REF, C2, 1, T1);

    assertRejected(outcome, "kyc.unknown-subject", "No subject with this reference is registered.");
  }

  @ParameterizedTest
  @ValueSource(longs = {2, 3, Long.MAX_VALUE})
  void rejectsFirstKeyWhoseRevisionIsNotOne(long revision) {
    register(REF, C1, T0);

    Outcome outcome = recordKey(REF, C2, revision, T1);

    assertWrongKeyRevision(outcome);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 4})
  void rejectsReissueWhoseRevisionIsNotTheNextOne(long revision) {
    register(REF, C1, T0);
    recordKey(REF, commitment(0x41), 1, T1);
    recordKey(REF, commitment(0x42), 2, T1);

    Outcome outcome = recordKey(REF, commitment(0x43), revision, T1 + 1);

    assertWrongKeyRevision(outcome);
    assertThat(key(REF).revision()).isEqualTo(2);
  }

  @Test
  void rejectsKeyRevisionZeroOrNegativeEncodedByHand() {
    register(REF, C1, T0);

    for (long revision : new long[] {0, -1, Long.MIN_VALUE}) {
      Outcome outcome =
          ledger.execute(
              contract,
              ledger.call(RECORD_KEY, Args.encode(ascii(REF), C2.bytes(), longBytes(revision))));
      assertWrongKeyRevision(outcome);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 1000, Long.MAX_VALUE - T1})
  void rejectsCheckCompletedAfterTheBlockTime(long millisLate) {
    register(REF, C1, T0);

    Outcome outcome = recordCheckAt(REF, T1 + millisLate, T1);

    assertRejected(
        outcome,
        "kyc.completed-in-future",
        "A check cannot be completed after the block that records it.");
  }

  @Test
  void rejectsCheckCompletedInTheFutureEvenForUnknownSubject() {
    Outcome outcome = recordCheckAt(OTHER_REF, T1 + 1, T1);

    assertThat(outcome)
        .extracting(o -> ((Outcome.Rejected) o).code())
        .isEqualTo("kyc.completed-in-future");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 86_400_000, T0, T0 + 1})
  void rejectsCheckCompletedBeforeTheSubjectWasRegistered(long millisEarly) {
    register(REF, C1, T0);

    Outcome outcome = recordCheckAt(REF, T0 - millisEarly, T1);

    assertRejected(
        outcome,
        "kyc.completed-before-registration",
        "A check cannot be completed before the subject was registered.");
  }

  @Test
  void rejectsUpdateToTheSameCommitment() {
    register(REF, C1, T0);
    updateCommitment(REF, C2, T1);

    Outcome outcome = updateCommitment(REF, C2, T1 + 1);

    assertRejected(
        outcome, "kyc.same-commitment", "The new commitment must differ from the current one.");
  }

  @Test
  void acceptsReturnToAnEarlierCommitment() {
    register(REF, C1, T0);
    updateCommitment(REF, C2, T1);

    assertAccepted(updateCommitment(REF, C1, T1 + 1), 3);
  }

  @Test
  void checksTheSignerRoleBeforeTheMethodAndTheMethodBeforeTheArguments() {
    Outcome byCompany =
        ledger.execute(
            contract,
            ledger.call("no-such-method", new byte[] {1}).by("bank-a", "securities-company"));
    Outcome byConsortium = ledger.execute(contract, ledger.call("no-such-method", new byte[] {1}));

    assertThat(((Outcome.Rejected) byCompany).code()).isEqualTo("kyc.not-consortium");
    assertThat(((Outcome.Rejected) byConsortium).code()).isEqualTo("kyc.unknown-method");
  }

  // ---- rejections write nothing --------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("rejectedCalls")
  void rejectedCallWritesNothingAndLeavesTheKeySpaceUnchanged(
      String role, String method, byte[] args, long blockTime) {
    register(REF, C1, T0);
    recordCheck(REF, CheckProcess.ID_DOCUMENT, T0);
    SortedMap<String, String> before = ledger.snapshot();
    List<ContractEvent> eventsBefore = ledger.events();
    TestContext call = ledger.call(method, args).by("member-x", role).at(blockTime).build();

    Outcome outcome = ledger.execute(contract, call);

    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    assertThat(call.writes()).isEmpty();
    assertThat(call.deletes()).isEmpty();
    assertThat(call.events()).isEmpty();
    assertThat(ledger.snapshot()).isEqualTo(before);
    assertThat(ledger.events()).isEqualTo(eventsBefore);
  }

  static Stream<Arguments> rejectedCalls() {
    String cons = KycRegistry.CONSORTIUM_ROLE;
    byte[] ref = ascii(REF);
    return Stream.of(
        Arguments.of("platform", REGISTER, KycRegistryCalls.register(OTHER_REF, C1), T1),
        Arguments.of(cons, "erase", Args.encode(ref), T1),
        Arguments.of(cons, REGISTER, Args.encode(ref), T1),
        Arguments.of(cons, REGISTER, KycRegistryCalls.register(REF, C2), T1),
        Arguments.of(cons, REGISTER, Args.encode(ascii(OTHER_REF), new byte[31]), T1),
        Arguments.of(cons, UPDATE_COMMITMENT, KycRegistryCalls.updateCommitment(REF, C1), T1),
        Arguments.of(cons, UPDATE_COMMITMENT, KycRegistryCalls.updateCommitment("nobody", C2), T1),
        Arguments.of(
            cons, RECORD_CHECK, checkArgs(REF, "approval", "passed", OPERATOR, T1 + 1), T1),
        Arguments.of(
            cons, RECORD_CHECK, checkArgs(REF, "approval", "passed", OPERATOR, T0 - 1), T1),
        Arguments.of(cons, RECORD_CHECK, checkArgs(REF, "approval", "passed", "a b", T0), T1),
        Arguments.of(cons, RECORD_CHECK, checkArgs(REF, "approval", "maybe", OPERATOR, T0), T1),
        Arguments.of(cons, RECORD_CHECK, checkArgs(REF, "haircut", "passed", OPERATOR, T0), T1),
        Arguments.of(
            cons, RECORD_CHECK, checkArgs("nobody", "approval", "passed", OPERATOR, T0), T1),
        Arguments.of(cons, RECORD_KEY, KycRegistryCalls.recordKey(REF, C2, 2), T1),
        Arguments.of(cons, RECORD_KEY, KycRegistryCalls.recordKey("nobody", C2, 1), T1),
        Arguments.of(cons, RECORD_KEY, Args.encode(ref, new byte[31], longBytes(1)), T1),
        Arguments.of("platform", RECORD_KEY, KycRegistryCalls.recordKey(REF, C2, 1), T1));
  }

  // ---- a damaged store is a bug, not a business rejection ------------------------------------

  @Test
  void failsLoudlyWhenTheStoredSubjectRecordIsDamaged() {
    register(REF, C1, T0);
    ledger.putCommitted(KycRegistryRecords.subjectKey(REF), new byte[] {0, 0, 0, 1, 0});

    TestContext call =
        ledger
            .call(
                RECORD_CHECK,
                KycRegistryCalls.recordCheck(
                    REF, CheckProcess.APPROVAL, CheckResult.PASSED, OPERATOR, T0))
            .build();

    assertThatThrownBy(() -> contract.invoke(call)).isInstanceOf(EncodingException.class);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private void register(String ref, Commitment commitment, long at) {
    Outcome outcome =
        ledger.execute(
            contract, ledger.call(REGISTER, KycRegistryCalls.register(ref, commitment)).at(at));
    assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
  }

  private Outcome recordCheck(String ref, CheckProcess process, long at) {
    return ledger.execute(
        contract,
        ledger
            .call(
                RECORD_CHECK,
                KycRegistryCalls.recordCheck(ref, process, CheckResult.PASSED, OPERATOR, at))
            .at(at));
  }

  private Outcome recordCheckAt(String ref, long completedAt, long blockTime) {
    return ledger.execute(
        contract,
        ledger
            .call(
                RECORD_CHECK,
                KycRegistryCalls.recordCheck(
                    ref,
                    CheckProcess.RESIDENCE_CONFIRMATION,
                    CheckResult.PASSED,
                    OPERATOR,
                    completedAt))
            .at(blockTime));
  }

  private Outcome updateCommitment(String ref, Commitment commitment, long at) {
    return ledger.execute(
        contract,
        ledger.call(UPDATE_COMMITMENT, KycRegistryCalls.updateCommitment(ref, commitment)).at(at));
  }

  private Outcome recordKey(String ref, Commitment key, long revision, long at) {
    return ledger.execute(
        contract, ledger.call(RECORD_KEY, KycRegistryCalls.recordKey(ref, key, revision)).at(at));
  }

  private KeyRecord key(String ref) {
    return KycRegistryRecords.decodeKey(ledger.get(KycRegistryRecords.keyKey(ref)).orElseThrow());
  }

  private static void assertWrongKeyRevision(Outcome outcome) {
    assertRejected(
        outcome,
        "kyc.wrong-key-revision",
        "A key revision must be one more than the subject's current key revision.");
  }

  private SubjectRecord subject(String ref) {
    return KycRegistryRecords.decodeSubject(
        ledger.get(KycRegistryRecords.subjectKey(ref)).orElseThrow());
  }

  private CheckRecord check(String ref, long sequence) {
    return KycRegistryRecords.decodeCheck(
        ledger.get(KycRegistryRecords.checkKey(ref, sequence)).orElseThrow());
  }

  private List<KycRegistryEvent> decodedEvents() {
    return ledger.events().stream().map(e -> KycRegistryEvent.decode(e).orElseThrow()).toList();
  }

  private static void assertAccepted(Outcome outcome, long value) {
    assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
    assertThat(KycRegistryRecords.number(((Outcome.Accepted) outcome).value())).isEqualTo(value);
  }

  private static void assertRejected(Outcome outcome, String code, String sentence) {
    assertThat(outcome).isEqualTo(Outcome.rejected(code, sentence));
  }

  private static void assertMalformed(Outcome outcome) {
    assertRejected(
        outcome,
        "kyc.malformed-arguments",
        "The arguments are not encoded the way this method expects.");
  }

  private static byte[] checkArgs(
      String ref, String process, String result, String operator, long completedAt) {
    return Args.encode(
        ascii(ref), ascii(process), ascii(result), ascii(operator), longBytes(completedAt));
  }
}

package org.trademap.contracts.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.trademap.ledger.api.block.ContractEvent;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.contract.Args;
import org.trademap.ledger.api.contract.Contract;

/** The registry's client side: service registration, argument builders, keys and decoders. */
class KycRegistryClientTest {
  private static final Commitment C1 = KycTestData.commitment(0x11);

  @Test
  void isFoundByTheServiceLoaderAsKycRegistryVersionOne() {
    List<Contract> found =
        ServiceLoader.load(Contract.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(c -> c.id().equals("kyc-registry"))
            .toList();

    assertThat(found).hasSize(1);
    assertThat(found.get(0)).isInstanceOf(KycRegistry.class);
    assertThat(found.get(0).version()).isEqualTo(1);
  }

  @Test
  void buildsRegisterArgumentsAsReferenceAndCommitment() {
    List<byte[]> fields = Args.decode(KycRegistryCalls.register("abc", C1), 2);

    assertThat(fields.get(0)).isEqualTo(KycTestData.ascii("abc"));
    assertThat(fields.get(1)).isEqualTo(C1.bytes());
  }

  @Test
  void buildsRecordCheckArgumentsWithWireNamesAndBigEndianTime() {
    List<byte[]> fields =
        Args.decode(
            KycRegistryCalls.recordCheck(
                "abc",
                CheckProcess.RESIDENCE_CONFIRMATION,
                CheckResult.NEEDS_INFORMATION,
                "op_1",
                0x0102030405060708L),
            5);

    assertThat(fields.get(1)).isEqualTo(KycTestData.ascii("residence-confirmation"));
    assertThat(fields.get(2)).isEqualTo(KycTestData.ascii("needs-information"));
    assertThat(fields.get(3)).isEqualTo(KycTestData.ascii("op_1"));
    assertThat(fields.get(4)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void buildsRecordKeyArgumentsAsReferenceCommitmentAndBigEndianRevision() {
    List<byte[]> fields = Args.decode(KycRegistryCalls.recordKey("abc", C1, 0x0102L), 3);

    assertThat(fields.get(0)).isEqualTo(KycTestData.ascii("abc"));
    assertThat(fields.get(1)).isEqualTo(C1.bytes());
    assertThat(fields.get(2)).containsExactly(0, 0, 0, 0, 0, 0, 1, 2);
  }

  @Test
  void refusesToBuildAKeyRecordWithARevisionBelowOne() {
    assertThatThrownBy(() -> KycRegistryCalls.recordKey("abc", C1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theNoKeyCommitmentIsThirtyTwoZeroBytes() {
    assertThat(KycRegistryCalls.NO_KEY.bytes()).hasSize(32).containsOnly(0);
  }

  @Test
  void decodesAKeyRecordedEvent() {
    byte[] data =
        Args.encode(
            KycTestData.ascii("abc"),
            C1.bytes(),
            KycTestData.longBytes(3),
            KycTestData.longBytes(7));

    assertThat(KycRegistryEvent.decode(new ContractEvent("key-recorded", data)))
        .contains(new KycRegistryEvent.KeyRecorded(new KeyRecord("abc", C1, 3, 7)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a b",
        "a/b",
        "é",
        "12345678901234567890123456789012345678901234567890123456789012345"
      })
  void buildersRefuseMalformedReferences(String ref) {
    assertThatThrownBy(() -> KycRegistryCalls.register(ref, C1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KycRegistryCalls.updateCommitment(ref, C1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                KycRegistryCalls.recordCheck(
                    ref, CheckProcess.APPROVAL, CheckResult.PASSED, "op", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(KycRegistryCalls.isValidPseudonym(ref)).isFalse();
  }

  @Test
  void recordCheckBuilderRefusesMalformedOperator() {
    assertThatThrownBy(
            () ->
                KycRegistryCalls.recordCheck(
                    "abc", CheckProcess.APPROVAL, CheckResult.PASSED, "Frau Müller", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an operator pseudonym is 1 to 64 characters of [A-Za-z0-9_-]");
  }

  @Test
  void commitmentHasThirtyTwoBytesComparesByContentAndRoundTripsHex() {
    Commitment c = KycTestData.commitment(0xAB);

    assertThat(Commitment.ofHex(c.hex())).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c.hex()).isEqualTo("ab".repeat(32));
    assertThat(c.toString()).isEqualTo(c.hex());
    assertThat(c).isNotEqualTo(C1);
    assertThatThrownBy(() -> new Commitment(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Commitment.ofHex("ab")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void commitmentCannotBeChangedThroughItsArrays() {
    byte[] raw = C1.bytes();
    Commitment c = new Commitment(raw);
    raw[0] = 0;
    c.bytes()[1] = 0;

    assertThat(c).isEqualTo(C1);
  }

  @ParameterizedTest
  @EnumSource(CheckProcess.class)
  void processWireNamesRoundTrip(CheckProcess process) {
    assertThat(CheckProcess.ofWireName(process.wireName())).contains(process);
  }

  @ParameterizedTest
  @EnumSource(CheckResult.class)
  void resultWireNamesRoundTrip(CheckResult result) {
    assertThat(CheckResult.ofWireName(result.wireName())).contains(result);
  }

  @Test
  void wireNamesAreTheDocumentedOnes() {
    assertThat(Arrays.stream(CheckProcess.values()).map(CheckProcess::wireName))
        .containsExactly(
            "id-document",
            "sanctions-screening",
            "residence-confirmation",
            "video-identification",
            "beneficial-owners",
            "approval");
    assertThat(Arrays.stream(CheckResult.values()).map(CheckResult::wireName))
        .containsExactly("passed", "failed", "needs-information");
    assertThat(CheckProcess.ofWireName("ID_DOCUMENT")).isEmpty();
    assertThat(CheckResult.ofWireName("PASSED")).isEmpty();
  }

  @Test
  void subjectAndCheckKeysFollowTheDocumentedLayout() {
    assertThat(KycRegistryRecords.subjectKey("abc")).isEqualTo(KycTestData.ascii("subject/abc"));
    byte[] expectedCheck = Arrays.copyOf(KycTestData.ascii("check/abc/"), 18);
    expectedCheck[17] = 2;
    assertThat(KycRegistryRecords.checkKey("abc", 2)).isEqualTo(expectedCheck);
    assertThat(KycRegistryRecords.checkKeyPrefix("abc")).isEqualTo(KycTestData.ascii("check/abc/"));
  }

  @Test
  void checkKeysSortBySequenceAndOnlyTheirSubjectsPrefixMatches() {
    byte[] a1 = KycRegistryRecords.checkKey("a", 1);
    byte[] a256 = KycRegistryRecords.checkKey("a", 256);
    byte[] ab1 = KycRegistryRecords.checkKey("a-b", 1);
    byte[] prefixA = KycRegistryRecords.checkKeyPrefix("a");

    assertThat(Arrays.compareUnsigned(a1, a256)).isNegative();
    assertThat(startsWith(a256, prefixA)).isTrue();
    assertThat(startsWith(ab1, prefixA)).isFalse();
    assertThatThrownBy(() -> KycRegistryRecords.checkKey("a", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsAcceptedValuesAsEightByteNumbers() {
    assertThat(KycRegistryRecords.number(KycTestData.longBytes(42))).isEqualTo(42);
    assertThatThrownBy(() -> KycRegistryRecords.number(new byte[4]))
        .isInstanceOf(EncodingException.class);
  }

  @Test
  void refusesToDecodeBytesThatAreNotRecords() {
    byte[] junk = Args.encode(new byte[1], new byte[2]);
    byte[] badRef = Args.encode(KycTestData.ascii("a b"), new byte[32], n(1), n(1), n(1), n(0));
    byte[] badProcess =
        Args.encode(
            KycTestData.ascii("abc"),
            n(1),
            KycTestData.ascii("haircut"),
            KycTestData.ascii("passed"),
            KycTestData.ascii("op"),
            n(1),
            n(1));
    byte[] zeroSequence =
        Args.encode(
            KycTestData.ascii("abc"),
            n(0),
            KycTestData.ascii("approval"),
            KycTestData.ascii("passed"),
            KycTestData.ascii("op"),
            n(1),
            n(1));

    assertThatThrownBy(() -> KycRegistryRecords.decodeSubject(junk))
        .isInstanceOf(EncodingException.class);
    assertThatThrownBy(() -> KycRegistryRecords.decodeSubject(badRef))
        .isInstanceOf(EncodingException.class);
    assertThatThrownBy(() -> KycRegistryRecords.decodeCheck(junk))
        .isInstanceOf(EncodingException.class);
    assertThatThrownBy(() -> KycRegistryRecords.decodeCheck(badProcess))
        .isInstanceOf(EncodingException.class)
        .hasMessage("unknown check process haircut");
    assertThatThrownBy(() -> KycRegistryRecords.decodeCheck(zeroSequence))
        .isInstanceOf(EncodingException.class)
        .hasMessage("check sequence numbers start at 1");
  }

  @Test
  void ignoresEventsTheRegistryNeverEmits() {
    assertThat(KycRegistryEvent.decode(new ContractEvent("escrow-opened", new byte[0]))).isEmpty();
  }

  @Test
  void refusesRegistryEventsWithMalformedData() {
    assertThatThrownBy(() -> KycRegistryEvent.decode("subject-registered", new byte[] {1}))
        .isInstanceOf(EncodingException.class);
    assertThatThrownBy(
            () ->
                KycRegistryEvent.decode(
                    "commitment-updated",
                    Args.encode(KycTestData.ascii("abc"), new byte[32], new byte[32], n(1), n(5))))
        .isInstanceOf(EncodingException.class)
        .hasMessage("an updated commitment has revision 2 or more");
    assertThatThrownBy(
            () ->
                KycRegistryEvent.decode(
                    "subject-registered",
                    Args.encode(KycTestData.ascii("abc"), new byte[31], n(1))))
        .isInstanceOf(EncodingException.class);
  }

  @Test
  void everyEventNamesItsSubject() {
    CheckRecord check =
        new CheckRecord("abc", 1, CheckProcess.APPROVAL, CheckResult.PASSED, "op", 1, 2);

    assertThat(new KycRegistryEvent.CheckRecorded(check).subjectRef()).isEqualTo("abc");
    assertThat(new KycRegistryEvent.SubjectRegistered("abc", C1, 1).subjectRef()).isEqualTo("abc");
  }

  private static byte[] n(long v) {
    return KycTestData.longBytes(v);
  }

  private static boolean startsWith(byte[] value, byte[] prefix) {
    return value.length >= prefix.length
        && Arrays.equals(value, 0, prefix.length, prefix, 0, prefix.length);
  }
}

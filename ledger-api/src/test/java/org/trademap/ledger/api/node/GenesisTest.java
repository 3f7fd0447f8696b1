package org.trademap.ledger.api.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trademap.ledger.api.CodecAssertions.assertCorruptionIsRefusedOrCanonical;
import static org.trademap.ledger.api.CodecAssertions.assertRejectsEveryTruncation;
import static org.trademap.ledger.api.CodecAssertions.assertRejectsTrailingBytes;
import static org.trademap.ledger.api.CodecAssertions.assertRoundTrip;
import static org.trademap.ledger.api.TestBytes.ascii;
import static org.trademap.ledger.api.TestBytes.withByteAt;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trademap.ledger.api.LedgerArbitraries;
import org.trademap.ledger.api.TestCertificates;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.crypto.TlsCertificate;

class GenesisTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final PublicKey KEY_1 = key(1);
  private static final PublicKey KEY_2 = key(2);
  private static final Genesis.Member CONSORTIUM = new Genesis.Member("c1", "consortium", KEY_1);
  private static final Genesis.Member BROKER =
      new Genesis.Member("broker-1", "securities-company", KEY_2);

  @Provide
  Arbitrary<Genesis> geneses() {
    return Arbitraries.oneOf(LedgerArbitraries.geneses(), LedgerArbitraries.consortiumGeneses());
  }

  @Property
  void roundTrips(@ForAll("geneses") Genesis genesis) {
    Genesis decoded = assertRoundTrip(genesis, Genesis::encode, Genesis::decode);
    assertThat(decoded.chainId()).isEqualTo(genesis.chainId());
  }

  @Property(tries = 50)
  void refusesEveryTruncation(@ForAll("geneses") Genesis genesis) {
    assertRejectsEveryTruncation(genesis.encode(), Genesis::decode);
  }

  @Property(tries = 50)
  void refusesTrailingBytes(
      @ForAll("geneses") Genesis genesis, @ForAll @Size(min = 1, max = 40) byte[] extra) {
    assertRejectsTrailingBytes(genesis.encode(), extra, Genesis::decode);
  }

  @Property(tries = 50)
  void refusesAnyOtherFormatTag(
      @ForAll("geneses") Genesis genesis, @ForAll @IntRange(max = 255) int tag) {
    Assume.that(tag != Genesis.FORMAT && tag != Genesis.FORMAT_SINGLE_CHANNEL);

    assertThatThrownBy(() -> Genesis.decode(withByteAt(genesis.encode(), 0, tag)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("unknown genesis format " + tag);
  }

  @Property(tries = 500)
  void corruptedBytesAreRefusedOrDecodeCanonically(
      @ForAll("geneses") Genesis genesis, @ForAll int position, @ForAll byte value) {
    assertCorruptionIsRefusedOrCanonical(
        genesis.encode(), position, value, Genesis::encode, Genesis::decode);
  }

  @Test
  void aFormatOneDocumentIsOneChannelOfEveryMember() {
    Genesis genesis = genesis(Map.of());

    assertThat(genesis.format()).isEqualTo(Genesis.FORMAT_SINGLE_CHANNEL);
    assertThat(genesis.channels())
        .containsExactly(new Genesis.Channel("kyc", List.of("c1", "broker-1")));
    assertThat(genesis.policies()).isEmpty();
    assertThat(genesis.channel()).isEqualTo("kyc");
  }

  @Test
  void encodesTheConsortiumLayout() {
    TlsCertificate cert = TestCertificates.of(1);
    Genesis genesis =
        Genesis.consortium(
            0x10,
            List.of(new Genesis.Member("c1", "consortium", KEY_1, cert)),
            List.of(new Genesis.Channel("all", List.of("c1"))),
            Map.of(Genesis.GOVERNANCE, new Genesis.Policy(1, List.of("c1"))),
            Map.of("kyc", 1));

    assertThat(HEX.formatHex(genesis.encode()))
        .isEqualTo(
            "02" // format
                + "0000000000000010" // genesis time
                + "00000001" // one member
                + "00000002"
                + "6331" // id "c1"
                + "0000000a"
                + HEX.formatHex(ascii("consortium")) // role
                + KEY_1.hex() // key
                + "01" // has a certificate
                + String.format("%08x", cert.der().length)
                + HEX.formatHex(cert.der())
                + "00000001" // one channel
                + "00000003"
                + HEX.formatHex(ascii("all"))
                + "00000001" // one member
                + "00000002"
                + "6331"
                + "00000001" // one policy
                + "0000000a"
                + HEX.formatHex(ascii("governance"))
                + "00000001" // threshold
                + "00000001" // one approver
                + "00000002"
                + "6331"
                + "00000001" // one contract
                + "00000003"
                + HEX.formatHex(ascii("kyc"))
                + "00000001");
    assertThat(genesis.member(cert)).map(Genesis.Member::id).contains("c1");
    assertThat(genesis.member(TestCertificates.of(2))).isEmpty();
  }

  @Test
  void refusesInvalidConsortiumDocuments() {
    var c1 = new Genesis.Member("c1", "consortium", KEY_1, TestCertificates.of(1));
    var b1 = new Genesis.Member("b1", "securities-company", KEY_2, TestCertificates.of(2));
    var noCert = new Genesis.Member("b1", "securities-company", KEY_2);
    var sameCert = new Genesis.Member("b1", "securities-company", KEY_2, TestCertificates.of(1));
    var both = new Genesis.Channel("all", List.of("c1", "b1"));
    Map<String, Genesis.Policy> governance =
        Map.of(Genesis.GOVERNANCE, new Genesis.Policy(2, List.of("c1", "b1")));

    assertThat(Genesis.consortium(0, List.of(c1, b1), List.of(both), governance, Map.of()))
        .isNotNull();
    assertThatThrownBy(
            () -> Genesis.consortium(0, List.of(c1, noCert), List.of(both), governance, Map.of()))
        .hasMessage("member b1 of channel all has no TLS certificate");
    assertThatThrownBy(
            () -> Genesis.consortium(0, List.of(c1, sameCert), List.of(both), governance, Map.of()))
        .hasMessage("member TLS certificates must be distinct");
    assertThatThrownBy(
            () -> Genesis.consortium(0, List.of(c1, b1), List.of(both), Map.of(), Map.of()))
        .hasMessage("a consortium genesis document needs a governance policy");
    assertThatThrownBy(
            () -> Genesis.consortium(0, List.of(c1, b1), List.of(), governance, Map.of()))
        .hasMessage("a genesis document needs at least one channel");
    assertThatThrownBy(
            () ->
                Genesis.consortium(
                    0,
                    List.of(c1, b1),
                    List.of(new Genesis.Channel("all", List.of("c1", "x"))),
                    governance,
                    Map.of()))
        .hasMessage("channel all names x, which is not a member");
    assertThatThrownBy(
            () ->
                Genesis.consortium(
                    0,
                    List.of(c1, b1),
                    List.of(both, new Genesis.Channel("all", List.of("c1"))),
                    governance,
                    Map.of()))
        .hasMessage("channel all is listed twice");
    assertThatThrownBy(
            () ->
                Genesis.consortium(
                    0,
                    List.of(c1, b1),
                    List.of(both),
                    Map.of(Genesis.GOVERNANCE, new Genesis.Policy(1, List.of("c1", "nobody"))),
                    Map.of()))
        .hasMessage("policy governance names nobody, which is not a member");
    assertThatThrownBy(() -> new Genesis.Policy(3, List.of("c1", "b1")))
        .hasMessage("a policy's threshold must be 1 to its 2 approvers");
    assertThatThrownBy(() -> new Genesis.Policy(1, List.of("c1", "c1")))
        .hasMessage("a policy lists an approver twice");
    assertThatThrownBy(() -> new Genesis.Channel("all", List.of()))
        .hasMessage("channel all needs at least one member");
    assertThatThrownBy(() -> new Genesis.Channel("all", List.of("c1", "c1")))
        .hasMessage("channel all lists a member twice");
  }

  @Test
  void aFormatOneDocumentCarriesNoCertificatesOrPolicies() {
    var c1 = new Genesis.Member("c1", "consortium", KEY_1, TestCertificates.of(1));
    assertThatThrownBy(() -> new Genesis("kyc", 0, List.of(c1), Map.of()))
        .hasMessage("a format 1 genesis document has no TLS certificates");
    assertThatThrownBy(
            () ->
                new Genesis(
                    Genesis.FORMAT_SINGLE_CHANNEL,
                    0,
                    List.of(CONSORTIUM),
                    List.of(new Genesis.Channel("kyc", List.of("c1"))),
                    Map.of(Genesis.GOVERNANCE, new Genesis.Policy(1, List.of("c1"))),
                    Map.of()))
        .hasMessage("a format 1 genesis document has no policies");
  }

  @Test
  void refusesPoliciesThatAreNotInAscendingNameOrder() {
    CanonicalWriter w = new CanonicalWriter().u8(Genesis.FORMAT).i64(0).i32(1);
    w.string("c1").string("consortium").fixed(KEY_1.bytes());
    w.bool(true).bytes(TestCertificates.of(1).der());
    w.i32(1).string("all").i32(1).string("c1");
    w.i32(2);
    w.string(Genesis.GOVERNANCE).i32(1).i32(1).string("c1");
    w.string("admission").i32(1).i32(1).string("c1");
    w.i32(0);

    assertThatThrownBy(() -> Genesis.decode(w.toByteArray()))
        .isInstanceOf(EncodingException.class)
        .hasMessage("policy names must be in strictly ascending order");
  }

  @Test
  void theChainIdIsTheSha256OfTheEncoding() throws Exception {
    Genesis genesis = genesis(Map.of("kyc", 1));

    assertThat(genesis.chainId().bytes())
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(genesis.encode()));
  }

  @Test
  void encodesTheDocumentedLayoutWithContractsSortedById() {
    Map<String, Integer> unsorted = new LinkedHashMap<>();
    unsorted.put("zeta", 2);
    unsorted.put("alpha", 1);
    Genesis genesis = new Genesis("kyc", 0x10, List.of(CONSORTIUM), unsorted);

    assertThat(HEX.formatHex(genesis.encode()))
        .isEqualTo(
            "01" // format
                + "00000003"
                + "6b7963" // channel "kyc"
                + "0000000000000010" // genesis time
                + "00000001" // one member
                + "00000002"
                + "6331" // id "c1"
                + "0000000a"
                + HEX.formatHex(ascii("consortium")) // role
                + KEY_1.hex() // key
                + "00000002" // two contracts, by id
                + "00000005"
                + HEX.formatHex(ascii("alpha"))
                + "00000001"
                + "00000004"
                + HEX.formatHex(ascii("zeta"))
                + "00000002");
  }

  @Test
  void theOrderInWhichContractsAreGivenDoesNotChangeTheChainId() {
    Map<String, Integer> one = new LinkedHashMap<>();
    one.put("a", 1);
    one.put("b", 2);
    Map<String, Integer> other = new LinkedHashMap<>();
    other.put("b", 2);
    other.put("a", 1);

    assertThat(genesis(one).chainId()).isEqualTo(genesis(other).chainId());
  }

  @Test
  void refusesContractsThatAreNotInAscendingIdOrder() {
    byte[] bytes =
        raw(1, new byte[][] {member("c1", KEY_1)}, 2, contract("b", 1), contract("a", 1));

    assertThatThrownBy(() -> Genesis.decode(bytes))
        .isInstanceOf(EncodingException.class)
        .hasMessage("contract ids must be in strictly ascending order");
  }

  @Test
  void refusesAContractListedTwice() {
    byte[] bytes =
        raw(1, new byte[][] {member("c1", KEY_1)}, 2, contract("a", 1), contract("a", 2));

    assertThatThrownBy(() -> Genesis.decode(bytes))
        .isInstanceOf(EncodingException.class)
        .hasMessage("contract ids must be in strictly ascending order");
  }

  @Test
  void thisTestsRawLayoutDecodes() {
    Genesis genesis =
        Genesis.decode(
            raw(2, new byte[][] {member("a", KEY_1), member("b", KEY_2)}, 1, contract("k", 3)));

    assertThat(genesis.members()).extracting(Genesis.Member::id).containsExactly("a", "b");
    assertThat(genesis.contracts()).containsExactly(Map.entry("k", 3));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE, Genesis.MAX_MEMBERS + 1, Integer.MAX_VALUE})
  void refusesNegativeOrOversizedMemberCounts(int count) {
    byte[] bytes = raw(count, new byte[0][], 0);

    assertThatThrownBy(() -> Genesis.decode(bytes))
        .isInstanceOf(EncodingException.class)
        .hasMessage("members count " + count + " is outside 0..1000");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE, 1001, Integer.MAX_VALUE})
  void refusesNegativeOrOversizedContractCounts(int count) {
    byte[] bytes = raw(1, new byte[][] {member("c1", KEY_1)}, count);

    assertThatThrownBy(() -> Genesis.decode(bytes))
        .isInstanceOf(EncodingException.class)
        .hasMessage("contracts count " + count + " is outside 0..1000");
  }

  @Test
  void refusesADocumentWithoutMembers() {
    assertThatThrownBy(() -> Genesis.decode(raw(0, new byte[0][], 0)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("a genesis document needs at least one member");
  }

  @Test
  void refusesDuplicateMemberIdsOrKeys() {
    assertThatThrownBy(
            () -> Genesis.decode(raw(2, new byte[][] {member("a", KEY_1), member("a", KEY_2)}, 0)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("member ids must be distinct");
    assertThatThrownBy(
            () -> Genesis.decode(raw(2, new byte[][] {member("a", KEY_1), member("b", KEY_1)}, 0)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("member keys must be distinct");
  }

  @Test
  void refusesAContractVersionBelowOne() {
    byte[] bytes = raw(1, new byte[][] {member("c1", KEY_1)}, 1, contract("kyc", 0));

    assertThatThrownBy(() -> Genesis.decode(bytes))
        .isInstanceOf(EncodingException.class)
        .hasMessage("contract kyc needs a version >= 1");
  }

  @Test
  void refusesOverlongOrMalformedMemberIds() {
    byte[] overlong =
        new CanonicalWriter()
            .string("m".repeat(65))
            .string("role")
            .fixed(KEY_1.bytes())
            .toByteArray();
    assertThatThrownBy(() -> Genesis.decode(raw(1, new byte[][] {overlong}, 0)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("member id length 65 is outside 0..64");

    byte[] malformed =
        new CanonicalWriter()
            .string("m")
            .bytes(HEX.parseHex("eda080"))
            .fixed(KEY_1.bytes())
            .toByteArray();
    assertThatThrownBy(() -> Genesis.decode(raw(1, new byte[][] {malformed}, 0)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("member role is not valid UTF-8");
  }

  @Test
  void refusesInvalidDocumentsOnConstruction() {
    assertThatThrownBy(() -> new Genesis("kyc", 0, List.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a genesis document needs at least one member");
    Genesis.Member sameId = new Genesis.Member(CONSORTIUM.id(), "platform", KEY_2);
    assertThatThrownBy(() -> new Genesis("kyc", 0, List.of(CONSORTIUM, sameId), Map.of()))
        .hasMessage("member ids must be distinct");
    Genesis.Member sameKey = new Genesis.Member("other", "platform", KEY_1);
    assertThatThrownBy(() -> new Genesis("kyc", 0, List.of(CONSORTIUM, sameKey), Map.of()))
        .hasMessage("member keys must be distinct");
    assertThatThrownBy(() -> new Genesis("kyc", 0, List.of(CONSORTIUM), Map.of("kyc", 0)))
        .hasMessage("contract kyc needs a version >= 1");
  }

  @Test
  void findsMembersByKeyAndById() {
    Genesis genesis = genesis(Map.of());

    assertThat(genesis.member(KEY_2)).contains(BROKER);
    assertThat(genesis.member("c1")).contains(CONSORTIUM);
    assertThat(genesis.member(key(3))).isEmpty();
    assertThat(genesis.member("nobody")).isEmpty();
  }

  private static Genesis genesis(Map<String, Integer> contracts) {
    return new Genesis("kyc", 1_700_000_000_000L, List.of(CONSORTIUM, BROKER), contracts);
  }

  /** A genesis document in this test's own rendering of the layout, with raw counts. */
  private static byte[] raw(
      int memberCount, byte[][] members, int contractCount, byte[]... contracts) {
    CanonicalWriter w = new CanonicalWriter().u8(1).string("kyc").i64(0).i32(memberCount);
    for (byte[] m : members) {
      w.fixed(m);
    }
    w.i32(contractCount);
    for (byte[] c : contracts) {
      w.fixed(c);
    }
    return w.toByteArray();
  }

  private static byte[] member(String id, PublicKey key) {
    return new CanonicalWriter().string(id).string("platform").fixed(key.bytes()).toByteArray();
  }

  private static byte[] contract(String id, int version) {
    return new CanonicalWriter().string(id).i32(version).toByteArray();
  }

  private static PublicKey key(int fill) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) fill);
    return new PublicKey(bytes);
  }
}

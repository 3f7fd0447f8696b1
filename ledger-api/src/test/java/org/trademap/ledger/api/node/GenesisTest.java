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
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.crypto.PublicKey;

class GenesisTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final PublicKey KEY_1 = key(1);
  private static final PublicKey KEY_2 = key(2);
  private static final Genesis.Member CONSORTIUM = new Genesis.Member("c1", "consortium", KEY_1);
  private static final Genesis.Member BROKER =
      new Genesis.Member("broker-1", "securities-company", KEY_2);

  @Provide
  Arbitrary<Genesis> geneses() {
    return LedgerArbitraries.geneses();
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
    Assume.that(tag != Genesis.FORMAT);

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

package org.trademap.ledger.api.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trademap.ledger.api.CodecAssertions.assertCorruptionIsRefusedOrCanonical;
import static org.trademap.ledger.api.CodecAssertions.assertRejectsEveryTruncation;
import static org.trademap.ledger.api.CodecAssertions.assertRejectsTrailingBytes;
import static org.trademap.ledger.api.CodecAssertions.assertRoundTrip;
import static org.trademap.ledger.api.TestBytes.ascii;
import static org.trademap.ledger.api.TestBytes.concat;
import static org.trademap.ledger.api.TestBytes.filled;
import static org.trademap.ledger.api.TestBytes.int32;
import static org.trademap.ledger.api.TestBytes.withByteAt;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
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
import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.crypto.Signature;
import org.trademap.ledger.api.tx.ValidationCode;

class BlockEncodingTest {
  private static final HexFormat HEX = HexFormat.of();

  static BlockHeader decodeHeader(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    BlockHeader header = BlockHeader.read(r);
    r.end();
    return header;
  }

  static byte[] encodeReceipt(Receipt receipt) {
    CanonicalWriter w = new CanonicalWriter();
    receipt.write(w);
    return w.toByteArray();
  }

  static Receipt decodeReceipt(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    Receipt receipt = Receipt.read(r);
    r.end();
    return receipt;
  }

  @Provide
  Arbitrary<BlockHeader> headers() {
    return LedgerArbitraries.headers();
  }

  @Provide
  Arbitrary<Receipt> receipts() {
    return LedgerArbitraries.receipts();
  }

  @Provide
  Arbitrary<Block> blocks() {
    return LedgerArbitraries.blocks();
  }

  // --- block headers

  @Property
  void headersRoundTrip(@ForAll("headers") BlockHeader header) {
    assertRoundTrip(header, BlockHeader::encode, BlockEncodingTest::decodeHeader);
  }

  @Property(tries = 50)
  void headersRefuseEveryTruncation(@ForAll("headers") BlockHeader header) {
    assertRejectsEveryTruncation(header.encode(), BlockEncodingTest::decodeHeader);
  }

  @Property(tries = 50)
  void headersRefuseTrailingBytes(
      @ForAll("headers") BlockHeader header, @ForAll @Size(min = 1, max = 40) byte[] extra) {
    assertRejectsTrailingBytes(header.encode(), extra, BlockEncodingTest::decodeHeader);
  }

  @Property(tries = 50)
  void headersRefuseAnyOtherFormatTag(
      @ForAll("headers") BlockHeader header, @ForAll @IntRange(max = 255) int tag) {
    Assume.that(tag != BlockHeader.FORMAT);

    assertThatThrownBy(() -> decodeHeader(withByteAt(header.encode(), 0, tag)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("unknown block header format " + tag);
  }

  @Property(tries = 300)
  void corruptedHeadersAreRefusedOrDecodeCanonically(
      @ForAll("headers") BlockHeader header, @ForAll int position, @ForAll byte value) {
    assertCorruptionIsRefusedOrCanonical(
        header.encode(), position, value, BlockHeader::encode, BlockEncodingTest::decodeHeader);
  }

  @Test
  void headerHashIsTheSha256OfItsEncoding() {
    BlockHeader header = header(0);

    assertThat(header.hash()).isEqualTo(Hash.sha256(header.encode()));
  }

  @Test
  void headersEncodeTheDocumentedLayout() {
    BlockHeader header =
        new BlockHeader(
            hash(0x01),
            "kyc",
            7,
            hash(0x02),
            hash(0x03),
            hash(0x04),
            hash(0x05),
            0x10,
            new PublicKey(filled(32, 0x06)),
            2);

    assertThat(HEX.formatHex(header.encode()))
        .isEqualTo(
            "01" // format
                + "01".repeat(32) // chain id
                + "00000003"
                + "6b7963" // channel "kyc"
                + "0000000000000007" // height
                + "02".repeat(32) // previous hash
                + "03".repeat(32) // tx root
                + "04".repeat(32) // receipts root
                + "05".repeat(32) // state root
                + "0000000000000010" // timestamp
                + "06".repeat(32) // proposer
                + "00000002"); // tx count
  }

  @Test
  void headersRefuseMalformedOrOverlongChannels() {
    int channelAt = 1 + Hash.SIZE;
    byte[] valid = header(0).encode();
    byte[] malformed = withByteAt(valid, channelAt + 4, 0xFF);
    assertThatThrownBy(() -> decodeHeader(malformed))
        .isInstanceOf(EncodingException.class)
        .hasMessage("channel is not valid UTF-8");

    byte[] overlong =
        new BlockHeader(
                Hash.ZERO,
                "c".repeat(65),
                0,
                Hash.ZERO,
                Hash.ZERO,
                Hash.ZERO,
                Hash.ZERO,
                0,
                new PublicKey(new byte[32]),
                0)
            .encode();
    assertThatThrownBy(() -> decodeHeader(overlong))
        .isInstanceOf(EncodingException.class)
        .hasMessage("channel length 65 is outside 0..64");
  }

  // --- receipts

  @Property
  void receiptsRoundTrip(@ForAll("receipts") Receipt receipt) {
    Receipt decoded =
        assertRoundTrip(
            receipt, BlockEncodingTest::encodeReceipt, BlockEncodingTest::decodeReceipt);
    assertThat(decoded.hash()).isEqualTo(receipt.hash());
  }

  @Property(tries = 50)
  void receiptsRefuseEveryTruncation(@ForAll("receipts") Receipt receipt) {
    assertRejectsEveryTruncation(encodeReceipt(receipt), BlockEncodingTest::decodeReceipt);
  }

  @Property(tries = 50)
  void receiptsRefuseTrailingBytes(
      @ForAll("receipts") Receipt receipt, @ForAll @Size(min = 1, max = 40) byte[] extra) {
    assertRejectsTrailingBytes(encodeReceipt(receipt), extra, BlockEncodingTest::decodeReceipt);
  }

  @Property(tries = 300)
  void corruptedReceiptsAreRefusedOrDecodeCanonically(
      @ForAll("receipts") Receipt receipt, @ForAll int position, @ForAll byte value) {
    assertCorruptionIsRefusedOrCanonical(
        encodeReceipt(receipt),
        position,
        value,
        BlockEncodingTest::encodeReceipt,
        BlockEncodingTest::decodeReceipt);
  }

  @Test
  void receiptHashIsTheSha256OfItsEncoding() {
    Receipt receipt = receipt(List.of(new ContractEvent("kyc.registered", new byte[] {1, 2})));

    assertThat(receipt.hash()).isEqualTo(Hash.sha256(encodeReceipt(receipt)));
  }

  @Test
  void receiptsRefuseAnUnknownValidationCode() {
    byte[] bytes = rawReceipt(ascii("MAYBE"), 0, new byte[0]);

    assertThatThrownBy(() -> decodeReceipt(bytes))
        .isInstanceOf(EncodingException.class)
        .hasMessage("unknown validation code MAYBE");
  }

  @Test
  void receiptsRefuseAValidationCodeInAnotherSpelling() {
    byte[] bytes = rawReceipt(ascii("ok"), 0, new byte[0]);

    assertThatThrownBy(() -> decodeReceipt(bytes))
        .isInstanceOf(EncodingException.class)
        .hasMessage("unknown validation code ok");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE, Receipt.MAX_EVENTS + 1, Integer.MAX_VALUE})
  void receiptsRefuseNegativeOrOversizedEventCounts(int count) {
    byte[] bytes = rawReceipt(ascii("OK"), count, new byte[0]);

    assertThatThrownBy(() -> decodeReceipt(bytes))
        .isInstanceOf(EncodingException.class)
        .hasMessage("events count " + count + " is outside 0..64");
  }

  @Test
  void receiptsAcceptTheMaximumNumberOfEvents() {
    List<ContractEvent> events =
        IntStream.range(0, Receipt.MAX_EVENTS)
            .mapToObj(i -> new ContractEvent("e" + i, new byte[] {(byte) i}))
            .toList();

    assertRoundTrip(
        receipt(events), BlockEncodingTest::encodeReceipt, BlockEncodingTest::decodeReceipt);
  }

  @Test
  void receiptsRefuseMalformedUtf8AndOverlongEventNames() {
    byte[] malformedName =
        rawReceipt(
            ascii("OK"),
            1,
            new CanonicalWriter().bytes(HEX.parseHex("c0af")).bytes(new byte[0]).toByteArray());
    assertThatThrownBy(() -> decodeReceipt(malformedName))
        .isInstanceOf(EncodingException.class)
        .hasMessage("event name is not valid UTF-8");

    byte[] overlongName =
        rawReceipt(
            ascii("OK"),
            1,
            new CanonicalWriter().string("n".repeat(65)).bytes(new byte[0]).toByteArray());
    assertThatThrownBy(() -> decodeReceipt(overlongName))
        .isInstanceOf(EncodingException.class)
        .hasMessage("event name length 65 is outside 0..64");
  }

  @Test
  void receiptsRefuseOverlongReasonsAndMessages() {
    assertThatThrownBy(
            () ->
                Receipt.rejected(Hash.ZERO, ValidationCode.CONTRACT_REJECTED, "r".repeat(129), "m"))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] longReason = rawRejection("r".repeat(129), "m");
    assertThatThrownBy(() -> decodeReceipt(longReason))
        .isInstanceOf(EncodingException.class)
        .hasMessage("reason length 129 is outside 0..128");

    byte[] longMessage = rawRejection("r", "é".repeat(513));
    assertThatThrownBy(() -> decodeReceipt(longMessage))
        .isInstanceOf(EncodingException.class)
        .hasMessage("message length 1026 is outside 0..1024");
  }

  private static byte[] rawRejection(String reason, String message) {
    return new CanonicalWriter()
        .fixed(Hash.ZERO.bytes())
        .string(ValidationCode.CONTRACT_REJECTED.name())
        .string(reason)
        .string(message)
        .bytes(new byte[0])
        .i32(0)
        .toByteArray();
  }

  // --- blocks

  @Property(tries = 100)
  void blocksRoundTrip(@ForAll("blocks") Block block) {
    Block decoded = assertRoundTrip(block, Block::encode, Block::decode);
    assertThat(decoded.hash()).isEqualTo(block.hash());
  }

  @Property(tries = 20)
  void blocksRefuseEveryTruncation(@ForAll("blocks") Block block) {
    assertRejectsEveryTruncation(block.encode(), Block::decode);
  }

  @Property(tries = 50)
  void blocksRefuseTrailingBytes(
      @ForAll("blocks") Block block, @ForAll @Size(min = 1, max = 40) byte[] extra) {
    assertRejectsTrailingBytes(block.encode(), extra, Block::decode);
  }

  @Property(tries = 50)
  void blocksRefuseAnyOtherFormatTag(
      @ForAll("blocks") Block block, @ForAll @IntRange(max = 255) int tag) {
    Assume.that(tag != BlockHeader.FORMAT);

    assertThatThrownBy(() -> Block.decode(withByteAt(block.encode(), 0, tag)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("unknown block header format " + tag);
  }

  @Property(tries = 300)
  void corruptedBlocksAreRefusedOrDecodeCanonically(
      @ForAll("blocks") Block block, @ForAll int position, @ForAll byte value) {
    assertCorruptionIsRefusedOrCanonical(
        block.encode(), position, value, Block::encode, Block::decode);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE, Block.MAX_TRANSACTIONS + 1, Integer.MAX_VALUE})
  void blocksRefuseNegativeOrOversizedTransactionCounts(int count) {
    byte[] bytes = concat(header(0).encode(), new byte[Signature.SIZE], int32(count));

    assertThatThrownBy(() -> Block.decode(bytes))
        .isInstanceOf(EncodingException.class)
        .hasMessage("transactions count " + count + " is outside 0..20000");
  }

  @Test
  void blocksRefuseAHeaderThatAnnouncesAnotherTransactionCount() {
    byte[] bytes = concat(header(1).encode(), new byte[Signature.SIZE], int32(0));

    assertThatThrownBy(() -> Block.decode(bytes))
        .isInstanceOf(EncodingException.class)
        .hasMessage("the header, transactions and receipts disagree in count");
  }

  @Test
  void anEmptyBlockHasTheDocumentedLayout() {
    BlockHeader header = header(0);
    Block block = new Block(header, new Signature(new byte[64]), List.of(), List.of());

    assertThat(block.encode()).isEqualTo(concat(header.encode(), new byte[64], int32(0)));
    assertThat(Block.decode(block.encode())).isEqualTo(block);
  }

  private static BlockHeader header(int txCount) {
    return new BlockHeader(
        hash(1),
        "kyc",
        1,
        hash(2),
        hash(3),
        hash(4),
        hash(5),
        1000,
        new PublicKey(filled(32, 6)),
        txCount);
  }

  private static Receipt receipt(List<ContractEvent> events) {
    return new Receipt(hash(9), ValidationCode.OK, "", "", new byte[] {1}, events);
  }

  /** A receipt in this test's own rendering of the layout, then {@code tail} after the count. */
  private static byte[] rawReceipt(byte[] code, int eventCount, byte[] tail) {
    return concat(
        new CanonicalWriter()
            .fixed(new byte[32])
            .bytes(code)
            .string("")
            .string("")
            .bytes(new byte[0])
            .i32(eventCount)
            .toByteArray(),
        tail);
  }

  private static Hash hash(int fill) {
    return new Hash(filled(32, fill));
  }
}

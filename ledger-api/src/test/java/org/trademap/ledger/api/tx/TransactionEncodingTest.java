package org.trademap.ledger.api.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trademap.ledger.api.CodecAssertions.assertCorruptionIsRefusedOrCanonical;
import static org.trademap.ledger.api.CodecAssertions.assertRejectsEveryTruncation;
import static org.trademap.ledger.api.CodecAssertions.assertRejectsTrailingBytes;
import static org.trademap.ledger.api.CodecAssertions.assertRoundTrip;
import static org.trademap.ledger.api.TestBytes.ascii;
import static org.trademap.ledger.api.TestBytes.concat;
import static org.trademap.ledger.api.TestBytes.filled;
import static org.trademap.ledger.api.TestBytes.withByteAt;
import static org.trademap.ledger.api.TestBytes.withIntAt;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
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

class TransactionEncodingTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] CHAIN = filled(Hash.SIZE, 0x11);
  private static final byte[] SIGNER = filled(PublicKey.SIZE, 0x22);
  private static final byte[] SIGNATURE = filled(Signature.SIZE, 0x33);

  /** Offset of the channel's length prefix: after the format tag and the chain id. */
  private static final int CHANNEL_LENGTH_AT = 1 + Hash.SIZE;

  private static final int CHANNEL_AT = CHANNEL_LENGTH_AT + 4;

  static Transaction decodeBody(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    Transaction tx = Transaction.read(r);
    r.end();
    return tx;
  }

  @Property
  void transactionBodiesRoundTrip(@ForAll("transactions") Transaction tx) {
    assertRoundTrip(tx, Transaction::encode, TransactionEncodingTest::decodeBody);
  }

  @Property
  void signedTransactionsRoundTrip(@ForAll("signedTransactions") SignedTransaction tx) {
    SignedTransaction decoded =
        assertRoundTrip(tx, SignedTransaction::encode, SignedTransaction::decode);
    assertThat(decoded.id()).isEqualTo(tx.id());
  }

  @Property(tries = 30)
  void refusesEveryTruncation(@ForAll("signedTransactions") SignedTransaction tx) {
    assertRejectsEveryTruncation(tx.encode(), SignedTransaction::decode);
    assertRejectsEveryTruncation(tx.body().encode(), TransactionEncodingTest::decodeBody);
  }

  @Property(tries = 50)
  void refusesTrailingBytes(
      @ForAll("signedTransactions") SignedTransaction tx,
      @ForAll @Size(min = 1, max = 70) byte[] extra) {
    assertRejectsTrailingBytes(tx.encode(), extra, SignedTransaction::decode);
    assertRejectsTrailingBytes(tx.body().encode(), extra, TransactionEncodingTest::decodeBody);
  }

  @Property(tries = 50)
  void refusesAnyOtherFormatTag(
      @ForAll("signedTransactions") SignedTransaction tx, @ForAll @IntRange(max = 255) int tag) {
    Assume.that(tag != Transaction.FORMAT);

    assertThatThrownBy(() -> SignedTransaction.decode(withByteAt(tx.encode(), 0, tag)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("unknown transaction format " + tag);
  }

  @Property(tries = 500)
  void corruptedBytesAreRefusedOrDecodeCanonically(
      @ForAll("signedTransactions") SignedTransaction tx,
      @ForAll int position,
      @ForAll byte value) {
    assertCorruptionIsRefusedOrCanonical(
        tx.encode(), position, value, SignedTransaction::encode, SignedTransaction::decode);
  }

  @Provide
  Arbitrary<Transaction> transactions() {
    return LedgerArbitraries.transactions();
  }

  @Provide
  Arbitrary<SignedTransaction> signedTransactions() {
    return LedgerArbitraries.signedTransactions();
  }

  @Test
  void encodesTheDocumentedLayout() {
    Transaction tx =
        new Transaction(
            new Hash(CHAIN),
            "kyc",
            "registry",
            2,
            "add",
            new byte[] {(byte) 0xAA, (byte) 0xBB},
            new PublicKey(SIGNER),
            5,
            0x0102030405060708L);

    String expected =
        "01" // format
            + "11".repeat(32) // chain id
            + "00000003"
            + "6b7963" // channel "kyc"
            + "00000008"
            + "7265676973747279" // contract id "registry"
            + "00000002" // contract version
            + "00000003"
            + "616464" // method "add"
            + "00000002"
            + "aabb" // arguments
            + "22".repeat(32) // signer
            + "0000000000000005" // nonce
            + "0102030405060708"; // timestamp
    assertThat(HEX.formatHex(tx.encode())).isEqualTo(expected);
    assertThat(HEX.formatHex(new SignedTransaction(tx, new Signature(SIGNATURE)).encode()))
        .isEqualTo(expected + "33".repeat(64));
  }

  @Test
  void rawLayoutOfThisTestDecodesToTheExpectedTransaction() {
    SignedTransaction tx = SignedTransaction.decode(raw(ascii("c"), ascii("k"), ascii("m"), 1));

    assertThat(tx.body().channel()).isEqualTo("c");
    assertThat(tx.body().contractId()).isEqualTo("k");
    assertThat(tx.body().method()).isEqualTo("m");
    assertThat(tx.body().args()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ff", "80", "c0af", "eda080"})
  void refusesMalformedUtf8InNames(String hex) {
    byte[] malformed = HEX.parseHex(hex);

    assertThatThrownBy(() -> SignedTransaction.decode(raw(malformed, ascii("k"), ascii("m"), 1)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("channel is not valid UTF-8");
    assertThatThrownBy(() -> SignedTransaction.decode(raw(ascii("c"), malformed, ascii("m"), 1)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("contract id is not valid UTF-8");
    assertThatThrownBy(() -> SignedTransaction.decode(raw(ascii("c"), ascii("k"), malformed, 1)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("method is not valid UTF-8");
  }

  @Test
  void refusesNamesLongerThan64Bytes() {
    byte[] tooLong = ascii("a".repeat(65));

    assertThatThrownBy(() -> SignedTransaction.decode(raw(tooLong, ascii("k"), ascii("m"), 1)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("channel length 65 is outside 0..64");
    assertThatThrownBy(() -> SignedTransaction.decode(raw(ascii("c"), tooLong, ascii("m"), 1)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("contract id length 65 is outside 0..64");
    assertThatThrownBy(() -> SignedTransaction.decode(raw(ascii("c"), ascii("k"), tooLong, 1)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("method length 65 is outside 0..64");
  }

  @Test
  void refusesNamesThatAreValidUtf8ButNotLedgerNames() {
    assertThatThrownBy(() -> SignedTransaction.decode(raw(ascii("KYC"), ascii("k"), ascii("m"), 1)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("channel may use only a-z, 0-9, '.', '_' and '-'");
    assertThatThrownBy(
            () ->
                SignedTransaction.decode(
                    raw(ascii("c"), "é".getBytes(StandardCharsets.UTF_8), ascii("m"), 1)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("contract id may use only a-z, 0-9, '.', '_' and '-'");
    assertThatThrownBy(() -> SignedTransaction.decode(raw(ascii("c"), ascii("k"), ascii(""), 1)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("method must be 1 to 64 characters");
  }

  @Test
  void refusesAContractVersionBelowOne() {
    assertThatThrownBy(() -> SignedTransaction.decode(raw(ascii("c"), ascii("k"), ascii("m"), 0)))
        .isInstanceOf(EncodingException.class)
        .hasMessage("contract version starts at 1");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE, 65})
  void refusesNegativeOrOversizedNameLengths(int length) {
    byte[] bytes = withIntAt(raw(ascii("c"), ascii("k"), ascii("m"), 1), CHANNEL_LENGTH_AT, length);

    assertThatThrownBy(() -> SignedTransaction.decode(bytes))
        .isInstanceOf(EncodingException.class)
        .hasMessage("channel length " + length + " is outside 0..64");
  }

  @Test
  void refusesArgumentsAboveTheLimit() {
    int argsLengthAt = CHANNEL_AT + 1 + 4 + 1 + 4 + 4 + 1;
    byte[] bytes =
        withIntAt(
            raw(ascii("c"), ascii("k"), ascii("m"), 1),
            argsLengthAt,
            Transaction.MAX_ARGS_BYTES + 1);

    assertThatThrownBy(() -> SignedTransaction.decode(bytes))
        .isInstanceOf(EncodingException.class)
        .hasMessage("arguments length 65537 is outside 0..65536");
  }

  @Test
  void acceptsArgumentsOfExactlyTheLimit() {
    byte[] args = filled(Transaction.MAX_ARGS_BYTES, 0x5A);
    Transaction body =
        new Transaction(new Hash(CHAIN), "c", "k", 1, "m", args, new PublicKey(SIGNER), 0, 0);
    SignedTransaction tx = new SignedTransaction(body, new Signature(SIGNATURE));

    assertRoundTrip(tx, SignedTransaction::encode, SignedTransaction::decode);
  }

  @Test
  void refusesInputLongerThanAnyTransactionBeforeParsingIt() {
    byte[] huge = new byte[SignedTransaction.MAX_BYTES + 1];

    assertThatThrownBy(() -> SignedTransaction.decode(huge))
        .isInstanceOf(EncodingException.class)
        .hasMessage("a transaction is at most " + SignedTransaction.MAX_BYTES + " bytes");
  }

  @Test
  void refusesANegativeNonce() {
    byte[] valid = raw(ascii("c"), ascii("k"), ascii("m"), 1);
    int nonceAt = valid.length - Signature.SIZE - 8 - 8;
    byte[] bytes = withIntAt(valid, nonceAt, -1);

    assertThatThrownBy(() -> SignedTransaction.decode(bytes))
        .isInstanceOf(EncodingException.class)
        .hasMessage("nonce must not be negative");
  }

  /** A signed transaction in this test's own rendering of the layout, with raw name bytes. */
  private static byte[] raw(byte[] channel, byte[] contractId, byte[] method, int version) {
    byte[] body =
        new CanonicalWriter()
            .u8(1)
            .fixed(CHAIN)
            .bytes(channel)
            .bytes(contractId)
            .i32(version)
            .bytes(method)
            .bytes(new byte[0])
            .fixed(SIGNER)
            .i64(0)
            .i64(0)
            .toByteArray();
    return concat(body, SIGNATURE);
  }
}

package org.trademap.ledger.api.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trademap.ledger.api.LedgerArbitraries;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.PublicKey;

class TransactionTest {
  private static final KeyPair ALICE = KeyPair.fromPrivateKey(seed(1));
  private static final KeyPair BOB = KeyPair.fromPrivateKey(seed(2));

  private static final List<FieldChange> FIELD_CHANGES =
      List.of(
          new FieldChange(
              "chain id", (t, k) -> copy(t).chainId(Hash.sha256(t.chainId().bytes())).build()),
          new FieldChange("channel", (t, k) -> copy(t).channel(rename(t.channel())).build()),
          new FieldChange(
              "contract id", (t, k) -> copy(t).contractId(rename(t.contractId())).build()),
          new FieldChange(
              "contract version",
              (t, k) ->
                  copy(t)
                      .contractVersion(t.contractVersion() == 1 ? 2 : t.contractVersion() - 1)
                      .build()),
          new FieldChange("method", (t, k) -> copy(t).method(rename(t.method())).build()),
          new FieldChange("args: one more byte", (t, k) -> copy(t).args(append(t.args())).build()),
          new FieldChange("args: a flipped bit", (t, k) -> copy(t).args(flip(t.args())).build()),
          new FieldChange("signer", (t, k) -> copy(t).signer(k.publicKey()).build()),
          new FieldChange("nonce", (t, k) -> copy(t).nonce(t.nonce() ^ 1).build()),
          new FieldChange(
              "timestamp", (t, k) -> copy(t).timestampMillis(t.timestampMillis() + 1).build()));

  /** A body signed by its own signer, with a second key pair to tamper with. */
  record Signed(KeyPair key, KeyPair other, SignedTransaction tx) {}

  @Provide
  Arbitrary<Signed> signed() {
    return Combinators.combine(
            LedgerArbitraries.transactions(),
            LedgerArbitraries.keyPairs(),
            LedgerArbitraries.keyPairs())
        .filter((tx, key, other) -> !key.publicKey().equals(other.publicKey()))
        .as(
            (tx, key, other) ->
                new Signed(key, other, withSigner(tx, key.publicKey()).signWith(key)));
  }

  @Property(tries = 100)
  void idIsTheSha256OfTheSignedBytes(@ForAll("signed") Signed s) throws Exception {
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(s.tx().encode());

    assertThat(s.tx().id().bytes()).isEqualTo(expected);
  }

  @Property(tries = 100)
  void aTransactionSignedByItsSignerVerifies(@ForAll("signed") Signed s) {
    assertThat(s.tx().verifySignature()).isTrue();
    assertThat(SignedTransaction.decode(s.tx().encode()).verifySignature()).isTrue();
  }

  @Property(tries = 100)
  void changingAnyBodyFieldBreaksTheSignature(@ForAll("signed") Signed s) {
    for (FieldChange change : FIELD_CHANGES) {
      Transaction changed = change.change().apply(s.tx().body(), s.other());
      assertThat(changed).as(change.field()).isNotEqualTo(s.tx().body());

      SignedTransaction tampered = new SignedTransaction(changed, s.tx().signature());

      assertThat(tampered.verifySignature()).as(change.field()).isFalse();
      assertThat(tampered.id()).as(change.field()).isNotEqualTo(s.tx().id());
    }
  }

  /** A change of one body field, given the body and a key that did not sign it. */
  record FieldChange(String field, BiFunction<Transaction, KeyPair, Transaction> change) {}

  @Test
  void signWithRefusesAKeyThatIsNotTheSigner() {
    Transaction tx = body(ALICE.publicKey());

    assertThatThrownBy(() -> tx.signWith(BOB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the key does not belong to the named signer");
  }

  @Test
  void aSignatureByAnotherKeyDoesNotVerify() {
    Transaction tx = body(ALICE.publicKey());
    SignedTransaction forged = new SignedTransaction(tx, BOB.sign(tx.encode()));

    assertThat(forged.verifySignature()).isFalse();
  }

  @Test
  void signsTheCanonicalBodyBytes() {
    Transaction tx = body(ALICE.publicKey());

    assertThat(tx.signWith(ALICE).signature()).isEqualTo(ALICE.sign(tx.encode()));
  }

  @Test
  void keepsItsOwnCopyOfTheArguments() {
    byte[] args = {1, 2, 3};
    Transaction tx = new Transaction(Hash.ZERO, "c", "k", 1, "m", args, ALICE.publicKey(), 0, 0);
    args[0] = 9;
    tx.args()[1] = 9;

    assertThat(tx.args()).containsExactly(1, 2, 3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Upper", "with space", "ümlaut", "slash/", "colon:"})
  void refusesChannelsThatAreNotLedgerNames(String channel) {
    assertThatThrownBy(
            () ->
                new Transaction(
                    Hash.ZERO, channel, "k", 1, "m", new byte[0], ALICE.publicKey(), 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("channel ");
  }

  @Test
  void acceptsNamesOfUpTo64Characters() {
    String longest = "a-._0".repeat(12) + "abcd";
    Transaction tx =
        new Transaction(
            Hash.ZERO, longest, longest, 1, longest, new byte[0], ALICE.publicKey(), 0, 0);

    assertThat(longest).hasSize(64);
    assertThat(tx.method()).isEqualTo(longest);
    assertThatThrownBy(
            () ->
                new Transaction(
                    Hash.ZERO, "c", "k", 1, longest + "a", new byte[0], ALICE.publicKey(), 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("method must be 1 to 64 characters");
  }

  @Test
  void refusesAVersionBelowOneANegativeNonceAndOversizedArguments() {
    PublicKey key = ALICE.publicKey();
    assertThatThrownBy(() -> new Transaction(Hash.ZERO, "c", "k", 0, "m", new byte[0], key, 0, 0))
        .hasMessage("contract version starts at 1");
    assertThatThrownBy(() -> new Transaction(Hash.ZERO, "c", "k", 1, "m", new byte[0], key, -1, 0))
        .hasMessage("nonce must not be negative");
    byte[] tooBig = new byte[Transaction.MAX_ARGS_BYTES + 1];
    assertThatThrownBy(() -> new Transaction(Hash.ZERO, "c", "k", 1, "m", tooBig, key, 0, 0))
        .hasMessage("arguments exceed 65536 bytes");
  }

  @Test
  void equalBodiesHaveEqualHashCodesAndTheStringNamesTheCall() {
    Transaction a = body(ALICE.publicKey());
    Transaction b = body(ALICE.publicKey());

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toString())
        .contains("registry@3.add")
        .contains(ALICE.publicKey().shortId())
        .contains("nonce 7");
  }

  private static Transaction body(PublicKey signer) {
    return new Transaction(Hash.ZERO, "kyc", "registry", 3, "add", new byte[] {1}, signer, 7, 1000);
  }

  private static Transaction withSigner(Transaction t, PublicKey signer) {
    return copy(t).signer(signer).build();
  }

  /** Another valid name. */
  private static String rename(String name) {
    return name.equals("a") ? "b" : "a";
  }

  private static byte[] append(byte[] bytes) {
    byte[] out = Arrays.copyOf(bytes, bytes.length + 1);
    out[bytes.length] = 0x42;
    return out;
  }

  private static byte[] flip(byte[] bytes) {
    if (bytes.length == 0) {
      return new byte[] {0};
    }
    byte[] out = bytes.clone();
    out[out.length / 2] ^= 0x10;
    return out;
  }

  private static byte[] seed(int value) {
    byte[] seed = new byte[32];
    seed[0] = (byte) value;
    return seed;
  }

  private static Builder copy(Transaction t) {
    return new Builder(t);
  }

  /** Copies a transaction with one field changed. */
  private static final class Builder {
    private Hash chainId;
    private String channel;
    private String contractId;
    private int contractVersion;
    private String method;
    private byte[] args;
    private PublicKey signer;
    private long nonce;
    private long timestampMillis;

    Builder(Transaction t) {
      chainId = t.chainId();
      channel = t.channel();
      contractId = t.contractId();
      contractVersion = t.contractVersion();
      method = t.method();
      args = t.args();
      signer = t.signer();
      nonce = t.nonce();
      timestampMillis = t.timestampMillis();
    }

    Builder chainId(Hash v) {
      chainId = v;
      return this;
    }

    Builder channel(String v) {
      channel = v;
      return this;
    }

    Builder contractId(String v) {
      contractId = v;
      return this;
    }

    Builder contractVersion(int v) {
      contractVersion = v;
      return this;
    }

    Builder method(String v) {
      method = v;
      return this;
    }

    Builder args(byte[] v) {
      args = v;
      return this;
    }

    Builder signer(PublicKey v) {
      signer = v;
      return this;
    }

    Builder nonce(long v) {
      nonce = v;
      return this;
    }

    Builder timestampMillis(long v) {
      timestampMillis = v;
      return this;
    }

    Transaction build() {
      return new Transaction(
          chainId,
          channel,
          contractId,
          contractVersion,
          method,
          args,
          signer,
          nonce,
          timestampMillis);
    }
  }
}

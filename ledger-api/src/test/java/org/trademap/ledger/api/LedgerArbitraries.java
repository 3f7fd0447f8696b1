package org.trademap.ledger.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.BlockHeader;
import org.trademap.ledger.api.block.ContractEvent;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.crypto.Signature;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.Transaction;
import org.trademap.ledger.api.tx.ValidationCode;

/**
 * Test-data generators for the ledger API values, the one place that knows what a valid value looks
 * like. Encoding does not check keys or signatures, so the encoding generators use arbitrary bytes
 * for them; {@link #keyPairs()} gives real Ed25519 keys where signatures matter.
 */
public final class LedgerArbitraries {
  private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789._-";

  private LedgerArbitraries() {}

  public static Arbitrary<byte[]> bytes(int maxSize) {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize);
  }

  public static Arbitrary<Hash> hashes() {
    return Arbitraries.bytes().array(byte[].class).ofSize(Hash.SIZE).map(Hash::new);
  }

  /** Any 32 bytes: encodings do not care whether a key is a curve point. */
  public static Arbitrary<PublicKey> publicKeyBytes() {
    return Arbitraries.bytes().array(byte[].class).ofSize(PublicKey.SIZE).map(PublicKey::new);
  }

  /** Any 64 bytes: encodings do not care whether a signature verifies. */
  public static Arbitrary<Signature> signatureBytes() {
    return Arbitraries.bytes().array(byte[].class).ofSize(Signature.SIZE).map(Signature::new);
  }

  /** Real Ed25519 key pairs from arbitrary 32-byte seeds. */
  public static Arbitrary<KeyPair> keyPairs() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofSize(32)
        .map(KeyPair::fromPrivateKey)
        .withoutEdgeCases();
  }

  /** Ledger names: 1 to 64 characters of [a-z0-9._-]. */
  public static Arbitrary<String> names() {
    return Arbitraries.strings().withChars(NAME_CHARS).ofMinLength(1).ofMaxLength(64);
  }

  /**
   * Well-formed Unicode text (ASCII, other BMP characters and supplementary characters, never a
   * lone surrogate) whose UTF-8 form has at most {@code maxBytes} bytes.
   */
  public static Arbitrary<String> text(int maxBytes) {
    Arbitrary<Integer> ascii = Arbitraries.integers().between(0, 0x7F);
    Arbitrary<Integer> bmp =
        Arbitraries.integers()
            .between(0x80, 0xFFFF)
            .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE);
    Arbitrary<Integer> supplementary =
        Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT);
    Arbitrary<Integer> codePoint =
        Arbitraries.frequencyOf(
            List.of(Tuple.of(6, ascii), Tuple.of(3, bmp), Tuple.of(1, supplementary)));
    return codePoint.list().ofMaxSize(maxBytes).map(cps -> fitUtf8(cps, maxBytes));
  }

  /** The longest prefix of the code points whose UTF-8 form fits in {@code maxBytes}. */
  private static String fitUtf8(List<Integer> codePoints, int maxBytes) {
    StringBuilder sb = new StringBuilder();
    int size = 0;
    for (int cp : codePoints) {
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (size + len > maxBytes) {
        break;
      }
      sb.appendCodePoint(cp);
      size += len;
    }
    return sb.toString();
  }

  public static Arbitrary<Transaction> transactions() {
    Arbitrary<Target> targets =
        Combinators.combine(
                hashes(), names(), names(), Arbitraries.integers().greaterOrEqual(1), names())
            .as(Target::new);
    return Combinators.combine(
            targets,
            bytes(300),
            publicKeyBytes(),
            Arbitraries.longs().greaterOrEqual(0),
            Arbitraries.longs())
        .as(
            (t, args, signer, nonce, time) ->
                new Transaction(
                    t.chainId(),
                    t.channel(),
                    t.contractId(),
                    t.version(),
                    t.method(),
                    args,
                    signer,
                    nonce,
                    time));
  }

  public static Arbitrary<SignedTransaction> signedTransactions() {
    return Combinators.combine(transactions(), signatureBytes()).as(SignedTransaction::new);
  }

  public static Arbitrary<ContractEvent> events() {
    return Combinators.combine(names(), bytes(100)).as(ContractEvent::new);
  }

  public static Arbitrary<Receipt> receipts() {
    return Combinators.combine(
            hashes(),
            Arbitraries.of(ValidationCode.class),
            text(128),
            text(1024),
            bytes(200),
            events().list().ofMaxSize(5))
        .as(Receipt::new);
  }

  public static Arbitrary<BlockHeader> headers() {
    return Arbitraries.integers().flatMap(LedgerArbitraries::headers);
  }

  /** Headers that announce {@code txCount} transactions. */
  public static Arbitrary<BlockHeader> headers(int txCount) {
    Arbitrary<Roots> roots =
        Combinators.combine(hashes(), hashes(), hashes(), hashes()).as(Roots::new);
    return Combinators.combine(
            hashes(), names(), Arbitraries.longs(), roots, Arbitraries.longs(), publicKeyBytes())
        .as(
            (chain, channel, height, r, time, proposer) ->
                new BlockHeader(
                    chain,
                    channel,
                    height,
                    r.previous(),
                    r.tx(),
                    r.receipts(),
                    r.state(),
                    time,
                    proposer,
                    txCount));
  }

  public static Arbitrary<Block> blocks() {
    return Arbitraries.integers()
        .between(0, 4)
        .flatMap(
            n ->
                Combinators.combine(
                        headers(n),
                        signatureBytes(),
                        signedTransactions().list().ofSize(n),
                        receipts().list().ofSize(n))
                    .as(Block::new));
  }

  /**
   * Consortium (format 2) documents: 1 to 6 members, each with a distinct test certificate, one to
   * three channels over them, a governance policy and maybe another policy.
   */
  public static Arbitrary<Genesis> consortiumGeneses() {
    Arbitrary<List<Genesis.Member>> members =
        Combinators.combine(names(), names(), publicKeyBytes())
            .as(Tuple::of)
            .list()
            .ofMinSize(1)
            .ofMaxSize(TestCertificates.ALL.size())
            .uniqueElements(t -> t.get1())
            .uniqueElements(t -> t.get3())
            .map(
                ts -> {
                  List<Genesis.Member> out = new ArrayList<>();
                  for (int i = 0; i < ts.size(); i++) {
                    var t = ts.get(i);
                    out.add(
                        new Genesis.Member(
                            t.get1(), t.get2(), t.get3(), TestCertificates.ALL.get(i)));
                  }
                  return out;
                });
    return members.flatMap(
        ms -> {
          List<String> ids = ms.stream().map(Genesis.Member::id).toList();
          Arbitrary<Genesis.Channel> channel =
              Combinators.combine(names(), Arbitraries.of(ids).list().ofMinSize(1).uniqueElements())
                  .as(Genesis.Channel::new);
          Arbitrary<Genesis.Policy> policy =
              Arbitraries.of(ids)
                  .list()
                  .ofMinSize(1)
                  .uniqueElements()
                  .flatMap(
                      a ->
                          Arbitraries.integers()
                              .between(1, a.size())
                              .map(t -> new Genesis.Policy(t, a)));
          return Combinators.combine(
                  Arbitraries.longs(),
                  channel.list().ofMinSize(1).ofMaxSize(3).uniqueElements(Genesis.Channel::name),
                  policy,
                  Combinators.combine(names(), policy).as(Tuple::of).injectNull(0.5),
                  Arbitraries.maps(names(), Arbitraries.integers().greaterOrEqual(1)).ofMaxSize(5))
              .as(
                  (time, channels, governance, other, contracts) -> {
                    Map<String, Genesis.Policy> policies = new TreeMap<>();
                    if (other != null) {
                      policies.put(other.get1(), other.get2());
                    }
                    policies.put(Genesis.GOVERNANCE, governance);
                    return Genesis.consortium(time, ms, channels, policies, contracts);
                  });
        });
  }

  public static Arbitrary<Genesis.Member> members() {
    return Combinators.combine(names(), names(), publicKeyBytes()).as(Genesis.Member::new);
  }

  public static Arbitrary<Genesis> geneses() {
    return Combinators.combine(
            names(),
            Arbitraries.longs(),
            members()
                .list()
                .ofMinSize(1)
                .ofMaxSize(6)
                .uniqueElements(Genesis.Member::id)
                .uniqueElements(Genesis.Member::key),
            Arbitraries.maps(names(), Arbitraries.integers().greaterOrEqual(1)).ofMaxSize(5))
        .as(Genesis::new);
  }

  /** Argument lists for {@link org.trademap.ledger.api.contract.Args}: 0 to 32 fields. */
  public static Arbitrary<List<byte[]>> argFields() {
    return bytes(80).list().ofMaxSize(32);
  }

  private record Target(
      Hash chainId, String channel, String contractId, int version, String method) {}

  private record Roots(Hash previous, Hash tx, Hash receipts, Hash state) {}
}

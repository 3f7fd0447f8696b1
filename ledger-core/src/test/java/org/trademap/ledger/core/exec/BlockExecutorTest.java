package org.trademap.ledger.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trademap.ledger.core.testing.Txs.bytes;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.BlockHeader;
import org.trademap.ledger.api.block.ContractEvent;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.contract.Contract;
import org.trademap.ledger.api.contract.ContractContext;
import org.trademap.ledger.api.contract.Outcome;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.Signature;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.Transaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.chain.Head;
import org.trademap.ledger.core.chain.Keys;
import org.trademap.ledger.core.chain.NonceWindow;
import org.trademap.ledger.core.testing.NotesContract;
import org.trademap.ledger.core.testing.TestChain;
import org.trademap.ledger.core.testing.Txs;
import org.trademap.ledger.core.verify.ChainVerifier;

/**
 * {@link BlockExecutor} on its own, over an in-memory chain: every {@link ValidationCode} at apply
 * time, what a rejection keeps and discards, the state root, and determinism.
 *
 * <p>The fixture is built in field initialisers (not {@code @BeforeEach}) because the jqwik
 * property at the end runs on the jqwik engine, which does not call Jupiter lifecycle methods.
 */
class BlockExecutorTest {
  static final KeyPair MEMBER = TestChain.key(1);
  static final KeyPair STRANGER = TestChain.key(2);
  static final long W = BlockExecutor.TIME_WINDOW_MILLIS;
  static final long T1 = TestChain.GENESIS_TIME + 60_000;
  static final long T2 = T1 + 1_000;

  final TestChain chain = TestChain.of(MEMBER, TestChain.notes());

  Txs tx() {
    return Txs.on(chain.genesis(), T1);
  }

  BlockExecutor.Result execute(SignedTransaction... txs) {
    return chain.execute(T1, List.of(txs));
  }

  static List<ValidationCode> codes(BlockExecutor.Result r) {
    return r.receipts().stream().map(Receipt::code).toList();
  }

  static Map<String, @Nullable String> hex(SortedMap<byte[], byte @Nullable []> writes) {
    Map<String, @Nullable String> out = new LinkedHashMap<>();
    writes.forEach(
        (k, v) ->
            out.put(HexFormat.of().formatHex(k), v == null ? null : HexFormat.of().formatHex(v)));
    return out;
  }

  static String nonceKey() {
    return HexFormat.of().formatHex(Keys.nonce(MEMBER.publicKey()));
  }

  static String nonceValue(long n) {
    return HexFormat.of().formatHex(Keys.longBytes(n));
  }

  static String stateKey(String contract, String key) {
    return HexFormat.of().formatHex(Keys.state(Keys.statePrefix(contract), bytes(key)));
  }

  /** One transaction rejected before its nonce is consumed: no writes at all. */
  void assertRejectedWithoutEffects(SignedTransaction tx, ValidationCode code) {
    BlockExecutor.Result r = execute(tx);

    assertThat(codes(r)).containsExactly(code);
    Receipt receipt = r.receipts().get(0);
    assertThat(receipt.txId()).isEqualTo(tx.id());
    assertThat(receipt.reason()).isEmpty();
    assertThat(receipt.message()).isEqualTo(code.description());
    assertThat(receipt.value()).isEmpty();
    assertThat(receipt.events()).isEmpty();
    assertThat(r.writes()).isEmpty();
  }

  /**
   * One transaction rejected after the nonce check: it consumes the nonce and writes nothing else.
   */
  void assertRejectedConsumingTheNonce(
      SignedTransaction tx, ValidationCode code, String reason, String message) {
    BlockExecutor.Result r = execute(tx);

    assertThat(codes(r)).containsExactly(code);
    Receipt receipt = r.receipts().get(0);
    assertThat(receipt.reason()).isEqualTo(reason);
    assertThat(receipt.message()).isEqualTo(message);
    assertThat(receipt.value()).isEmpty();
    assertThat(receipt.events()).isEmpty();
    assertThat(hex(r.writes()))
        .containsExactly(Map.entry(nonceKey(), nonceValue(tx.body().nonce())));
  }

  @Test
  void acceptsAValidTransactionAndRecordsItsEffects() {
    SignedTransaction put = tx().put("a", "1").nonce(1).signedBy(MEMBER);
    Head genesis = chain.head();

    BlockExecutor.Result r = execute(put);

    assertThat(codes(r)).containsExactly(ValidationCode.OK);
    Receipt receipt = r.receipts().get(0);
    assertThat(receipt.reason()).isEmpty();
    assertThat(receipt.message()).isEmpty();
    assertThat(receipt.value()).isEqualTo(bytes("v1"));
    assertThat(receipt.events()).containsExactly(new ContractEvent("noted", bytes("a")));
    Map<String, @Nullable String> expected = new LinkedHashMap<>();
    expected.put(nonceKey(), nonceValue(1));
    expected.put(stateKey(NotesContract.ID, "a"), HexFormat.of().formatHex(bytes("1")));
    assertThat(hex(r.writes())).containsExactlyEntriesOf(expected);
    BlockHeader h = r.header();
    assertThat(h.chainId()).isEqualTo(chain.genesis().chainId());
    assertThat(h.channel()).isEqualTo("kyc");
    assertThat(h.height()).isEqualTo(1);
    assertThat(h.previousHash()).isEqualTo(genesis.hash());
    assertThat(h.txRoot()).isEqualTo(Block.txRoot(List.of(put)));
    assertThat(h.receiptsRoot()).isEqualTo(Block.receiptsRoot(r.receipts()));
    assertThat(h.stateRoot())
        .isEqualTo(BlockExecutor.nextStateRoot(genesis.stateRoot(), r.writes()));
    assertThat(h.timestampMillis()).isEqualTo(T1);
    assertThat(h.proposer()).isEqualTo(MEMBER.publicKey());
    assertThat(h.txCount()).isEqualTo(1);
  }

  @Test
  void doesNotChangeTheStoreWhenOnlyExecuting() {
    var before = chain.head();

    execute(tx().put("a", "1").nonce(1).signedBy(MEMBER));

    assertThat(chain.head()).isEqualTo(before);
    assertThat(chain.store().get(Keys.state(Keys.statePrefix(NotesContract.ID), bytes("a"))))
        .isNull();
    assertThat(chain.chain().highestNonce(MEMBER.publicKey())).isZero();
  }

  @Test
  void rejectsATransactionForAnotherChain() {
    assertRejectedWithoutEffects(
        tx().chain(Hash.sha256(bytes("another genesis"))).signedBy(MEMBER),
        ValidationCode.WRONG_CHAIN);
  }

  @Test
  void rejectsATransactionForAnotherChannel() {
    assertRejectedWithoutEffects(
        tx().channel("payments").signedBy(MEMBER), ValidationCode.WRONG_CHANNEL);
  }

  @Test
  void rejectsATransactionWhoseSignatureHasOneBitFlipped() {
    SignedTransaction good = tx().signedBy(MEMBER);
    byte[] sig = good.signature().bytes();
    sig[10] ^= 0x01;

    assertRejectedWithoutEffects(
        new SignedTransaction(good.body(), new Signature(sig)), ValidationCode.BAD_SIGNATURE);
  }

  @Test
  void rejectsATransactionSignedByAnotherKeyThanTheNamedSigner() {
    Transaction body = tx().signedBy(MEMBER).body();

    assertRejectedWithoutEffects(
        new SignedTransaction(body, STRANGER.sign(body.encode())), ValidationCode.BAD_SIGNATURE);
  }

  @Test
  void rejectsATransactionFromAKeyThatIsNoMember() {
    assertRejectedWithoutEffects(tx().signedBy(STRANGER), ValidationCode.UNKNOWN_SIGNER);
  }

  @Test
  void rejectsTheSameTransactionTwiceInOneBlock() {
    SignedTransaction put = tx().put("a", "1").nonce(1).signedBy(MEMBER);

    BlockExecutor.Result r = execute(put, put);

    assertThat(codes(r)).containsExactly(ValidationCode.OK, ValidationCode.DUPLICATE);
    assertThat(r.receipts().get(1).txId()).isEqualTo(put.id());
    assertThat(r.receipts().get(1).message()).isEqualTo(ValidationCode.DUPLICATE.description());
    assertThat(r.writes()).hasSize(2);
  }

  @Test
  void rejectsATransactionCommittedInAnEarlierBlock() {
    SignedTransaction put = tx().put("a", "1").nonce(1).signedBy(MEMBER);
    chain.run(T1, put);

    BlockExecutor.Result r = chain.execute(T2, List.of(put));

    assertThat(codes(r)).containsExactly(ValidationCode.DUPLICATE);
    assertThat(r.writes()).isEmpty();
  }

  @Test
  void rejectsATransactionTooFarAfterTheBlockTime() {
    assertRejectedWithoutEffects(
        tx().time(T1 + W + 1).signedBy(MEMBER), ValidationCode.TIMESTAMP_OUT_OF_WINDOW);
  }

  @Test
  void rejectsATransactionTooFarBeforeTheBlockTime() {
    assertRejectedWithoutEffects(
        tx().time(T1 - W - 1).signedBy(MEMBER), ValidationCode.TIMESTAMP_OUT_OF_WINDOW);
  }

  @Test
  void acceptsTransactionsExactlyAtTheEdgesOfTheTimeWindow() {
    BlockExecutor.Result r =
        execute(
            tx().put("late", "1").nonce(1).time(T1 + W).signedBy(MEMBER),
            tx().put("early", "2").nonce(2).time(T1 - W).signedBy(MEMBER));

    assertThat(codes(r)).containsExactly(ValidationCode.OK, ValidationCode.OK);
  }

  @Test
  void judgesTheTimeWindowAgainstTheBlockTimeNotTheTransactionsOrder() {
    SignedTransaction tx = tx().put("a", "1").nonce(1).time(T1).signedBy(MEMBER);

    assertThat(codes(chain.execute(T1 + W, List.of(tx)))).containsExactly(ValidationCode.OK);
    assertThat(codes(chain.execute(T1 + W + 1, List.of(tx))))
        .containsExactly(ValidationCode.TIMESTAMP_OUT_OF_WINDOW);
  }

  @Test
  void rejectsTheSameNonceTwice() {
    BlockExecutor.Result r =
        execute(
            tx().put("a", "1").nonce(1).signedBy(MEMBER),
            tx().put("b", "2").nonce(1).signedBy(MEMBER));

    assertThat(codes(r)).containsExactly(ValidationCode.OK, ValidationCode.NONCE_REUSED);
    assertThat(r.receipts().get(1).message()).isEqualTo(ValidationCode.NONCE_REUSED.description());
    assertThat(hex(r.writes())).containsKey(stateKey(NotesContract.ID, "a"));
    assertThat(hex(r.writes())).doesNotContainKey(stateKey(NotesContract.ID, "b"));
    assertThat(hex(r.writes())).containsEntry(nonceKey(), nonceValue(1));
  }

  @Test
  void acceptsALowerNonceAfterAHigherOneInsideTheWindow() {
    BlockExecutor.Result r =
        execute(
            tx().put("a", "1").nonce(5).signedBy(MEMBER),
            tx().put("b", "2").nonce(3).signedBy(MEMBER),
            tx().put("c", "3").nonce(3).signedBy(MEMBER));

    assertThat(codes(r))
        .containsExactly(ValidationCode.OK, ValidationCode.OK, ValidationCode.NONCE_REUSED);
    assertThat(hex(r.writes()))
        .containsEntry(
            nonceKey(), HexFormat.of().formatHex(NonceWindow.EMPTY.use(5).use(3).encode()));
  }

  @Test
  void refusesANonceBelowTheWindowThatWasNeverUsed() {
    long highest = NonceWindow.WIDTH + 10;
    BlockExecutor.Result r =
        execute(
            tx().put("a", "1").nonce(highest).signedBy(MEMBER),
            tx().put("b", "2").nonce(10).signedBy(MEMBER),
            tx().put("c", "3").nonce(11).signedBy(MEMBER));

    assertThat(codes(r))
        .containsExactly(ValidationCode.OK, ValidationCode.NONCE_REUSED, ValidationCode.OK);
  }

  @Test
  void refusesANonceCommittedInAnEarlierBlockButTakesOneItSkipped() {
    chain.run(T1, tx().put("a", "1").nonce(4).signedBy(MEMBER));

    BlockExecutor.Result r =
        chain.execute(
            T2,
            List.of(
                tx().put("b", "2").nonce(4).signedBy(MEMBER),
                tx().put("c", "3").nonce(2).signedBy(MEMBER),
                tx().put("d", "4").nonce(9).signedBy(MEMBER),
                tx().put("e", "5").nonce(2).signedBy(MEMBER)));

    assertThat(codes(r))
        .containsExactly(
            ValidationCode.NONCE_REUSED,
            ValidationCode.OK,
            ValidationCode.OK,
            ValidationCode.NONCE_REUSED);
  }

  @Test
  void rejectsNonceZeroFromASignerThatNeverSigned() {
    assertRejectedWithoutEffects(tx().nonce(0).signedBy(MEMBER), ValidationCode.NONCE_REUSED);
  }

  @Test
  void rejectsACallToAContractThatIsNotDeployed() {
    assertRejectedConsumingTheNonce(
        tx().contract("missing", 1).nonce(1).signedBy(MEMBER),
        ValidationCode.UNKNOWN_CONTRACT,
        "",
        ValidationCode.UNKNOWN_CONTRACT.description());
  }

  @Test
  void stopsAtACallToAGenesisContractThisNodeDoesNotHave() {
    // Another node would run the call; answering UNKNOWN_CONTRACT here would fork.
    Genesis genesis = TestChain.genesis(MEMBER, Map.of(NotesContract.ID, 1, "absent", 1));
    TestChain other =
        new TestChain(genesis, TestChain.notes(), SignatureChecker.SEQUENTIAL, MEMBER);

    assertThatThrownBy(
            () ->
                other.execute(
                    T1,
                    List.of(
                        Txs.on(genesis, T1).put("a", "1").nonce(1).signedBy(MEMBER),
                        Txs.on(genesis, T1).contract("absent", 1).nonce(2).signedBy(MEMBER))))
        .isInstanceOf(ContractNotInstalledException.class)
        .hasMessageContaining("contract absent version 1");
  }

  @Test
  void rejectsACallForAnotherVersionThanTheActiveOne() {
    assertRejectedConsumingTheNonce(
        tx().contract(NotesContract.ID, 2).nonce(1).signedBy(MEMBER),
        ValidationCode.WRONG_CONTRACT_VERSION,
        "",
        ValidationCode.WRONG_CONTRACT_VERSION.description());
  }

  @Test
  void recordsTheContractsOwnCodeAndSentenceWhenItRejects() {
    assertRejectedConsumingTheNonce(
        tx().method("reject").nonce(1).signedBy(MEMBER),
        ValidationCode.CONTRACT_REJECTED,
        "notes.always",
        "This method always rejects.");
  }

  @Test
  void recordsAContractThatThrowsAsFailed() {
    assertRejectedConsumingTheNonce(
        tx().method("boom").nonce(1).signedBy(MEMBER),
        ValidationCode.CONTRACT_REJECTED,
        "contract.failed",
        "The contract failed while executing.");
  }

  @Test
  void aContractSeesTheWritesOfEarlierTransactionsInTheSameBlock() {
    BlockExecutor.Result r =
        execute(
            tx().put("a", "1").nonce(1).signedBy(MEMBER),
            tx().put("a", "2").nonce(2).signedBy(MEMBER));

    assertThat(codes(r)).containsExactly(ValidationCode.OK, ValidationCode.CONTRACT_REJECTED);
    assertThat(r.receipts().get(1).reason()).isEqualTo("notes.exists");
    assertThat(hex(r.writes()))
        .containsEntry(stateKey(NotesContract.ID, "a"), HexFormat.of().formatHex(bytes("1")))
        .containsEntry(nonceKey(), nonceValue(2));
  }

  @Test
  void aRejectedCallConsumesItsNonceForLaterBlocks() {
    chain.run(T1, tx().method("reject").nonce(1).signedBy(MEMBER));

    assertThat(chain.chain().highestNonce(MEMBER.publicKey())).isEqualTo(1);
    assertThat(codes(chain.execute(T2, List.of(tx().put("a", "1").nonce(1).signedBy(MEMBER)))))
        .containsExactly(ValidationCode.NONCE_REUSED);
    assertThat(codes(chain.execute(T2, List.of(tx().put("a", "1").nonce(2).signedBy(MEMBER)))))
        .containsExactly(ValidationCode.OK);
  }

  /** Writes a value, then rejects or throws: nothing it wrote may survive. */
  static final class WritesThenFails implements Contract {
    @Override
    public String id() {
      return "scratch";
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public Outcome invoke(ContractContext ctx) {
      ctx.put(bytes("written"), bytes("by " + ctx.method()));
      ctx.emit("wrote", bytes("x"));
      return switch (ctx.method()) {
        case "reject" -> Outcome.rejected("scratch.no", "Rejected after writing.");
        case "accept" -> Outcome.accepted();
        default -> throw new IllegalStateException("failed after writing");
      };
    }
  }

  @Test
  void discardsTheWritesAndEventsOfAContractThatRejectsOrThrowsAfterWriting() {
    ContractRegistry registry =
        new ContractRegistry(List.of(new NotesContract(1), new WritesThenFails()), c -> {});
    TestChain scratch = TestChain.of(MEMBER, registry);
    Txs scratchTx = Txs.on(scratch.genesis(), T1).contract("scratch", 1);

    BlockExecutor.Result r =
        scratch.execute(
            T1,
            List.of(
                scratchTx.method("reject").nonce(1).signedBy(MEMBER),
                scratchTx.method("throw").nonce(2).signedBy(MEMBER)));

    assertThat(r.receipts())
        .extracting(Receipt::code, Receipt::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ValidationCode.CONTRACT_REJECTED, "scratch.no"),
            org.assertj.core.groups.Tuple.tuple(
                ValidationCode.CONTRACT_REJECTED, "contract.failed"));
    assertThat(r.receipts()).allSatisfy(rc -> assertThat(rc.events()).isEmpty());
    assertThat(hex(r.writes())).containsExactly(Map.entry(nonceKey(), nonceValue(2)));

    BlockExecutor.Result accepted =
        scratch.execute(T1, List.of(scratchTx.method("accept").nonce(1).signedBy(MEMBER)));
    assertThat(hex(accepted.writes())).containsKey(stateKey("scratch", "written"));
    assertThat(accepted.receipts().get(0).events()).hasSize(1);
  }

  @Test
  void checksInTheOrderOfTheValidationCodes() {
    // Wrong chain, bad signature and unknown signer at once: the first check names the code.
    Transaction body =
        Txs.on(chain.genesis(), T1 + W + 1)
            .chain(Hash.sha256(bytes("elsewhere")))
            .nonce(0)
            .signedBy(STRANGER)
            .body();
    SignedTransaction everythingWrong = new SignedTransaction(body, MEMBER.sign(body.encode()));
    SignedTransaction strangerLateReused =
        tx().time(T1 + W + 1).nonce(0).contract("missing", 9).signedBy(STRANGER);
    SignedTransaction lateReused = tx().time(T1 + W + 1).nonce(0).signedBy(MEMBER);
    SignedTransaction reusedMissing = tx().nonce(0).contract("missing", 9).signedBy(MEMBER);

    BlockExecutor.Result r =
        execute(everythingWrong, strangerLateReused, lateReused, reusedMissing);

    assertThat(codes(r))
        .containsExactly(
            ValidationCode.WRONG_CHAIN,
            ValidationCode.UNKNOWN_SIGNER,
            ValidationCode.TIMESTAMP_OUT_OF_WINDOW,
            ValidationCode.NONCE_REUSED);
  }

  // ---- state root -------------------------------------------------------------------------

  @Test
  void theStateRootChainsFromThePreviousRootAndTheWriteSet() {
    Head genesis = chain.head();
    assertThat(genesis.stateRoot())
        .isEqualTo(BlockExecutor.genesisStateRoot(chain.genesis().chainId()));

    BlockExecutor.Result empty = chain.execute(T1, List.of());
    Block first = chain.run(T1, tx().put("a", "1").nonce(1).signedBy(MEMBER));
    BlockExecutor.Result second =
        chain.execute(T2, List.of(tx().put("b", "2").nonce(2).signedBy(MEMBER)));

    assertThat(empty.writes()).isEmpty();
    assertThat(empty.header().stateRoot())
        .isEqualTo(
            BlockExecutor.nextStateRoot(
                genesis.stateRoot(),
                new TreeMap<byte[], byte @Nullable []>(BlockExecutor.keyOrder())))
        .isNotEqualTo(genesis.stateRoot());
    assertThat(second.header().stateRoot())
        .isEqualTo(BlockExecutor.nextStateRoot(first.header().stateRoot(), second.writes()));
  }

  @Test
  void transactionsWithTheSameWritesGiveTheSameStateRoot() {
    BlockExecutor.Result rejected = execute(tx().method("reject").nonce(1).signedBy(MEMBER));
    BlockExecutor.Result failed = execute(tx().method("boom").nonce(1).signedBy(MEMBER));

    assertThat(hex(rejected.writes())).isEqualTo(hex(failed.writes()));
    assertThat(rejected.header().stateRoot()).isEqualTo(failed.header().stateRoot());
    assertThat(rejected.header().receiptsRoot()).isNotEqualTo(failed.header().receiptsRoot());
    assertThat(rejected.header().hash()).isNotEqualTo(failed.header().hash());
  }

  @Test
  void differentWritesGiveDifferentStateRoots() {
    BlockExecutor.Result one = execute(tx().put("a", "1").nonce(1).signedBy(MEMBER));
    BlockExecutor.Result two = execute(tx().put("a", "2").nonce(1).signedBy(MEMBER));
    BlockExecutor.Result otherKey = execute(tx().put("b", "1").nonce(1).signedBy(MEMBER));
    BlockExecutor.Result otherNonce = execute(tx().put("a", "1").nonce(2).signedBy(MEMBER));

    assertThat(
            List.of(
                one.header().stateRoot(),
                two.header().stateRoot(),
                otherKey.header().stateRoot(),
                otherNonce.header().stateRoot()))
        .doesNotHaveDuplicates();
  }

  @Test
  void theWriteSetHashTellsDeletionsEmptyValuesAndAbsenceApart() {
    Hash prev = Hash.sha256(bytes("previous"));
    byte[] k = bytes("k");
    TreeMap<byte[], byte @Nullable []> none = new TreeMap<>(BlockExecutor.keyOrder());
    TreeMap<byte[], byte @Nullable []> deleted = new TreeMap<>(BlockExecutor.keyOrder());
    deleted.put(k, null);
    TreeMap<byte[], byte @Nullable []> emptyValue = new TreeMap<>(BlockExecutor.keyOrder());
    emptyValue.put(k, new byte[0]);
    TreeMap<byte[], byte @Nullable []> value = new TreeMap<>(BlockExecutor.keyOrder());
    value.put(k, bytes("v"));
    // "k"+"v" and "kv"+"" must not collide either.
    TreeMap<byte[], byte @Nullable []> shifted = new TreeMap<>(BlockExecutor.keyOrder());
    shifted.put(bytes("kv"), new byte[0]);

    assertThat(
            List.of(
                BlockExecutor.nextStateRoot(prev, none),
                BlockExecutor.nextStateRoot(prev, deleted),
                BlockExecutor.nextStateRoot(prev, emptyValue),
                BlockExecutor.nextStateRoot(prev, value),
                BlockExecutor.nextStateRoot(prev, shifted),
                BlockExecutor.nextStateRoot(Hash.sha256(bytes("other")), value)))
        .doesNotHaveDuplicates();
  }

  @Test
  void theWriteSetHashDoesNotDependOnInsertionOrder() {
    Hash prev = Hash.sha256(bytes("previous"));
    TreeMap<byte[], byte @Nullable []> a = new TreeMap<>(BlockExecutor.keyOrder());
    TreeMap<byte[], byte @Nullable []> b = new TreeMap<>(BlockExecutor.keyOrder());
    byte[][] keys = {bytes("z"), {(byte) 0x80}, bytes("a"), {0x7F}};
    for (byte[] k : keys) {
      a.put(k, k);
    }
    for (int i = keys.length - 1; i >= 0; i--) {
      b.put(keys[i].clone(), keys[i].clone());
    }

    assertThat(BlockExecutor.nextStateRoot(prev, a))
        .isEqualTo(BlockExecutor.nextStateRoot(prev, b));
    assertThat(a.firstKey()).isEqualTo(bytes("a"));
    assertThat(a.lastKey()).isEqualTo(new byte[] {(byte) 0x80});
  }

  // ---- determinism ------------------------------------------------------------------------

  /** Three blocks that between them hit every validation code. */
  List<List<SignedTransaction>> mixedBlocks(Genesis genesis) {
    Txs t = Txs.on(genesis, T1);
    SignedTransaction dup = t.put("dup", "x").nonce(3).signedBy(MEMBER);
    SignedTransaction good = t.put("a", "1").nonce(1).signedBy(MEMBER);
    byte[] sig = good.signature().bytes();
    sig[0] ^= 0x40;
    return List.of(
        List.of(
            good,
            t.put("b", "2").nonce(2).signedBy(MEMBER),
            dup,
            dup,
            t.put("c", "3").nonce(2).signedBy(MEMBER),
            new SignedTransaction(good.body(), new Signature(sig)),
            Txs.on(genesis, T1).chain(Hash.sha256(bytes("x"))).signedBy(MEMBER)),
        List.of(
            dup,
            Txs.on(genesis, T1).channel("other").nonce(9).signedBy(MEMBER),
            Txs.on(genesis, T1).nonce(9).signedBy(STRANGER),
            Txs.on(genesis, T1 + 10 * W).nonce(9).signedBy(MEMBER),
            Txs.on(genesis, T1).method("reject").nonce(4).signedBy(MEMBER),
            Txs.on(genesis, T1).method("boom").nonce(5).signedBy(MEMBER),
            Txs.on(genesis, T1).put("a", "again").nonce(6).signedBy(MEMBER)),
        List.of(
            Txs.on(genesis, T2).contract("nope", 1).nonce(7).signedBy(MEMBER),
            Txs.on(genesis, T2).contract(NotesContract.ID, 3).nonce(8).signedBy(MEMBER),
            Txs.on(genesis, T2).put("z", "26").nonce(10).signedBy(MEMBER)));
  }

  record Run(
      List<BlockHeader> headers,
      List<List<Receipt>> receipts,
      List<Map<String, @Nullable String>> writes) {}

  Run runMixedBlocks() {
    TestChain fresh = TestChain.of(MEMBER, TestChain.notes());
    List<BlockHeader> headers = new ArrayList<>();
    List<List<Receipt>> receipts = new ArrayList<>();
    List<Map<String, @Nullable String>> writes = new ArrayList<>();
    long time = T1;
    for (List<SignedTransaction> block : mixedBlocks(fresh.genesis())) {
      BlockExecutor.Result r = fresh.execute(time, block);
      fresh.commit(r, block);
      headers.add(r.header());
      receipts.add(r.receipts());
      writes.add(hex(r.writes()));
      time += 1_000;
    }
    return new Run(headers, receipts, writes);
  }

  @Test
  void twoExecutorsOverFreshStoresProduceIdenticalBlocks() {
    Run first = runMixedBlocks();
    Run second = runMixedBlocks();

    assertThat(second.headers()).isEqualTo(first.headers());
    assertThat(second.receipts()).isEqualTo(first.receipts());
    assertThat(second.writes()).isEqualTo(first.writes());
  }

  @Test
  void theMixedBlocksGiveTheSameCodesOnEveryRun() {
    List<List<ValidationCode>> expected =
        List.of(
            List.of(
                ValidationCode.OK,
                ValidationCode.OK,
                ValidationCode.OK,
                ValidationCode.DUPLICATE,
                ValidationCode.NONCE_REUSED,
                ValidationCode.BAD_SIGNATURE,
                ValidationCode.WRONG_CHAIN),
            List.of(
                ValidationCode.DUPLICATE,
                ValidationCode.WRONG_CHANNEL,
                ValidationCode.UNKNOWN_SIGNER,
                ValidationCode.TIMESTAMP_OUT_OF_WINDOW,
                ValidationCode.CONTRACT_REJECTED,
                ValidationCode.CONTRACT_REJECTED,
                ValidationCode.CONTRACT_REJECTED),
            List.of(
                ValidationCode.UNKNOWN_CONTRACT,
                ValidationCode.WRONG_CONTRACT_VERSION,
                ValidationCode.OK));
    for (int run = 0; run < 3; run++) {
      assertThat(runMixedBlocks().receipts())
          .extracting(rs -> rs.stream().map(Receipt::code).toList())
          .as("run %d", run)
          .isEqualTo(expected);
    }
  }

  @Test
  void theResultDoesNotDependOnHowSignaturesAreChecked() {
    Genesis genesis = chain.genesis();
    List<SignedTransaction> block = mixedBlocks(genesis).get(0);
    SignatureChecker oneByOneInReverse =
        txs -> {
          boolean[] ok = new boolean[txs.size()];
          for (int i = txs.size() - 1; i >= 0; i--) {
            ok[i] = txs.get(i).verifySignature();
          }
          return ok;
        };
    TestChain other = new TestChain(genesis, TestChain.notes(), oneByOneInReverse, MEMBER);

    BlockExecutor.Result a = chain.execute(T1, block);
    BlockExecutor.Result b = other.execute(T1, block);

    assertThat(b.header()).isEqualTo(a.header());
    assertThat(b.receipts()).isEqualTo(a.receipts());
  }

  // ---- property ---------------------------------------------------------------------------

  enum Kind {
    PUT,
    REJECT,
    BOOM,
    REUSED_NONCE
  }

  record Step(Kind kind, int key) {}

  @Provide
  Arbitrary<List<List<Step>>> blocks() {
    Arbitrary<Step> step =
        Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 3))
            .as(Step::new);
    return step.list().ofMaxSize(8).list().ofMinSize(1).ofMaxSize(5);
  }

  @Property(tries = 60)
  void independentStoresReachTheSameStateRoots(@ForAll("blocks") List<List<Step>> blocks) {
    TestChain a = TestChain.of(MEMBER, TestChain.notes());
    TestChain b = TestChain.of(MEMBER, TestChain.notes());
    long nonce = 0;
    long time = T1;
    for (List<Step> steps : blocks) {
      List<SignedTransaction> txs = new ArrayList<>();
      for (Step s : steps) {
        Txs t = Txs.on(a.genesis(), time - txs.size());
        t =
            switch (s.kind()) {
              case PUT -> t.put("k" + s.key(), "v" + txs.size()).nonce(++nonce);
              case REJECT -> t.method("reject").nonce(++nonce);
              case BOOM -> t.method("boom").nonce(++nonce);
              case REUSED_NONCE -> t.put("r" + s.key(), "x").nonce(nonce);
            };
        txs.add(t.signedBy(MEMBER));
      }
      // The second chain gets the transactions as decoded from the wire.
      List<SignedTransaction> decoded =
          txs.stream().map(tx -> SignedTransaction.decode(tx.encode())).toList();
      Block ba = a.run(time, txs);
      Block bb = b.run(time, decoded);
      assertThat(bb.header()).isEqualTo(ba.header());
      assertThat(bb.receipts()).isEqualTo(ba.receipts());
      time += 1_000;
    }
    assertThat(b.head().stateRoot()).isEqualTo(a.head().stateRoot());
    ChainVerifier.Report report =
        ChainVerifier.verify(a.chain(), a.contracts(), SignatureChecker.SEQUENTIAL);
    assertThat(report.ok()).as(report.problem()).isTrue();
    assertThat(report.height()).isEqualTo(blocks.size());
    assertThat(report.head()).isEqualTo(a.head());
  }
}

package org.trademap.ledger.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.chain.ChainStore;
import org.trademap.ledger.core.chain.Keys;
import org.trademap.ledger.core.chain.NonceWindow;
import org.trademap.ledger.core.store.RocksDbStore;
import org.trademap.ledger.core.store.WriteBatch;
import org.trademap.ledger.core.testing.TestChain;
import org.trademap.ledger.core.testing.Txs;
import org.trademap.ledger.core.verify.ChainVerifier;

/**
 * The nonce window (ADR 0027) as the chain keeps it in RocksDB: one signer's transactions committed
 * out of nonce order, the window after the store is closed and opened again, and the verifier's
 * replay agreeing with it, or naming it when it was altered.
 */
class OutOfOrderNoncesOnDiskTest {
  static final KeyPair MEMBER = TestChain.key(1);
  static final long T1 = TestChain.GENESIS_TIME + 60_000;

  @TempDir Path dir;
  final ContractRegistry contracts = TestChain.notes();
  final Genesis genesis = TestChain.genesis(MEMBER, contracts.latestVersions());
  final BlockExecutor executor = new BlockExecutor(genesis, contracts, SignatureChecker.SEQUENTIAL);
  RocksDbStore store;
  long raftIndex;

  RocksDbStore open() {
    return RocksDbStore.open(dir.resolve("state"));
  }

  @BeforeEach
  void openStore() {
    store = open();
  }

  @AfterEach
  void close() {
    store.close();
  }

  SignedTransaction put(long nonce) {
    return put(nonce, "k" + nonce);
  }

  /** Another transaction than {@code put(nonce)} with the same nonce: not a duplicate. */
  SignedTransaction put(long nonce, String key) {
    return Txs.on(genesis, T1).put(key, "v").nonce(nonce).signedBy(MEMBER);
  }

  /** Executes and commits the next block; returns its codes. */
  List<ValidationCode> run(SignedTransaction... txs) {
    ChainStore chain = new ChainStore(store);
    if (chain.genesis().isEmpty()) {
      Block block0 = BlockExecutor.genesisBlock(genesis);
      chain.initGenesis(genesis, block0, block0.header().stateRoot());
    }
    var r = executor.execute(store::get, chain.requireHead(), T1, MEMBER.publicKey(), List.of(txs));
    Block block =
        new Block(r.header(), MEMBER.sign(r.header().encode()), List.of(txs), r.receipts());
    chain.commit(block, r.writes(), 1, ++raftIndex);
    return r.receipts().stream().map(Receipt::code).toList();
  }

  @Test
  void keepsTheWindowAcrossAReopenAndTheReplayAgrees() {
    assertThat(run(put(10), put(7), put(7, "again")))
        .containsExactly(ValidationCode.OK, ValidationCode.OK, ValidationCode.NONCE_REUSED);
    NonceWindow before = new ChainStore(store).nonceWindow(MEMBER.publicKey());
    store.close();

    store = open();
    ChainStore chain = new ChainStore(store);

    assertThat(chain.nonceWindow(MEMBER.publicKey())).isEqualTo(before);
    assertThat(chain.highestNonce(MEMBER.publicKey())).isEqualTo(10);
    assertThat(run(put(8), put(7, "b"), put(10, "b"), put(9), put(12), put(11)))
        .containsExactly(
            ValidationCode.OK,
            ValidationCode.NONCE_REUSED,
            ValidationCode.NONCE_REUSED,
            ValidationCode.OK,
            ValidationCode.OK,
            ValidationCode.OK);
    // Every nonce from 1 to 6 is still free; none above.
    NonceWindow after = chain.nonceWindow(MEMBER.publicKey());
    for (long n = 1; n <= 12; n++) {
      assertThat(after.accepts(n)).as("nonce %d", n).isEqualTo(n <= 6);
    }
    assertThat(ChainVerifier.verify(chain, contracts, SignatureChecker.SEQUENTIAL).ok()).isTrue();
  }

  @Test
  void theVerifierNamesAStoredWindowThatFreesAUsedNonce() {
    run(put(10), put(7));
    ChainStore chain = new ChainStore(store);
    // Nonce 7 marked free again: as if its transaction could be replayed.
    NonceWindow forged = NonceWindow.EMPTY.use(10);
    store.write(new WriteBatch().put(Keys.nonce(MEMBER.publicKey()), forged.encode()));

    var report = ChainVerifier.verify(chain, contracts, SignatureChecker.SEQUENTIAL);

    assertThat(report.ok()).isFalse();
    assertThat(report.problem()).startsWith("the stored state differs from the replayed state");
  }
}

package org.trademap.bench;

import java.util.List;
import java.util.SplittableRandom;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.core.chain.ChainStore;
import org.trademap.ledger.core.chain.Head;
import org.trademap.ledger.core.exec.BlockExecutor;
import org.trademap.ledger.core.exec.ContractRegistry;
import org.trademap.ledger.core.exec.SignatureChecker;
import org.trademap.ledger.core.store.InMemoryStore;

/**
 * Fixed inputs for the JMH benchmarks, the same in every fork: one consortium key, a chain with the
 * KYC registry, and registrations of the ledger benchmark's shape.
 */
final class Fixtures {
  /** Block time of the fixtures: 2026-01-01T00:00:00Z. */
  static final long TIME = 1_767_225_600_000L;

  static final KeyPair KEY = KeyPair.fromPrivateKey(seed());
  static final Genesis GENESIS = KycWorkload.genesis(KEY, TIME - 60_000);

  /** Trusts every signature: what the block builder uses for transactions verified on submit. */
  static final SignatureChecker TRUSTING =
      txs -> {
        boolean[] ok = new boolean[txs.size()];
        java.util.Arrays.fill(ok, true);
        return ok;
      };

  private Fixtures() {}

  private static byte[] seed() {
    byte[] seed = new byte[32];
    for (int i = 0; i < seed.length; i++) {
      seed[i] = (byte) (i * 7 + 1);
    }
    return seed;
  }

  static ContractRegistry contracts() {
    return new ContractRegistry(List.of(new KycRegistry()), c -> {});
  }

  /** {@code n} registrations with nonces 1..n, stamped {@link #TIME}. */
  static List<SignedTransaction> registrations(int n) {
    return new KycWorkload(GENESIS, KEY, "jmh").registrations(n, 1, TIME, new SplittableRandom(42));
  }

  /** A store holding the genesis block of {@link #GENESIS}. */
  static InMemoryStore storeWithGenesis() {
    InMemoryStore store = new InMemoryStore();
    Block block0 = BlockExecutor.genesisBlock(GENESIS);
    new ChainStore(store).initGenesis(GENESIS, block0, block0.header().stateRoot());
    return store;
  }

  static Head head(InMemoryStore store) {
    return new ChainStore(store).requireHead();
  }

  /** Block 1 holding {@code txs}, executed and signed as the block builder would. */
  static Block block(List<SignedTransaction> txs) {
    try (InMemoryStore store = storeWithGenesis()) {
      BlockExecutor.Result result =
          new BlockExecutor(GENESIS, contracts(), TRUSTING)
              .execute(store::get, head(store), TIME, KEY.publicKey(), txs);
      requireAllAccepted(result);
      return new Block(result.header(), KEY.sign(result.header().encode()), txs, result.receipts());
    }
  }

  /** Fails unless every transaction was accepted, so a benchmark never measures rejections. */
  static void requireAllAccepted(BlockExecutor.Result result) {
    for (var receipt : result.receipts()) {
      if (!receipt.accepted()) {
        throw new IllegalStateException(
            "a fixture transaction was rejected: " + receipt.code() + " " + receipt.reason());
      }
    }
  }
}

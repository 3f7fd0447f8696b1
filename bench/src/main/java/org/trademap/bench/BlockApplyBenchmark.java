package org.trademap.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.core.chain.Head;
import org.trademap.ledger.core.exec.BlockExecutor;
import org.trademap.ledger.core.exec.SignatureChecker;
import org.trademap.ledger.core.store.InMemoryStore;

/**
 * {@link BlockExecutor#execute} of a block of 1,000 {@code kyc-registry.register} transactions on
 * an {@link InMemoryStore}: verifying every signature on the calling thread ({@link
 * SignatureChecker#SEQUENTIAL}) and trusting them (all true, as the block builder does for
 * transactions verified on submit). The difference is the signature cost of a block; the rest is
 * validation, contract execution, the write set and the roots.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BlockApplyBenchmark {
  static final int BLOCK_TRANSACTIONS = 1000;

  private final InMemoryStore store = Fixtures.storeWithGenesis();
  private final Head head = Fixtures.head(store);
  private final PublicKey proposer = Fixtures.KEY.publicKey();
  private final List<SignedTransaction> txs = Fixtures.registrations(BLOCK_TRANSACTIONS);
  private final BlockExecutor verifying =
      new BlockExecutor(Fixtures.GENESIS, Fixtures.contracts(), SignatureChecker.SEQUENTIAL);
  private final BlockExecutor trusting =
      new BlockExecutor(Fixtures.GENESIS, Fixtures.contracts(), Fixtures.TRUSTING);

  /** Checks that every transaction is accepted on both paths, so no rejection is measured. */
  @Setup
  public void checkFixtures() {
    Fixtures.requireAllAccepted(sequentialSignatures());
    Fixtures.requireAllAccepted(trustedSignatures());
  }

  @Benchmark
  public BlockExecutor.Result sequentialSignatures() {
    return verifying.execute(store::get, head, Fixtures.TIME, proposer, txs);
  }

  @Benchmark
  public BlockExecutor.Result trustedSignatures() {
    return trusting.execute(store::get, head, Fixtures.TIME, proposer, txs);
  }

  @TearDown
  public void close() {
    store.close();
  }
}

package org.trademap.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.MerkleTree;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.tx.SignedTransaction;

/**
 * The canonical encoding on the hot path: one signed transaction encoded and decoded, a block of
 * 1,000 registrations encoded and decoded (what every Raft entry costs), and the Merkle root of
 * 1,000 transaction ids.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EncodingBenchmark {
  static final int BLOCK_TRANSACTIONS = 1000;

  private final SignedTransaction tx;
  private final byte[] txBytes;
  private final Block block;
  private final byte[] blockBytes;
  private final List<Hash> ids;

  /** Builds the transactions and the block once. */
  public EncodingBenchmark() {
    List<SignedTransaction> txs = Fixtures.registrations(BLOCK_TRANSACTIONS);
    this.tx = txs.getFirst();
    this.txBytes = tx.encode();
    this.block = Fixtures.block(txs);
    this.blockBytes = block.encode();
    this.ids = new ArrayList<>(txs.size());
    for (SignedTransaction t : txs) {
      ids.add(t.id());
    }
    if (!Block.decode(blockBytes).equals(block)) {
      throw new IllegalStateException("the fixture block does not survive encoding");
    }
  }

  @Benchmark
  public byte[] encodeTransaction() {
    return tx.encode();
  }

  @Benchmark
  public SignedTransaction decodeTransaction() {
    return SignedTransaction.decode(txBytes);
  }

  @Benchmark
  public byte[] encodeBlockOf1000() {
    return block.encode();
  }

  @Benchmark
  public Block decodeBlockOf1000() {
    return Block.decode(blockBytes);
  }

  @Benchmark
  public Hash merkleRootOf1000() {
    return MerkleTree.root(ids);
  }
}

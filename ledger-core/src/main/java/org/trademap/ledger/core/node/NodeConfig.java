package org.trademap.ledger.core.node;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How a node runs.
 *
 * @param dataDir holds {@code node.key}, {@code genesis.json}, {@code state/} (RocksDB) and {@code
 *     raft/} (Raft log and snapshots)
 * @param host address the Raft server binds to; loopback by default
 * @param raftPort Raft (gRPC) port; 0 picks a free port at start
 * @param channel channel name written into a new genesis document
 * @param maxBlockTransactions most transactions in one block (default 2,000)
 * @param maxQueuedTransactions submissions waiting for a block before new ones are refused (default
 *     50,000)
 * @param snapshotEveryBlocks take a snapshot (and purge the Raft log) after this many blocks
 * @param verifyOnStart re-verify the whole chain before serving (default true)
 * @param clock the node's clock for block times and the submit-time window check
 * @param electionTimeout minimum election timeout (1–2 s suits 2-core machines)
 */
public record NodeConfig(
    Path dataDir,
    String host,
    int raftPort,
    String channel,
    int maxBlockTransactions,
    int maxQueuedTransactions,
    long snapshotEveryBlocks,
    boolean verifyOnStart,
    Clock clock,
    Duration electionTimeout) {

  public NodeConfig {
    if (raftPort < 0 || raftPort > 65535) {
      throw new IllegalArgumentException("raft port must be 0..65535");
    }
    if (maxBlockTransactions < 1
        || maxBlockTransactions > org.trademap.ledger.api.block.Block.MAX_TRANSACTIONS) {
      throw new IllegalArgumentException("max block transactions out of range");
    }
    if (maxQueuedTransactions < 1 || snapshotEveryBlocks < 1) {
      throw new IllegalArgumentException("queue and snapshot limits must be positive");
    }
  }

  /** The embedded default: loopback, any free port, channel {@code kyc}. */
  public static NodeConfig embedded(Path dataDir) {
    return new NodeConfig(
        dataDir,
        "127.0.0.1",
        0,
        "kyc",
        2000,
        50_000,
        1024,
        true,
        Clock.systemUTC(),
        Duration.ofSeconds(1));
  }

  public NodeConfig withRaftPort(int port) {
    return new NodeConfig(
        dataDir,
        host,
        port,
        channel,
        maxBlockTransactions,
        maxQueuedTransactions,
        snapshotEveryBlocks,
        verifyOnStart,
        clock,
        electionTimeout);
  }

  public NodeConfig withClock(Clock c) {
    return new NodeConfig(
        dataDir,
        host,
        raftPort,
        channel,
        maxBlockTransactions,
        maxQueuedTransactions,
        snapshotEveryBlocks,
        verifyOnStart,
        c,
        electionTimeout);
  }

  public NodeConfig withSnapshotEveryBlocks(long blocks) {
    return new NodeConfig(
        dataDir,
        host,
        raftPort,
        channel,
        maxBlockTransactions,
        maxQueuedTransactions,
        blocks,
        verifyOnStart,
        clock,
        electionTimeout);
  }
}

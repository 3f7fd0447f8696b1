package org.trademap.ledger.core.node;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.tx.Transaction;

/**
 * How a node runs.
 *
 * @param dataDir holds {@code genesis.json}, {@code state/} (RocksDB) and {@code raft/} (Raft log
 *     and snapshots); in the embedded default also the node's keys ({@code node.key}, {@code
 *     tls.key}, {@code tls.crt})
 * @param host address the Raft server binds to; loopback by default
 * @param raftPort Raft (gRPC) port; 0 picks a free port at start
 * @param channel channel name written into a new genesis document
 * @param maxBlockTransactions most transactions in one block (default 2,000)
 * @param maxQueuedTransactions submissions waiting for a block before new ones are refused (default
 *     50,000)
 * @param snapshotEveryBlocks take a snapshot (and purge the Raft log) after this many blocks
 * @param verifyOnStart re-verify the whole chain before serving (default true)
 * @param clock the node's clock for block times and the submit-time window check
 * @param electionTimeout minimum election timeout (default 1 s; the maximum is twice it). Ratis
 *     leaders send a heartbeat to every follower of every group about every half of it, so a node
 *     holding many groups spends CPU on heartbeats in inverse proportion to it, and a longer one
 *     delays the election after a leader fails by as much (ADR 0037)
 * @param logSegmentBytes size of a Raft log segment file (default 64 MiB); the log is purged behind
 *     a snapshot one closed segment at a time, so small segments purge sooner
 * @param logWriteBufferBytes the direct-memory buffer every Raft group's log writes through
 *     (default 32 MiB); a log entry (one block) larger than it cannot be written, and a node takes
 *     it once per group it holds
 * @param consortium where a consortium node finds its identity and its peers; null for the embedded
 *     default, which makes its own one-member consortium in {@code dataDir}
 * @param checkpoints when the node signs its head and compares it with the other members' (default
 *     {@link Checkpointing#DEFAULT})
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
    Duration electionTimeout,
    long logSegmentBytes,
    long logWriteBufferBytes,
    @Nullable Consortium consortium,
    Checkpointing checkpoints) {

  /**
   * Signed checkpoints (ADR 0029).
   *
   * @param everyBlocks the checkpoint heights are the multiples of this (default 100)
   * @param interval how often the node compares its checkpoints with its peers' when no checkpoint
   *     height was reached meanwhile (default 10 s); also how soon a restarted or lagging node
   *     compares again
   */
  public record Checkpointing(long everyBlocks, Duration interval) {
    /** The least interval: a round is a request to every other member. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    public static final Checkpointing DEFAULT = new Checkpointing(100, Duration.ofSeconds(10));

    public Checkpointing {
      if (everyBlocks < 1) {
        throw new IllegalArgumentException("checkpoints are at least one block apart");
      }
      if (interval.compareTo(MIN_INTERVAL) < 0) {
        throw new IllegalArgumentException("the checkpoint interval is at least 100 ms");
      }
    }
  }

  /**
   * A consortium node's identity and peers, as a node configuration file gives them.
   *
   * @param memberId this organisation's id in the genesis document
   * @param genesis the consortium's genesis document; copied into the data directory on first start
   *     and compared with that copy on every later start
   * @param signingKey the node's Ed25519 private key ({@code node.key} format)
   * @param tlsCertificate the node's certificate (PEM), the one the genesis document lists
   * @param tlsPrivateKey its private key (PEM, PKCS #8)
   * @param peers where the other members' nodes listen
   * @param channels the channels this node holds, its default channel first; empty = every channel
   *     of the genesis document that has this member. A channel this member is not in at genesis is
   *     held as joining until governance adds it (ADR 0033)
   */
  public record Consortium(
      String memberId,
      Path genesis,
      Path signingKey,
      Path tlsCertificate,
      Path tlsPrivateKey,
      List<Peer> peers,
      List<String> channels) {
    public Consortium {
      Transaction.checkName(memberId, "member id");
      peers = List.copyOf(peers);
      channels = List.copyOf(channels);
      if (new HashSet<>(channels).size() != channels.size()) {
        throw new IllegalArgumentException("a channel is listed twice");
      }
      if (new HashSet<>(peers.stream().map(Peer::memberId).toList()).size() != peers.size()) {
        throw new IllegalArgumentException("a peer is listed twice");
      }
      if (peers.stream().anyMatch(p -> p.memberId().equals(memberId))) {
        throw new IllegalArgumentException("the node itself is not its own peer");
      }
    }
  }

  /**
   * Another member's node.
   *
   * @param memberId its id in the genesis document
   * @param host host name or IP address of its Raft server
   * @param raftPort its Raft (gRPC) port
   */
  public record Peer(String memberId, String host, int raftPort) {
    public Peer {
      Transaction.checkName(memberId, "peer id");
      if (host.isBlank()) {
        throw new IllegalArgumentException("peer " + memberId + " needs a host");
      }
      if (raftPort < 1 || raftPort > 65535) {
        throw new IllegalArgumentException("peer " + memberId + " needs a raft port 1..65535");
      }
    }

    String address() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + raftPort;
    }
  }

  /** The default of {@link #logWriteBufferBytes}. */
  public static final long DEFAULT_LOG_WRITE_BUFFER_BYTES = 32L * 1024 * 1024;

  /** The least {@link #logWriteBufferBytes}. */
  public static final long MIN_LOG_WRITE_BUFFER_BYTES = 1024L * 1024;

  /** The largest {@link #logWriteBufferBytes}: what the gRPC messages between nodes may carry. */
  public static final long MAX_LOG_WRITE_BUFFER_BYTES = 64L * 1024 * 1024;

  /** The default of {@link #electionTimeout}. */
  public static final Duration DEFAULT_ELECTION_TIMEOUT = Duration.ofSeconds(1);

  /** The least {@link #electionTimeout}. */
  public static final Duration MIN_ELECTION_TIMEOUT = Duration.ofMillis(100);

  /** The largest {@link #electionTimeout}. */
  public static final Duration MAX_ELECTION_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Checks a least election timeout.
   *
   * @throws IllegalArgumentException unless it is from {@link #MIN_ELECTION_TIMEOUT} to {@link
   *     #MAX_ELECTION_TIMEOUT}
   */
  public static void requireElectionTimeout(Duration timeout) {
    if (timeout.compareTo(MIN_ELECTION_TIMEOUT) < 0
        || timeout.compareTo(MAX_ELECTION_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "the election timeout must be 100 ms to 60 s, not " + timeout.toMillis() + " ms");
    }
  }

  public NodeConfig {
    if (raftPort < 0 || raftPort > 65535) {
      throw new IllegalArgumentException("raft port must be 0..65535");
    }
    if (maxBlockTransactions < 1 || maxBlockTransactions > Block.MAX_TRANSACTIONS) {
      throw new IllegalArgumentException("max block transactions out of range");
    }
    if (maxQueuedTransactions < 1 || snapshotEveryBlocks < 1) {
      throw new IllegalArgumentException("queue and snapshot limits must be positive");
    }
    if (logSegmentBytes < 1024) {
      throw new IllegalArgumentException("a log segment has at least 1 KiB");
    }
    requireElectionTimeout(electionTimeout);
    if (logWriteBufferBytes < MIN_LOG_WRITE_BUFFER_BYTES
        || logWriteBufferBytes > MAX_LOG_WRITE_BUFFER_BYTES) {
      throw new IllegalArgumentException("the log write buffer must be 1 MiB to 64 MiB");
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
        DEFAULT_ELECTION_TIMEOUT,
        64L * 1024 * 1024,
        DEFAULT_LOG_WRITE_BUFFER_BYTES,
        null,
        Checkpointing.DEFAULT);
  }

  /** A consortium node with the embedded defaults for everything else. */
  public static NodeConfig consortium(
      Path dataDir, String host, int raftPort, Consortium consortium) {
    return embedded(dataDir).withRaft(host, raftPort).withConsortium(consortium);
  }

  public NodeConfig withRaftPort(int port) {
    return copy(b -> b.raftPort = port);
  }

  public NodeConfig withRaft(String raftHost, int port) {
    return copy(
        b -> {
          b.host = raftHost;
          b.raftPort = port;
        });
  }

  public NodeConfig withClock(Clock c) {
    return copy(b -> b.clock = c);
  }

  public NodeConfig withSnapshotEveryBlocks(long blocks) {
    return copy(b -> b.snapshotEveryBlocks = blocks);
  }

  public NodeConfig withLogSegmentBytes(long bytes) {
    return copy(b -> b.logSegmentBytes = bytes);
  }

  public NodeConfig withConsortium(@Nullable Consortium c) {
    return copy(b -> b.consortium = c);
  }

  public NodeConfig withVerifyOnStart(boolean verify) {
    return copy(b -> b.verifyOnStart = verify);
  }

  public NodeConfig withElectionTimeout(Duration timeout) {
    return copy(b -> b.electionTimeout = timeout);
  }

  public NodeConfig withLogWriteBufferBytes(long bytes) {
    return copy(b -> b.logWriteBufferBytes = bytes);
  }

  public NodeConfig withCheckpoints(Checkpointing c) {
    return copy(b -> b.checkpoints = c);
  }

  private NodeConfig copy(Consumer<Copy> change) {
    Copy b = new Copy(this);
    change.accept(b);
    return new NodeConfig(
        b.dataDir,
        b.host,
        b.raftPort,
        b.channel,
        b.maxBlockTransactions,
        b.maxQueuedTransactions,
        b.snapshotEveryBlocks,
        b.verifyOnStart,
        b.clock,
        b.electionTimeout,
        b.logSegmentBytes,
        b.logWriteBufferBytes,
        b.consortium,
        b.checkpoints);
  }

  /** The components of a config, to change some and build a new one (checked again). */
  private static final class Copy {
    Path dataDir;
    String host;
    int raftPort;
    String channel;
    int maxBlockTransactions;
    int maxQueuedTransactions;
    long snapshotEveryBlocks;
    boolean verifyOnStart;
    Clock clock;
    Duration electionTimeout;
    long logSegmentBytes;
    long logWriteBufferBytes;
    @Nullable Consortium consortium;
    Checkpointing checkpoints;

    Copy(NodeConfig c) {
      dataDir = c.dataDir;
      host = c.host;
      raftPort = c.raftPort;
      channel = c.channel;
      maxBlockTransactions = c.maxBlockTransactions;
      maxQueuedTransactions = c.maxQueuedTransactions;
      snapshotEveryBlocks = c.snapshotEveryBlocks;
      verifyOnStart = c.verifyOnStart;
      clock = c.clock;
      electionTimeout = c.electionTimeout;
      logSegmentBytes = c.logSegmentBytes;
      logWriteBufferBytes = c.logWriteBufferBytes;
      consortium = c.consortium;
      checkpoints = c.checkpoints;
    }
  }
}

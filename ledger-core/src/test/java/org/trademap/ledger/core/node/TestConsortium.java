package org.trademap.ledger.core.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.ChannelIntegrity;
import org.trademap.ledger.api.node.ChannelStatus;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.node.LedgerStatus;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.core.config.ConsortiumLayout;
import org.trademap.ledger.core.config.NodeConfigFile;
import org.trademap.ledger.core.exec.ContractRegistry;
import org.trademap.ledger.core.testing.TestChain;
import org.trademap.ledger.core.testing.Txs;

/**
 * A local consortium for tests: written by {@link ConsortiumLayout} on free loopback ports, each
 * node started in this JVM from its configuration file, with real Ratis (mutual TLS) and RocksDB.
 */
final class TestConsortium implements AutoCloseable {
  /** How long a test waits for a condition: generous, for a loaded 2-core machine. */
  static final Duration WAIT = Duration.ofSeconds(90);

  /**
   * Checkpoints every 4 blocks, compared every second: every consortium test also checks that
   * honest nodes never see a divergence (see {@link #assertNoDivergence}).
   */
  static final NodeConfig.Checkpointing CHECKPOINTS =
      new NodeConfig.Checkpointing(4, Duration.ofSeconds(1));

  final Path dir;
  final Genesis genesis;
  final List<NodeConfig> configs = new ArrayList<>();
  final List<Path> configFiles;
  private final @Nullable LedgerNode[] nodes;
  private final ContractRegistry contracts;

  private TestConsortium(
      Path dir,
      Genesis genesis,
      List<Path> configFiles,
      long snapshotEvery,
      ContractRegistry contracts) {
    this.dir = dir;
    this.contracts = contracts;
    this.genesis = genesis;
    this.configFiles = configFiles;
    for (Path f : configFiles) {
      configs.add(
          NodeConfigFile.load(f)
              .toNodeConfig()
              .withSnapshotEveryBlocks(snapshotEvery)
              .withLogSegmentBytes(snapshotEvery < 16 ? 1024 : 64L * 1024 * 1024)
              .withCheckpoints(CHECKPOINTS));
    }
    this.nodes = new LedgerNode[configFiles.size()];
  }

  /** Writes a consortium of {@code n} organisations (trust model b) into {@code dir}. */
  static TestConsortium create(Path dir, int n, long snapshotEveryBlocks) {
    return create(dir, n, snapshotEveryBlocks, ConsortiumLayout.Model.B);
  }

  /** Writes a consortium of {@code n} organisations in a trust model into {@code dir}. */
  static TestConsortium create(
      Path dir, int n, long snapshotEveryBlocks, ConsortiumLayout.Model model) {
    ContractRegistry notes = TestChain.notes();
    return create(dir, n, snapshotEveryBlocks, notes, notes.latestVersions(), model);
  }

  /**
   * Writes a consortium whose nodes run {@code contracts}, starting from the genesis versions
   * {@code genesisVersions} (an upgrade may activate the others).
   */
  static TestConsortium create(
      Path dir,
      int n,
      long snapshotEveryBlocks,
      ContractRegistry contracts,
      Map<String, Integer> genesisVersions) {
    return create(
        dir, n, snapshotEveryBlocks, contracts, genesisVersions, ConsortiumLayout.Model.B);
  }

  private static TestConsortium create(
      Path dir,
      int n,
      long snapshotEveryBlocks,
      ContractRegistry contracts,
      Map<String, Integer> genesisVersions,
      ConsortiumLayout.Model model) {
    List<Integer> ports = freePorts(2 * n);
    var written =
        ConsortiumLayout.init(
            dir,
            ConsortiumLayout.orgs(ports.subList(0, n), ports.subList(n, 2 * n)),
            model,
            "127.0.0.1",
            genesisVersions,
            Instant.now(),
            new SecureRandom());
    return new TestConsortium(
        dir, written.genesis(), written.configs(), snapshotEveryBlocks, contracts);
  }

  static List<Integer> freePorts(int n) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      Set<Integer> ports = new HashSet<>();
      while (ports.size() < n) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(s);
        ports.add(s.getLocalPort());
      }
      return List.copyOf(ports);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket s : sockets) {
        try {
          s.close();
        } catch (IOException e) {
          // a test port that does not close is of no consequence
        }
      }
    }
  }

  int size() {
    return nodes.length;
  }

  LedgerNode start(int i) {
    return start(i, contracts);
  }

  /** Starts node {@code i} with another set of contracts than the consortium's. */
  LedgerNode start(int i, ContractRegistry installed) {
    LedgerNode node = LedgerNode.start(configs.get(i), installed);
    nodes[i] = node;
    return node;
  }

  void startAll() {
    for (int i = 0; i < nodes.length; i++) {
      start(i);
    }
  }

  LedgerNode node(int i) {
    LedgerNode n = nodes[i];
    if (n == null) {
      throw new IllegalStateException("node " + i + " is not running");
    }
    return n;
  }

  boolean running(int i) {
    return nodes[i] != null;
  }

  void stop(int i) {
    LedgerNode n = nodes[i];
    nodes[i] = null;
    if (n != null) {
      n.close();
    }
  }

  /** The signing key of organisation {@code i}, read from its key file. */
  KeyPair key(int i) {
    return NodeFiles.readKey(
        java.util.Objects.requireNonNull(configs.get(i).consortium()).signingKey());
  }

  /** A put by organisation {@code signer} on {@code channel}, signed with its key. */
  SignedTransaction put(String channel, int signer, String key, long nonce) {
    return Txs.on(genesis, System.currentTimeMillis())
        .channel(channel)
        .put(key, "v")
        .nonce(nonce)
        .signedBy(key(signer));
  }

  /** The index of the node that leads, once one of the running nodes does. */
  int awaitLeader() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < nodes.length; i++) {
        LedgerNode n = nodes[i];
        if (n != null && n.status().role().equals("leader")) {
          return i;
        }
      }
      sleep(50);
    }
    throw new AssertionError("no leader within " + WAIT);
  }

  Optional<Integer> follower() {
    int leader = awaitLeader();
    for (int i = 0; i < nodes.length; i++) {
      if (i != leader && nodes[i] != null) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /** Waits until every running node has the same head at height {@code minHeight} or above. */
  LedgerStatus awaitSameHead(long minHeight) {
    await(
        () -> {
          LedgerStatus first = null;
          for (LedgerNode n : nodes) {
            if (n == null) {
              continue;
            }
            LedgerStatus s = n.status();
            if (s.height() < minHeight) {
              return false;
            }
            if (first == null) {
              first = s;
            } else if (s.height() != first.height()
                || !s.headHash().equals(first.headHash())
                || !s.stateRoot().equals(first.stateRoot())) {
              return false;
            }
          }
          return first != null;
        },
        "the same head at height " + minHeight + " or above on every running node");
    for (LedgerNode n : nodes) {
      if (n != null) {
        return n.status();
      }
    }
    throw new IllegalStateException("no node is running");
  }

  /**
   * Waits until the given nodes hold the channel with one head at {@code minHeight} or above, and
   * gives its height.
   */
  long awaitSameHead(String channel, List<Integer> nodes, long minHeight) {
    long[] height = new long[1];
    await(
        () -> {
          ChannelStatus first = null;
          for (int i : nodes) {
            ChannelStatus s = node(i).channel(channel).orElseThrow().status();
            if (s.height() < minHeight) {
              return false;
            }
            if (first == null) {
              first = s;
            } else if (!s.headHash().equals(first.headHash())) {
              return false;
            }
          }
          height[0] = java.util.Objects.requireNonNull(first).height();
          return true;
        },
        "channel " + channel + " at height " + minHeight + " on nodes " + nodes);
    return height[0];
  }

  /** No running node diverged from the others or saw a member sign another head. */
  void assertNoDivergence() {
    for (int i = 0; i < nodes.length; i++) {
      LedgerNode n = nodes[i];
      if (n == null) {
        continue;
      }
      ChannelIntegrity integrity = n.status().channels().getFirst().integrity();
      if (integrity.diverged() || !integrity.dissents().isEmpty()) {
        throw new AssertionError("node " + i + " reports " + integrity);
      }
    }
  }

  static void await(BooleanSupplier condition, String what) {
    await(condition, () -> what);
  }

  /** Polls {@code condition} until it holds; fails after {@link #WAIT} saying {@code what}. */
  static void await(BooleanSupplier condition, Supplier<String> what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what.get());
      }
      sleep(50);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < nodes.length; i++) {
      stop(i);
    }
  }
}

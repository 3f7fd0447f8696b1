package org.trademap.ledger.core.node;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a node whose Raft storage was created empty (a new or wiped data directory) into a channel
 * that already has a history. A leader that knew this node before keeps its old match index and
 * answers the empty log's refusals of heartbeats by sending the same heartbeat again: on an idle
 * channel the node would wait until the next transaction (Ratis, RATIS-2523). While the log stays
 * empty under a known leader for {@code patience}, the node asks the leader to hand leadership to
 * another member; a new leader starts from what each follower really has and sends this node its
 * snapshot (or its log). Ends once the log holds anything, or when the node closes (ADR 0025).
 *
 * <p>Under load such a leader sends the empty log only a heartbeat every few seconds, and in
 * between this node's election timer runs out: it knows no leader until the next heartbeat. The
 * patience therefore runs under the leader last heard of and is not reset by those gaps; it used to
 * be, so the node could stay empty for good (found with {@code bench failover --target follower
 * --wipe}, ADR 0043).
 */
final class EmptyLogRejoin {
  private static final Logger LOG = LoggerFactory.getLogger(EmptyLogRejoin.class);

  private final RaftServer server;
  private final RaftGroup group;
  private final RaftPeerId self;
  private final RaftClient client;
  private final Duration patience;
  private final Thread thread;
  private volatile boolean open = true;
  private final AtomicInteger transfers = new AtomicInteger();

  EmptyLogRejoin(
      RaftServer server, RaftGroup group, RaftPeerId self, RaftClient client, Duration patience) {
    this.server = server;
    this.group = group;
    this.self = self;
    this.client = client;
    this.patience = patience;
    this.thread = Thread.ofPlatform().name("ledger-rejoin").daemon().unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** How many leadership transfers this node asked for (tests). */
  int transfers() {
    return transfers.get();
  }

  private void run() {
    Patience watch = new Patience(patience, self, System.nanoTime());
    try {
      while (open) {
        Thread.sleep(Math.max(100, patience.toMillis() / 5));
        RaftServer.Division d = server.getDivision(group.getGroupId());
        if (d.getRaftLog().getNextIndex() > 0) {
          return; // the log holds entries or a snapshot: Raft takes it from here
        }
        switch (watch.next(System.nanoTime(), d.getInfo().getLeaderId())) {
          case Step.Wait _ -> {}
          case Step.AskAnotherLeader(RaftPeerId leader) -> askForAnotherLeader(leader);
          case Step.WarnNoLeader _ ->
              LOG.warn(
                  "group {} has had no leader for {} s and this node's Raft log of it is empty:"
                      + " either too few of its members are up, or the others committed entries"
                      + " and Ratis does not count the vote of a node with an empty log (it may"
                      + " have lost entries with its storage); the channel waits for a member that"
                      + " holds its log to return (ADR 0039)",
                  group.getGroupId(),
                  patience.toSeconds());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      if (open) {
        LOG.warn("watching this node's empty Raft log ended: {}", e.toString());
      }
    }
  }

  /** What the watch does after one look at the empty log. */
  sealed interface Step {
    /** Nothing yet. */
    record Wait() implements Step {}

    /** The log has stayed empty under {@code leader} for the patience: ask it to hand over. */
    record AskAnotherLeader(RaftPeerId leader) implements Step {}

    /** No leader has been heard of for the patience (said once). */
    record WarnNoLeader() implements Step {}
  }

  /**
   * The watch's clock, apart from Ratis so that its timing can be tested: the patience runs under
   * the leader last heard of, through the gaps in which this node knows none, and starts again
   * after each request to hand over.
   */
  static final class Patience {
    private static final Step WAIT = new Step.Wait();

    private final long patienceNanos;
    private final RaftPeerId self;
    private final long startedNanos;
    private long stuckSince = -1;
    private @Nullable RaftPeerId lastLeader;
    private boolean warned;

    Patience(Duration patience, RaftPeerId self, long nowNanos) {
      this.patienceNanos = patience.toNanos();
      this.self = self;
      this.startedNanos = nowNanos;
    }

    /**
     * The step at {@code nowNanos}, the log still being empty.
     *
     * @param known the leader this node knows now, or null
     */
    Step next(long nowNanos, @Nullable RaftPeerId known) {
      if (known != null) {
        lastLeader = known;
      }
      RaftPeerId leader = lastLeader;
      if (leader == null) {
        // No leader heard of since the start (once one is, the patience runs under it).
        if (!warned && nowNanos - startedNanos >= patienceNanos) {
          warned = true;
          return new Step.WarnNoLeader();
        }
        return WAIT;
      }
      if (leader.equals(self)) {
        stuckSince = -1;
        return WAIT;
      }
      if (stuckSince < 0) {
        stuckSince = nowNanos;
        return WAIT;
      }
      if (nowNanos - stuckSince >= patienceNanos) {
        stuckSince = nowNanos;
        return new Step.AskAnotherLeader(leader);
      }
      return WAIT;
    }
  }

  private void askForAnotherLeader(RaftPeerId leader) {
    RaftPeerId target = target(leader);
    if (target == null) {
      return;
    }
    LOG.warn(
        "this node's Raft log is still empty under leader {}, which does not send it what it"
            + " misses; asking for leadership to move to {}",
        leader,
        target);
    transfers.incrementAndGet();
    try {
      if (client.admin().transferLeadership(target, leader, patience.toMillis() * 2).isSuccess()) {
        return;
      }
      LOG.warn("moving leadership to {} was refused", target);
    } catch (IOException | RuntimeException e) {
      LOG.warn("moving leadership to {} failed: {}", target, e.toString());
    }
    // Under load a targeted transfer can time out (the target must first hold the leader's whole
    // log); a leader that steps down is replaced by an election among the others instead.
    try {
      LOG.warn("asking leader {} to step down", leader);
      client.admin().transferLeadership(null, leader, patience.toMillis() * 2);
    } catch (IOException | RuntimeException e) {
      LOG.warn("asking leader {} to step down failed: {}", leader, e.toString());
    }
  }

  /** Another member than this node and the leader, a different one on each attempt. */
  private @Nullable RaftPeerId target(RaftPeerId leader) {
    List<RaftPeerId> candidates =
        group.getPeers().stream()
            .map(RaftPeer::getId)
            .filter(id -> !id.equals(self) && !id.equals(leader))
            .toList();
    return candidates.isEmpty() ? null : candidates.get(transfers.get() % candidates.size());
  }

  void close() {
    open = false;
    thread.interrupt();
  }
}

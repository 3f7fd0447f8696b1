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
    long stuckSince = -1;
    long leaderlessSince = System.nanoTime();
    // The leader last heard of: a leader that sends the empty log nothing but a heartbeat every few
    // seconds lets this node's election timer run out in between (it then knows no leader until
    // the next heartbeat), so the time under it is not reset by those gaps.
    RaftPeerId lastLeader = null;
    boolean warned = false;
    try {
      while (open) {
        Thread.sleep(Math.max(100, patience.toMillis() / 5));
        RaftServer.Division d = server.getDivision(group.getGroupId());
        if (d.getRaftLog().getNextIndex() > 0) {
          return; // the log holds entries or a snapshot: Raft takes it from here
        }
        RaftPeerId known = d.getInfo().getLeaderId();
        if (known != null) {
          lastLeader = known;
        }
        RaftPeerId leader = lastLeader;
        if (leader == null) {
          if (!warned && System.nanoTime() - leaderlessSince >= patience.toNanos()) {
            warned = true;
            LOG.warn(
                "group {} has had no leader for {} s and this node's Raft log of it is empty:"
                    + " either too few of its members are up, or the others committed entries and"
                    + " Ratis does not count the vote of a node with an empty log (it may have lost"
                    + " entries with its storage); the channel waits for a member that holds its"
                    + " log to return (ADR 0039)",
                group.getGroupId(),
                patience.toSeconds());
          }
          continue;
        }
        leaderlessSince = System.nanoTime();
        if (leader.equals(self)) {
          stuckSince = -1;
          continue;
        }
        long now = System.nanoTime();
        if (stuckSince < 0) {
          stuckSince = now;
        } else if (now - stuckSince >= patience.toNanos()) {
          askForAnotherLeader(leader);
          stuckSince = now;
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

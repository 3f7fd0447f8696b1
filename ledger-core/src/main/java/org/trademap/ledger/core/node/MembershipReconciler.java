package org.trademap.ledger.core.node;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftConfiguration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trademap.ledger.core.governance.ChannelMembers;

/**
 * Makes a channel's Raft configuration follow its committed members (ADR 0033). While this node
 * leads the channel, after every committed block and once a period, it compares the members that
 * governance decided with the peers of the group's configuration and, when they differ and no
 * change is under way, asks Ratis for the committed members ({@code setConfiguration}). The same
 * request again is harmless, so a failure is simply tried again, and a new leader reconciles on
 * taking office. A leader whose own organisation was removed first hands the leadership to a
 * remaining member, which then shrinks the group.
 */
final class MembershipReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(MembershipReconciler.class);

  /** What the reconciler needs of the channel's Raft division. */
  interface Raft {
    boolean isLeader();

    RaftConfiguration configuration() throws IOException;

    RaftClient client();

    /** Asks Ratis to make {@code to} the leader; true once it is. */
    boolean transferLeadership(RaftPeerId to) throws IOException;

    /**
     * Called on every round while this node does not lead: lets a node whose organisation was
     * removed from the channel leave the group (ADR 0039).
     */
    void notLeading();

    /** Called on every round, leading or not, before anything else (ADR 0039). */
    void eachRound();
  }

  private final String channel;
  private final String self;
  private final Supplier<ChannelMembers> committed;
  private final Map<String, RaftPeer> addresses;
  private final Duration period;
  private final Object wake = new Object();
  private final Thread thread;
  private boolean due;
  private volatile boolean open = true;
  private volatile @Nullable Raft raft;
  private volatile @Nullable Set<String> unreachable;

  /**
   * @param addresses the Raft peer of every organisation this node has an address for, itself
   *     included
   */
  MembershipReconciler(
      String channel,
      String self,
      Supplier<ChannelMembers> committed,
      Map<String, RaftPeer> addresses,
      Duration period) {
    this.channel = channel;
    this.self = self;
    this.committed = committed;
    this.addresses = Map.copyOf(addresses);
    this.period = period;
    this.thread =
        Thread.ofPlatform().name("ledger-membership-" + channel).daemon().unstarted(this::run);
  }

  void start(Raft r) {
    this.raft = r;
    thread.start();
  }

  /** A block was committed: it may have changed the members. */
  void nudge() {
    synchronized (wake) {
      due = true;
      wake.notifyAll();
    }
  }

  void close() {
    open = false;
    thread.interrupt();
  }

  private void run() {
    while (open) {
      try {
        synchronized (wake) {
          if (!due) {
            wake.wait(period.toMillis());
          }
          due = false;
        }
        Raft r = raft;
        if (open && r != null) {
          r.eachRound();
          if (r.isLeader()) {
            reconcile(r);
          } else {
            r.notLeading();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        if (open) {
          LOG.warn(
              "channel {}: making the Raft configuration follow the members failed; trying again:"
                  + " {}",
              channel,
              e.toString());
        }
      }
    }
  }

  /**
   * The current peers with this node's priority 0, or null if it has none (or is not among them).
   */
  private @Nullable List<RaftPeer> withoutOwnPriority(RaftConfiguration conf) {
    List<RaftPeer> peers = new ArrayList<>();
    boolean had = false;
    for (RaftPeer p : conf.getCurrentPeers()) {
      if (p.getId().toString().equals(self) && p.getPriority() > 0) {
        had = true;
        peers.add(RaftPeer.newBuilder(p).setPriority(0).build());
      } else {
        peers.add(p);
      }
    }
    return had ? peers : null;
  }

  /** One comparison, and one request to Ratis if the configuration must change. */
  void reconcile(Raft r) throws IOException {
    RaftConfiguration conf = r.configuration();
    if (!conf.getPreviousPeers().isEmpty()) {
      return; // a change is under way
    }
    Set<String> current = new TreeSet<>();
    conf.getCurrentPeers().forEach(p -> current.add(p.getId().toString()));
    List<String> members = committed.get().members();
    Set<String> wanted = new TreeSet<>(members);
    if (current.equals(wanted)) {
      return;
    }
    if (!wanted.contains(self)) {
      List<RaftPeer> unpreferred = withoutOwnPriority(conf);
      if (unpreferred != null) {
        // This node was the channel's preferred leader (ADR 0041): a leader it handed over to would
        // hand the leadership back to it. First the configuration says it is preferred no longer.
        LOG.info("channel {}: this node was removed; it gives up its leader priority", channel);
        RaftClientReply reply = r.client().admin().setConfiguration(unpreferred);
        if (!reply.isSuccess()) {
          throw new IOException("setConfiguration was refused: " + reply.getException());
        }
        return;
      }
      for (String m : members) {
        if (current.contains(m) && r.transferLeadership(RaftPeerId.valueOf(m))) {
          LOG.info("channel {}: this node was removed; it handed the leadership to {}", channel, m);
          return;
        }
      }
      return;
    }
    List<RaftPeer> peers = new ArrayList<>();
    Set<String> missing = new TreeSet<>();
    for (String m : members) {
      RaftPeer p = addresses.get(m);
      if (p == null) {
        missing.add(m);
      } else {
        peers.add(p);
      }
    }
    if (!missing.isEmpty()) {
      if (!missing.equals(unreachable)) {
        unreachable = missing;
        LOG.error(
            "channel {}: governance made {} members, but this node's configuration gives no address"
                + " for their nodes; add them to its peers",
            channel,
            missing);
      }
      return;
    }
    LOG.info(
        "channel {}: Raft configuration {} follows the committed members {}",
        channel,
        current,
        wanted);
    RaftClientReply reply = r.client().admin().setConfiguration(peers);
    if (!reply.isSuccess()) {
      throw new IOException("setConfiguration was refused: " + reply.getException());
    }
  }
}

package org.trademap.ledger.core.node;

import java.util.HashMap;
import java.util.Map;
import org.apache.ratis.protocol.RaftPeer;
import org.trademap.ledger.api.node.Genesis;

/**
 * Which member of a channel should lead its Raft group (ADR 0041): the one member that holds fewer
 * of the genesis document's channels than every other member of the channel, if there is one. In
 * trust model a that is the securities company of a relationship channel, while the consortium and
 * the notary, members of every channel, stay followers there: a leader builds, executes twice and
 * sends out every block, and members of every channel would otherwise lead about two thirds of
 * them. Where no member holds strictly fewest (model b, one channel for all), none is preferred.
 *
 * <p>Ratis carries the preference as the peer's priority: a leader hands the leadership to a
 * follower of higher priority once that follower's log is up to date, so the preferred member leads
 * whenever it runs and the others lead while it is down. The same genesis gives every node the same
 * priorities. A member added to a channel by governance gets no preference.
 */
final class LeaderPreference {
  private final Genesis genesis;
  private final Map<String, Integer> channelsHeld = new HashMap<>();

  LeaderPreference(Genesis genesis) {
    this.genesis = genesis;
    for (Genesis.Channel c : genesis.channels()) {
      for (String m : c.members()) {
        channelsHeld.merge(m, 1, Integer::sum);
      }
    }
  }

  /** 1 for the preferred leader of {@code channel}, else 0. */
  int priority(String channel, String member) {
    for (Genesis.Channel c : genesis.channels()) {
      if (!c.name().equals(channel) || !c.members().contains(member)) {
        continue;
      }
      int own = channelsHeld.getOrDefault(member, 0);
      for (String other : c.members()) {
        if (!other.equals(member) && channelsHeld.getOrDefault(other, 0) <= own) {
          return 0;
        }
      }
      return 1;
    }
    return 0;
  }

  /** {@code peer} (an address) with the priority its member has on {@code channel}. */
  RaftPeer on(String channel, RaftPeer peer) {
    int p = priority(channel, peer.getId().toString());
    return p == peer.getPriority() ? peer : RaftPeer.newBuilder(peer).setPriority(p).build();
  }
}

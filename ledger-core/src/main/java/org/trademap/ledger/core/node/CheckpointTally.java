package org.trademap.ledger.core.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The majority rule for one checkpoint height, without I/O: this node's own view and the verified
 * views of the other members who answered are counted per distinct head; a head signed by more than
 * half of the channel's members (not just of those who answered) is the majority's.
 */
final class CheckpointTally {
  private CheckpointTally() {}

  /** What the members' views at one height say about this node. */
  sealed interface Verdict {
    long height();

    /**
     * A majority signed this node's head.
     *
     * @param dissenters members (sorted) that signed another head
     */
    record Agreed(long height, List<String> dissenters) implements Verdict {
      public Agreed {
        dissenters = List.copyOf(dissenters);
      }
    }

    /**
     * A majority signed another head than this node's.
     *
     * @param majority the head they signed
     * @param signers how many members signed it
     */
    record Diverged(long height, Checkpoint.View majority, int signers) implements Verdict {}

    /** No head has a majority yet (too few answers, or a split): nothing to conclude. */
    record Undecided(long height) implements Verdict {}
  }

  /** More than half of the channel's members. */
  static int majority(int channelMembers) {
    if (channelMembers < 1) {
      throw new IllegalArgumentException("a channel has at least one member");
    }
    return channelMembers / 2 + 1;
  }

  /**
   * Judges one height.
   *
   * @param own this node's head at {@code height}
   * @param others the verified views of other members at {@code height}, by member id; this node's
   *     own id must not be among them
   * @param channelMembers how many members replicate the channel, this node included
   */
  static Verdict judge(
      long height, Checkpoint.View own, Map<String, Checkpoint.View> others, int channelMembers) {
    if (others.size() + 1 > channelMembers) {
      throw new IllegalArgumentException(
          "more views (" + (others.size() + 1) + ") than channel members (" + channelMembers + ")");
    }
    Map<Checkpoint.View, Integer> votes = new HashMap<>();
    votes.put(own, 1);
    for (Checkpoint.View v : others.values()) {
      votes.merge(v, 1, Integer::sum);
    }
    int needed = majority(channelMembers);
    for (Map.Entry<Checkpoint.View, Integer> e : votes.entrySet()) {
      if (e.getValue() < needed) {
        continue;
      }
      if (!e.getKey().equals(own)) {
        return new Verdict.Diverged(height, e.getKey(), e.getValue());
      }
      List<String> dissenters = new ArrayList<>();
      for (Map.Entry<String, Checkpoint.View> o : others.entrySet()) {
        if (!o.getValue().equals(own)) {
          dissenters.add(o.getKey());
        }
      }
      dissenters.sort(null);
      return new Verdict.Agreed(height, dissenters);
    }
    return new Verdict.Undecided(height);
  }
}

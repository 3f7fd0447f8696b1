package org.trademap.ledger.api.node;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a node learnt by comparing its signed checkpoints with the other members' of a channel.
 *
 * @param agreedHeight the highest checkpoint height at which a majority of the channel's members,
 *     this node among them, signed the same head as this node (0 = none yet)
 * @param divergedAt the checkpoint height at which a majority of the members signed a head other
 *     than this node's; null while none did. A node that diverged stops serving the channel.
 * @param dissents members whose signed head differed from the majority's (this node agreeing with
 *     the majority), at most one entry per member: the lowest height seen
 */
public record ChannelIntegrity(
    long agreedHeight, @Nullable Long divergedAt, List<Dissent> dissents) {

  /** Nothing compared yet (a one-member channel never compares). */
  public static final ChannelIntegrity UNCHECKED = new ChannelIntegrity(0, null, List.of());

  public ChannelIntegrity {
    if (agreedHeight < 0 || (divergedAt != null && divergedAt < 1)) {
      throw new IllegalArgumentException("checkpoint heights are positive");
    }
    dissents = List.copyOf(dissents);
  }

  /** Whether this node found its own head outvoted: it no longer serves the channel. */
  public boolean diverged() {
    return divergedAt != null;
  }

  /**
   * A member that signed a head the majority did not sign.
   *
   * @param member its member id
   * @param height the checkpoint height
   */
  public record Dissent(String member, long height) {}
}

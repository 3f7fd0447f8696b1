package org.trademap.ledger.core.exec;

import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.core.chain.Keys;
import org.trademap.ledger.core.governance.ChannelMembers;
import org.trademap.ledger.core.governance.GovernanceContract;

/**
 * A channel's members as committed state: the genesis list, replaced by every membership decision
 * of the governance contract (ADR 0033). Read from the state before a block, so every node and
 * every replay sees the same members at the same height.
 */
public final class ChannelMembership {
  private static final byte[] GOVERNANCE_SPACE = Keys.statePrefix(GovernanceContract.ID);

  private ChannelMembership() {}

  /**
   * The members of a channel in a state.
   *
   * @throws IllegalArgumentException if the genesis document has no such channel
   */
  public static ChannelMembers members(Genesis genesis, StateReader state, String channel) {
    byte[] raw = state.get(key(channel));
    if (raw != null) {
      return ChannelMembers.decode(raw);
    }
    return ChannelMembers.initial(
        genesis
            .channel(channel)
            .orElseThrow(
                () -> new IllegalArgumentException("no channel " + channel + " in genesis"))
            .members());
  }

  /** The store key of a channel's members. */
  static byte[] key(String channel) {
    return Keys.state(GOVERNANCE_SPACE, ChannelMembers.key(channel));
  }
}

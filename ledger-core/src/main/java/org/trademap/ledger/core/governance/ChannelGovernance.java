package org.trademap.ledger.core.governance;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the governance contract of one channel knows about it from the genesis document.
 *
 * @param channel the channel whose blocks the contract runs in
 * @param genesisMembers the channel's members before any membership decision
 * @param policy the channel's own policy {@code governance.<channel>}, if the document has one: it
 *     approves upgrades and membership changes on this channel
 * @param organisations the genesis members that may join a channel (those with a node certificate)
 */
public record ChannelGovernance(
    String channel,
    ChannelMembers genesisMembers,
    @Nullable Approvers policy,
    Set<String> organisations) {
  public ChannelGovernance {
    organisations = Set.copyOf(organisations);
  }
}

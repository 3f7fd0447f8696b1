package org.trademap.ledger.api.node;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.crypto.Hash;

/**
 * A node's view of one channel.
 *
 * @param channel the channel's name
 * @param members ids of the members whose nodes replicate it: the genesis document's list as
 *     governance changed it, as of this node's head
 * @param height height of the last block this node committed (0 = genesis only)
 * @param headHash hash of that block
 * @param stateRoot state root after that block
 * @param role this node's Raft role in the channel's group; {@code joining} while its member is not
 *     (yet) one of the channel's members, {@code removed} once governance removed it
 * @param leader the member id of the group's leader as this node knows it; null while none is known
 * @param integrity what comparing signed checkpoints with the other members showed
 */
public record ChannelStatus(
    String channel,
    List<String> members,
    long height,
    Hash headHash,
    Hash stateRoot,
    String role,
    @Nullable String leader,
    ChannelIntegrity integrity) {

  public ChannelStatus {
    members = List.copyOf(members);
  }
}

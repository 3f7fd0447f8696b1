package org.trademap.ledger.api.node;

import java.util.List;
import org.trademap.ledger.api.crypto.Hash;

/**
 * A node's view of its channels. The single-channel fields describe the default channel (the
 * genesis document's first); {@code channels} lists every channel the node holds.
 *
 * @param nodeId the member id of this node in the genesis document
 * @param channel the default channel
 * @param height height of its last committed block (0 = genesis only)
 * @param headHash hash of that block
 * @param stateRoot state root after that block
 * @param role {@code leader}, {@code follower}, {@code candidate} (or {@code listener}, {@code
 *     unknown}) in the channel's Raft group
 * @param channels every channel this node holds, the default channel first
 */
public record LedgerStatus(
    String nodeId,
    String channel,
    long height,
    Hash headHash,
    Hash stateRoot,
    String role,
    List<ChannelStatus> channels) {

  public LedgerStatus {
    channels = List.copyOf(channels);
  }
}

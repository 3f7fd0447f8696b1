package org.trademap.ledger.api.node;

import org.trademap.ledger.api.crypto.Hash;

/**
 * A node's view of its channel.
 *
 * @param nodeId the member id of this node in the genesis document
 * @param channel the channel
 * @param height height of the last committed block (0 = genesis only)
 * @param headHash hash of that block
 * @param stateRoot state root after that block
 * @param role {@code leader}, {@code follower} or {@code candidate} in the channel's Raft group
 */
public record LedgerStatus(
    String nodeId, String channel, long height, Hash headHash, Hash stateRoot, String role) {}

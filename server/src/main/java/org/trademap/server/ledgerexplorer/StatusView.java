package org.trademap.server.ledgerexplorer;

import io.swagger.v3.oas.annotations.media.Schema;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.node.LedgerStatus;

@Schema(name = "LedgerStatus", description = "This node's view of its channel.")
record StatusView(
    @Schema(description = "Member id of this node in the genesis document", example = "consortium")
        String nodeId,
    @Schema(description = "The channel (Raft group)") String channel,
    @Schema(description = "Chain id every transaction must name: SHA-256 of the genesis document")
        String chainId,
    @Schema(description = "Height of the last committed block; 0 = genesis only") long height,
    @Schema(description = "Hash of the last committed block") String headHash,
    @Schema(description = "State root after the last committed block") String stateRoot,
    @Schema(description = "Raft role of this node", example = "leader") String role) {

  static StatusView of(LedgerStatus status, Hash chainId) {
    return new StatusView(
        status.nodeId(),
        status.channel(),
        chainId.hex(),
        status.height(),
        status.headHash().hex(),
        status.stateRoot().hex(),
        status.role());
  }
}

package org.trademap.server.ledgerexplorer;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.node.ChannelStatus;
import org.trademap.ledger.api.node.LedgerStatus;

@Schema(
    name = "LedgerStatus",
    description =
        "This node's view of its channels: the default channel's fields, and every channel the"
            + " node holds.")
record StatusView(
    @Schema(description = "Member id of this node in the genesis document", example = "consortium")
        String nodeId,
    @Schema(description = "The default channel (Raft group)") String channel,
    @Schema(description = "Chain id every transaction must name: SHA-256 of the genesis document")
        String chainId,
    @Schema(description = "Height of the last committed block; 0 = genesis only") long height,
    @Schema(description = "Hash of the last committed block") String headHash,
    @Schema(description = "State root after the last committed block") String stateRoot,
    @Schema(description = "Raft role of this node", example = "leader") String role,
    @Schema(description = "Every channel this node holds, the default channel first")
        List<ChannelView> channels) {

  @Schema(name = "ChannelStatus", description = "This node's view of one channel.")
  record ChannelView(
      @Schema(description = "The channel", example = "all") String channel,
      @Schema(description = "Member ids of the organisations whose nodes replicate it")
          List<String> members,
      @Schema(description = "Height of the last block this node committed") long height,
      @Schema(description = "Hash of that block") String headHash,
      @Schema(description = "State root after that block") String stateRoot,
      @Schema(description = "This node's Raft role in the channel", example = "follower")
          String role,
      @Schema(
              description =
                  "Member id of the channel's leader as this node knows it; null while"
                      + " none is known",
              example = "consortium")
          @Nullable String leader) {

    static ChannelView of(ChannelStatus c) {
      return new ChannelView(
          c.channel(),
          c.members(),
          c.height(),
          c.headHash().hex(),
          c.stateRoot().hex(),
          c.role(),
          c.leader());
    }
  }

  static StatusView of(LedgerStatus status, Hash chainId) {
    return new StatusView(
        status.nodeId(),
        status.channel(),
        chainId.hex(),
        status.height(),
        status.headHash().hex(),
        status.stateRoot().hex(),
        status.role(),
        status.channels().stream().map(ChannelView::of).toList());
  }
}

package org.trademap.server.ledgerexplorer;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.node.ChannelIntegrity;
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
          @Nullable String leader,
      @Schema(description = "What comparing signed checkpoints with the other members showed")
          IntegrityView integrity) {

    static ChannelView of(ChannelStatus c) {
      return new ChannelView(
          c.channel(),
          c.members(),
          c.height(),
          c.headHash().hex(),
          c.stateRoot().hex(),
          c.role(),
          c.leader(),
          IntegrityView.of(c.integrity()));
    }
  }

  @Schema(
      name = "ChannelIntegrity",
      description =
          "Signed checkpoints of the channel's members compared with this node's head (ADR 0029).")
  record IntegrityView(
      @Schema(
              description =
                  "Highest checkpoint height at which a majority of the members signed this"
                      + " node's head; 0 = none yet")
          long agreedHeight,
      @Schema(
              description =
                  "Checkpoint height at which a majority signed another head than this node's:"
                      + " the node no longer serves the channel; null while none did")
          @Nullable Long divergedAt,
      @Schema(description = "Members that signed another head than the majority, lowest height")
          List<DissentView> dissents) {

    static IntegrityView of(ChannelIntegrity i) {
      return new IntegrityView(
          i.agreedHeight(),
          i.divergedAt(),
          i.dissents().stream().map(d -> new DissentView(d.member(), d.height())).toList());
    }
  }

  @Schema(name = "Dissent", description = "A member that signed another head at a height.")
  record DissentView(
      @Schema(description = "Its member id", example = "sec-1") String member,
      @Schema(description = "The checkpoint height") long height) {}

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

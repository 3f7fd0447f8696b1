package org.trademap.server.ledgerexplorer;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Base64;
import java.util.List;
import org.trademap.ledger.api.node.SubmitResult;

@Schema(name = "TransactionCommitted", description = "A transaction committed and accepted.")
record SubmitAccepted(
    @Schema(description = "Transaction id, hex") String txId,
    @Schema(description = "Height of the block that records it") long height,
    @Schema(description = "Always OK", example = "OK") String code,
    @Schema(description = "The contract's result value, base64") String value,
    @Schema(description = "Events the contract emitted") List<EventView> events) {

  static SubmitAccepted of(SubmitResult.Committed committed) {
    return new SubmitAccepted(
        committed.txId().hex(),
        committed.height(),
        committed.code().name(),
        Base64.getEncoder().encodeToString(committed.receipt().value()),
        committed.receipt().events().stream().map(EventView::of).toList());
  }
}

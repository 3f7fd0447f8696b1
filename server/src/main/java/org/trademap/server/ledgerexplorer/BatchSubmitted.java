package org.trademap.server.ledgerexplorer;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.server.ledgergateway.BatchOutcome;

@Schema(
    name = "TransactionsSubmitted",
    description = "What became of each transaction of a batch, in the order they were given.")
record BatchSubmitted(
    @Schema(description = "Transactions in the batch") int submitted,
    @Schema(description = "Of those, committed and accepted") int accepted,
    @Schema(description = "One result per transaction, in order") List<Item> results) {

  @Schema(name = "TransactionResult", description = "The outcome of one transaction of a batch.")
  record Item(
      @Schema(description = "Position in the batch, from 0") int index,
      @Schema(description = "Transaction id, hex") String txId,
      @Schema(description = "Committed and accepted by its contract") boolean accepted,
      @Schema(
              description =
                  "OK when accepted; otherwise the problem code the single submission would"
                      + " answer: ledger.contract-rejected, ledger.<validation code> such as"
                      + " ledger.nonce-reused or ledger.malformed, ledger.timeout (may still be"
                      + " committed: look it up by txId), ledger.catching-up (the node restarted"
                      + " behind and took none while it catches up: submit it again shortly, or at"
                      + " another node) or ledger.unavailable",
              example = "OK")
          String code,
      @Schema(description = "Height of the block that records it; absent if not committed")
          @Nullable Long height,
      @Schema(description = "The contract's own code, for ledger.contract-rejected")
          @Nullable String reason,
      @Schema(description = "Why it was not accepted, in words") @Nullable String detail) {}

  static BatchSubmitted of(List<BatchOutcome> outcomes) {
    List<Item> items = new ArrayList<>(outcomes.size());
    int accepted = 0;
    for (int i = 0; i < outcomes.size(); i++) {
      Item item = item(i, outcomes.get(i));
      if (item.accepted()) {
        accepted++;
      }
      items.add(item);
    }
    return new BatchSubmitted(outcomes.size(), accepted, items);
  }

  private static Item item(int index, BatchOutcome outcome) {
    String txId = outcome.txId().hex();
    return switch (outcome) {
      case BatchOutcome.TimedOut t ->
          new Item(index, txId, false, "ledger.timeout", null, null, null);
      case BatchOutcome.Unavailable u ->
          new Item(index, txId, false, "ledger.unavailable", null, null, null);
      case BatchOutcome.CatchingUp c ->
          new Item(index, txId, false, "ledger.catching-up", null, null, null);
      case BatchOutcome.Decided(SubmitResult.Refused refused) ->
          new Item(
              index,
              txId,
              false,
              LedgerRequests.problemCode(refused.code()),
              null,
              null,
              LedgerRequests.sentence(refused.message(), refused.code()));
      case BatchOutcome.Decided(SubmitResult.Committed committed) -> {
        Receipt receipt = committed.receipt();
        yield receipt.accepted()
            ? new Item(index, txId, true, "OK", committed.height(), null, null)
            : new Item(
                index,
                txId,
                false,
                LedgerRequests.problemCode(receipt.code()),
                committed.height(),
                receipt.reason().isEmpty() ? null : receipt.reason(),
                LedgerRequests.sentence(receipt.message(), receipt.code()));
      }
    };
  }
}

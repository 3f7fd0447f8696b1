package org.trademap.server.ledgerexplorer;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.node.TransactionRecord;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.Transaction;

@Schema(
    name = "Transaction",
    description = "A transaction as recorded in a block, with its receipt.")
record TransactionView(
    @Schema(description = "Transaction id: SHA-256 of the signed bytes, hex") String txId,
    @Schema(description = "Height of the block that records it") long height,
    @Schema(description = "Position in the block, from 0") int index,
    @Schema(description = "Contract id", example = "kyc-registry") String contractId,
    @Schema(description = "Contract version the signer expected") int contractVersion,
    @Schema(description = "Contract method", example = "register") String method,
    @Schema(description = "Method arguments in the contract's encoding, base64") String args,
    @Schema(description = "Signer's Ed25519 public key, base64") String signer,
    @Schema(description = "Signer's nonce") long nonce,
    @Schema(description = "When the signer made it, ISO-8601 UTC") String timestamp,
    @Schema(description = "When the signer made it, Unix epoch milliseconds") long timestampMillis,
    @Schema(description = "Signature over the body, hex") String signature,
    @Schema(description = "Validation code; OK when the contract accepted it", example = "OK")
        String code,
    @Schema(description = "For CONTRACT_REJECTED the contract's own code, otherwise empty")
        String reason,
    @Schema(description = "One sentence for people; empty when accepted") String message,
    @Schema(description = "The contract's result value when accepted, base64") String value,
    @Schema(description = "Events the contract emitted (only when accepted)")
        List<EventView> events) {

  static TransactionView of(TransactionRecord record) {
    return of(record.height(), record.index(), record.transaction(), record.receipt());
  }

  static TransactionView of(long height, int index, SignedTransaction signed, Receipt receipt) {
    Transaction body = signed.body();
    Base64.Encoder base64 = Base64.getEncoder();
    return new TransactionView(
        receipt.txId().hex(),
        height,
        index,
        body.contractId(),
        body.contractVersion(),
        body.method(),
        base64.encodeToString(body.args()),
        body.signer().base64(),
        body.nonce(),
        Instant.ofEpochMilli(body.timestampMillis()).toString(),
        body.timestampMillis(),
        signed.signature().toString(),
        receipt.code().name(),
        receipt.reason(),
        receipt.message(),
        base64.encodeToString(receipt.value()),
        receipt.events().stream().map(EventView::of).toList());
  }
}

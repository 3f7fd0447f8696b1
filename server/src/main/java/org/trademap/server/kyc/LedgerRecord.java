package org.trademap.server.kyc;

import org.trademap.server.ledgergateway.outbox.OutboxStatus;

/** Where a ledger transaction of the KYC file stands. */
public sealed interface LedgerRecord {

  /** Waiting to be recorded. */
  record Pending() implements LedgerRecord {}

  /**
   * Recorded on the ledger and accepted.
   *
   * @param txId the transaction id, 64 hex digits
   * @param height the block that holds it
   */
  record Recorded(String txId, long height) implements LedgerRecord {
    /** The transaction's page in the ledger explorer. */
    public String explorerPath() {
      return "/explorer/transactions/" + txId;
    }
  }

  /**
   * Refused for good.
   *
   * @param code the ledger's validation code, e.g. {@code CONTRACT_REJECTED}
   * @param reason the contract's own code, e.g. {@code kyc.subject-exists}; may be empty
   */
  record Rejected(String code, String reason) implements LedgerRecord {}

  /** The record of an outbox entry's status. */
  static LedgerRecord of(OutboxStatus status) {
    return switch (status) {
      case OutboxStatus.Pending p -> new Pending();
      case OutboxStatus.Committed c -> new Recorded(c.txId().hex(), c.height());
      case OutboxStatus.Rejected r -> new Rejected(r.code(), r.reason());
    };
  }
}

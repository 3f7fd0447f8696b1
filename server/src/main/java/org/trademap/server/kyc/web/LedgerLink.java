package org.trademap.server.kyc.web;

import org.jspecify.annotations.Nullable;
import org.trademap.server.kyc.LedgerRecord;

/**
 * A ledger transaction of the KYC file as the pages show it.
 *
 * @param state {@code pending}, {@code recorded} or {@code rejected} (message {@code
 *     pages.ledger.<state>})
 * @param txId the transaction id once recorded, else null
 * @param height the block that holds it once recorded, else 0
 * @param explorer the transaction's page in the ledger explorer once recorded, else null
 * @param code why the ledger refused it (its validation code and the contract's reason), else null
 */
record LedgerLink(
    String state,
    @Nullable String txId,
    long height,
    @Nullable String explorer,
    @Nullable String code) {

  /** The view of a record. */
  static LedgerLink of(LedgerRecord record) {
    return switch (record) {
      case LedgerRecord.Pending p -> new LedgerLink("pending", null, 0, null, null);
      case LedgerRecord.Recorded r ->
          new LedgerLink("recorded", r.txId(), r.height(), r.explorerPath(), null);
      case LedgerRecord.Rejected r ->
          new LedgerLink(
              "rejected",
              null,
              0,
              null,
              r.reason().isEmpty() ? r.code() : r.code() + " " + r.reason());
    };
  }

  /** Whether the pages should keep asking for news (htmx polling). */
  boolean pending() {
    return state.equals("pending");
  }
}

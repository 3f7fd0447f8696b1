package org.trademap.server.checks;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.trademap.server.ledgergateway.outbox.Outbox;
import org.trademap.server.ledgergateway.outbox.OutboxStatus;

/**
 * Where a ledger record of the back office stands, from its outbox entry.
 *
 * @param state {@code pending}, {@code recorded} or {@code rejected}
 * @param txId the transaction, once recorded (64 hex digits)
 * @param code when rejected: the ledger's or the contract's code
 */
record LedgerState(String state, @Nullable String txId, @Nullable String code) {

  /** The record under the outbox key, or empty if there is none. */
  static Optional<LedgerState> of(Outbox outbox, @Nullable String key) {
    if (key == null) {
      return Optional.empty();
    }
    return Optional.of(
        outbox
            .find(key)
            .map(
                entry ->
                    switch (entry.status()) {
                      case OutboxStatus.Pending p -> new LedgerState("pending", null, null);
                      case OutboxStatus.Committed c ->
                          new LedgerState("recorded", c.txId().hex(), null);
                      case OutboxStatus.Rejected r ->
                          new LedgerState(
                              "rejected", null, r.reason().isEmpty() ? r.code() : r.reason());
                    })
            .orElseGet(() -> new LedgerState("pending", null, null)));
  }

  /** The transaction's page in the ledger explorer, once recorded. */
  public @Nullable String explorerPath() {
    return txId == null ? null : "/explorer/transactions/" + txId;
  }
}

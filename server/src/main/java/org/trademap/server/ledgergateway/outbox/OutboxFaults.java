package org.trademap.server.ledgergateway.outbox;

/**
 * Where tests make the dispatcher fail, to show that a crash there leaves nothing half done. The
 * server has no such bean; a test registers one.
 */
interface OutboxFaults {

  /** The points of the dispatch of one entry. */
  enum Point {
    /** The signed transaction is stored in the entry; it was not submitted by this attempt. */
    BEFORE_SUBMIT,
    /** The ledger committed the transaction; the entry is not marked yet. */
    AFTER_COMMIT
  }

  /** Called at {@code point} while dispatching the entry with sequence number {@code seq}. */
  void at(Point point, long seq);
}

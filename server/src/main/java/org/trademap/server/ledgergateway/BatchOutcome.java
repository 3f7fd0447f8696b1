package org.trademap.server.ledgergateway;

import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.node.SubmitResult;

/** What became of one transaction of a batch submission ({@link LedgerGateway#submitAll}). */
public sealed interface BatchOutcome {
  /** The transaction's id: the SHA-256 of its bytes. */
  Hash txId();

  /** Committed (accepted or rejected by its contract) or refused before ordering. */
  record Decided(SubmitResult result) implements BatchOutcome {
    @Override
    public Hash txId() {
      return result.txId();
    }
  }

  /** Not decided within the submit timeout; it may still be committed. */
  record TimedOut(Hash txId) implements BatchOutcome {}

  /** The node could not take or process it (e.g. it stopped while the batch was submitted). */
  record Unavailable(Hash txId) implements BatchOutcome {}

  /**
   * The node refused it while it catches up after a restart far behind; nothing was submitted, and
   * it can be submitted again shortly, here or at another node.
   */
  record CatchingUp(Hash txId) implements BatchOutcome {}
}

package org.trademap.ledger.api.node;

import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.tx.ValidationCode;

/** What became of a submitted transaction. */
public sealed interface SubmitResult {

  /** The transaction id (SHA-256 of the signed bytes). */
  Hash txId();

  /** The ledger's code: {@link ValidationCode#OK} only for a committed, accepted transaction. */
  ValidationCode code();

  /** Recorded in a committed block; the receipt says whether the contract accepted it. */
  record Committed(Hash txId, long height, Receipt receipt) implements SubmitResult {
    @Override
    public ValidationCode code() {
      return receipt.code();
    }
  }

  /**
   * Refused before ordering (bad bytes, bad signature, replay, ...); nothing was recorded.
   *
   * @param message one sentence for people
   */
  record Refused(Hash txId, ValidationCode code, String message) implements SubmitResult {}
}

package org.trademap.ledger.core.node;

/**
 * The node cannot take or finish a submission now (queue full, no leader, closed, diverged). The
 * outcome of the transaction is unknown only if it was already handed to Raft; resubmitting the
 * same bytes is safe (the id makes it idempotent). {@link LedgerCatchingUpException} is the one
 * cause that is known to pass shortly: the node restarted behind and is catching up.
 */
public sealed class LedgerUnavailableException extends RuntimeException
    permits LedgerCatchingUpException {
  private static final long serialVersionUID = 1L;

  public LedgerUnavailableException(String message) {
    super(message);
  }

  public LedgerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

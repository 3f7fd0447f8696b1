package org.trademap.ledger.core.node;

/** The stored ledger failed verification; the node refuses to serve it. */
public final class LedgerIntegrityException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long height;

  public LedgerIntegrityException(long height, String problem) {
    super("ledger integrity check failed at height " + height + ": " + problem);
    this.height = height;
  }

  /** The first height that failed. */
  public long height() {
    return height;
  }
}

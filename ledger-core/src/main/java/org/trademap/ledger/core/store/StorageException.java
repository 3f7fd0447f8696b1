package org.trademap.ledger.core.store;

/** The store failed (I/O, corruption, closed). Infrastructure fault, not a business outcome. */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}

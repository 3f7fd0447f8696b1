package org.trademap.server.ledgergateway;

/**
 * The ledger node cannot serve the request (closed, shutting down or failed). {@link
 * LedgerCatchingUpException} is the one cause known to pass shortly.
 */
public sealed class LedgerUnavailableException extends RuntimeException
    permits LedgerCatchingUpException {
  private static final long serialVersionUID = 1L;

  LedgerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

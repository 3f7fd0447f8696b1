package org.trademap.server.ledgergateway;

/** The ledger node cannot serve the request (closed, shutting down or failed). */
public final class LedgerUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LedgerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

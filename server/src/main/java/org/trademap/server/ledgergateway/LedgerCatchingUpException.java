package org.trademap.server.ledgergateway;

/**
 * The ledger node restarted far behind and refuses submissions until it has caught up (ADR 0039).
 * Nothing was submitted: submit again in a few seconds, here or at another node. Unlike the other
 * causes of {@link LedgerUnavailableException}, the node is not down.
 */
public final class LedgerCatchingUpException extends LedgerUnavailableException {
  private static final long serialVersionUID = 1L;

  LedgerCatchingUpException(String message, Throwable cause) {
    super(message, cause);
  }
}

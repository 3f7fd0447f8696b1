package org.trademap.server.ledgergateway;

import java.time.Duration;
import org.trademap.ledger.api.crypto.Hash;

/**
 * A submission whose outcome was not known within {@code trademap.ledger.submit-timeout}. The
 * transaction may still be committed: look it up by {@link #txId()}.
 */
public final class SubmitTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Hash txId;

  SubmitTimeoutException(Hash txId, Duration timeout) {
    super("no outcome for transaction " + txId + " within " + timeout);
    this.txId = txId;
  }

  public Hash txId() {
    return txId;
  }
}

package org.trademap.server.ledgergateway;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.trademap.ledger.core.node.LedgerIntegrityException;

/**
 * Explains a start-up refused because the stored ledger failed verification, instead of a stack
 * trace.
 */
class LedgerIntegrityFailureAnalyzer extends AbstractFailureAnalyzer<LedgerIntegrityException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, LedgerIntegrityException cause) {
    return new FailureAnalysis(
        "The ledger in trademap.data-dir failed verification at height "
            + cause.height()
            + ", so this node refuses to serve it. "
            + cause.getMessage(),
        "Do not serve this ledger. Run `trademap ledger verify --data <data-dir>` to see what is"
            + " wrong, then restore the data directory from a backup or another member's copy.",
        cause);
  }
}

package org.trademap.server.ledgergateway;

/**
 * The gateway's failures as {@link LedgerGateway} throws them, for tests of the modules that answer
 * them (their constructors are the gateway's own).
 */
public final class GatewayFailures {
  private GatewayFailures() {}

  /** A submission refused because the node catches up after its start. */
  public static LedgerUnavailableException catchingUp() {
    return new LedgerCatchingUpException(
        "the ledger node is catching up after its start and takes no submissions yet",
        new org.trademap.ledger.core.node.LedgerCatchingUpException(
            "channel consortium is catching up after its start (applied Raft index 10 of 200)"));
  }

  /** A submission the node cannot take because it is closed. */
  public static LedgerUnavailableException unavailable() {
    return new LedgerUnavailableException(
        "the ledger node does not take submissions",
        new org.trademap.ledger.core.node.LedgerUnavailableException("the node is closed"));
  }
}

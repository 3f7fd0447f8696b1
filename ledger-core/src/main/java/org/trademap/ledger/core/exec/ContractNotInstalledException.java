package org.trademap.ledger.core.exec;

/**
 * The chain needs a contract version this node does not have: the genesis document names it, or the
 * governance policy scheduled it. The node cannot execute the chain on from here and must stop
 * until the version is installed; every other node carries on.
 */
public final class ContractNotInstalledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ContractNotInstalledException(String message) {
    super(message);
  }
}

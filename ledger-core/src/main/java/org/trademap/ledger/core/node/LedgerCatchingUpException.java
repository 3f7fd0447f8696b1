package org.trademap.ledger.core.node;

/**
 * The node restarted far behind and refuses submissions until it has applied the leader's commit
 * index as it first learned it after its start (ADR 0039). Nothing was handed to Raft: the same
 * bytes can be submitted again shortly, here or at another node. Unlike the other causes of {@link
 * LedgerUnavailableException}, the node is not down.
 */
public final class LedgerCatchingUpException extends LedgerUnavailableException {
  private static final long serialVersionUID = 1L;

  /**
   * A refusal while catching up.
   *
   * @param message which channel, and how far it has applied of what it must apply
   */
  public LedgerCatchingUpException(String message) {
    super(message);
  }
}

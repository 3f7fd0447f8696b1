package org.trademap.ledger.api.tx;

/**
 * Why a transaction was accepted or rejected. The names are stable API: they appear in receipts,
 * over HTTP and in logs, and every node computes the same code for the same transaction. Checks run
 * in the order of this enum, so the first failing check names the code.
 */
public enum ValidationCode {
  /** Executed; its effects are in the state. */
  OK("accepted"),
  /** The bytes are not a canonical transaction. */
  MALFORMED("the bytes are not a canonical transaction"),
  /** Signed for another chain (genesis). */
  WRONG_CHAIN("the transaction names another chain"),
  /** Signed for a channel this node does not order. */
  WRONG_CHANNEL("the transaction names a channel this ledger does not hold"),
  /** The signature does not verify (or is non-canonical, or the key is invalid). */
  BAD_SIGNATURE("the signature does not verify against the signer's key"),
  /** The signer is not a member of the chain. */
  UNKNOWN_SIGNER("the signer is not a member of this channel"),
  /** The very same signed transaction was already submitted. */
  DUPLICATE("this transaction was already recorded"),
  /** The timestamp is too far behind or ahead of the block time (or node clock on submit). */
  TIMESTAMP_OUT_OF_WINDOW("the transaction time is outside the accepted window"),
  /**
   * The signer already used the nonce, or it is too far below the signer's highest nonce (outside
   * its anti-replay window, ADR 0027); either way it is not above the highest.
   */
  NONCE_REUSED("the nonce is not above the signer's last nonce"),
  /** No contract with that id is deployed. */
  UNKNOWN_CONTRACT("no contract with that id is deployed"),
  /**
   * The transaction requires a version of the contract above the one active at its height (its
   * {@code contractVersion} is the lowest version it accepts).
   */
  WRONG_CONTRACT_VERSION("the transaction requires a later version of the contract"),
  /**
   * On submit only: a governance transaction names a contract version this node does not have
   * installed; its organisation installs it first. Never in a receipt (it would differ between
   * nodes).
   */
  CONTRACT_NOT_INSTALLED("this node does not have the contract version installed"),
  /** The contract refused; the receipt carries the contract's own code and sentence. */
  CONTRACT_REJECTED("the contract rejected the transaction");

  private final String description;

  ValidationCode(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}

package org.trademap.ledger.api.contract;

/**
 * A deterministic smart contract, registered by {@link #id()} and {@link #version()}.
 *
 * <p>Implementations must be pure functions of their context: no clocks, randomness, threads, I/O
 * or reflection (the node refuses classes that use them). Unexpected exceptions are bugs: the node
 * records the transaction as rejected with code {@code contract.failed}.
 */
public interface Contract {

  /** Stable identifier, 1–64 characters of [a-z0-9._-]. */
  String id();

  /** Version, starting at 1. */
  int version();

  /** Executes one transaction. Writes made before a rejection are discarded. */
  Outcome invoke(ContractContext context);
}

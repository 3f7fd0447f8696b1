/**
 * The TradeMap ledger engine: storage, deterministic block execution, the Apache Ratis state
 * machine, the node, chain verification and the contract determinism check. No framework.
 */
@NullMarked
package org.trademap.ledger.core;

import org.jspecify.annotations.NullMarked;

/**
 * Deterministic block execution: the validation rules every node applies to every transaction (in
 * the order of {@link org.trademap.ledger.api.tx.ValidationCode}), contract invocation over an
 * overlay of the state, receipts, and the state root. Pure: no clock, no I/O; time comes in as the
 * block time.
 */
@NullMarked
package org.trademap.ledger.core.exec;

import org.jspecify.annotations.NullMarked;

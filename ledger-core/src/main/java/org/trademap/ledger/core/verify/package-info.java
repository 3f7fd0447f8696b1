/**
 * Re-verification of a stored chain from genesis: hash links, Merkle roots, proposer and
 * transaction signatures, block times, and the state root by replaying every block. Used by {@code
 * bin/trademap ledger verify} and by every node before it serves.
 */
@NullMarked
package org.trademap.ledger.core.verify;

import org.jspecify.annotations.NullMarked;

/**
 * Blocks: many transactions ordered as one Raft entry. A block header links to the previous
 * header's hash, commits to its transactions, their receipts and the resulting state with Merkle
 * and state roots, and is signed by its proposer, so stored blocks cannot be rewritten unnoticed.
 */
@NullMarked
package org.trademap.ledger.api.block;

import org.jspecify.annotations.NullMarked;

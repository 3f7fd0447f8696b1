/**
 * The chain as stored: blocks by height, the transaction index, per-signer nonces, contract state,
 * the head and the last applied Raft index, laid out over one {@link
 * org.trademap.ledger.core.store.KeyValueStore}. One block's effects are one atomic batch.
 */
@NullMarked
package org.trademap.ledger.core.chain;

import org.jspecify.annotations.NullMarked;

/**
 * A ledger node: the Apache Ratis server hosting the channel's Raft group, the leader's block
 * builder, the state machine that applies blocks, key and genesis files, and block subscriptions.
 * {@link org.trademap.ledger.core.node.LedgerNode} is the entry point.
 */
@NullMarked
package org.trademap.ledger.core.node;

import org.jspecify.annotations.NullMarked;

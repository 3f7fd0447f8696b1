/**
 * The ledger as an application sees it: submit signed transactions, read status, blocks and
 * transactions, and subscribe to committed blocks from a resume position. Implemented by {@code
 * org.trademap.ledger.core.node.LedgerNode}.
 */
@NullMarked
package org.trademap.ledger.api.node;

import org.jspecify.annotations.NullMarked;

package org.trademap.ledger.api.node;

import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.tx.SignedTransaction;

/**
 * A transaction as recorded in a block.
 *
 * @param height the block
 * @param index position in the block
 * @param transaction the signed transaction
 * @param receipt its validation code, contract result and events
 */
public record TransactionRecord(
    long height, int index, SignedTransaction transaction, Receipt receipt) {}

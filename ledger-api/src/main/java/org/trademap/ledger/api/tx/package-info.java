/**
 * Transactions: the signed unit a member submits. The body's canonical bytes are what is signed;
 * the transaction id is the SHA-256 of the signed bytes (body and signature).
 */
@NullMarked
package org.trademap.ledger.api.tx;

import org.jspecify.annotations.NullMarked;

/**
 * The ledger explorer: the REST API under {@code /api/v1/ledger} (status, blocks, transactions,
 * submission of signed transactions) and the pages under {@code /explorer}. It reads and submits
 * through {@link org.trademap.server.ledgergateway.LedgerGateway} only.
 *
 * <p>On the wire, hashes and signatures are lowercase hex, public keys and opaque bytes (arguments,
 * result values, event data) are base64, and times are ISO-8601 UTC with the epoch milliseconds
 * beside them.
 */
@NullMarked
package org.trademap.server.ledgerexplorer;

import org.jspecify.annotations.NullMarked;

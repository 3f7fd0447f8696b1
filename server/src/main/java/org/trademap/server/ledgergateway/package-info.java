/**
 * The only part of the server that talks to the ledger. It starts the embedded ledger node from
 * {@code trademap.*} configuration, closes it on shutdown, reports its health under {@code
 * /actuator/health} and offers the rest of the server {@link
 * org.trademap.server.ledgergateway.LedgerGateway}: reads, and submissions that wait for their
 * outcome. {@link org.trademap.server.ledgergateway.LedgerCommands} runs the ledger's command line.
 */
@NullMarked
package org.trademap.server.ledgergateway;

import org.jspecify.annotations.NullMarked;

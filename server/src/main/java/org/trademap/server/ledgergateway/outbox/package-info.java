/**
 * The ledger outbox: a ledger transaction the server means to record is enqueued in the same
 * database transaction as the rows that imply it ({@link
 * org.trademap.server.ledgergateway.outbox.Outbox#enqueue}), and one dispatcher thread records it
 * on the ledger with exactly-once effect, signed by this node's consortium key. Callers read each
 * entry's {@link org.trademap.server.ledgergateway.outbox.OutboxStatus} by its idempotency key.
 *
 * <p>Exactly once: the signed bytes are stored before they are submitted and the same bytes are
 * submitted again after a crash, so the ledger's duplicate check makes a second submission
 * harmless; an entry is re-signed only when its stored transaction provably can never commit (see
 * ADR 0012).
 */
@NullMarked
@NamedInterface("outbox")
package org.trademap.server.ledgergateway.outbox;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;

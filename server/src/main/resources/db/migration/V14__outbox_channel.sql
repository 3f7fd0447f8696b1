-- The channel of each ledger outbox entry (package org.trademap.server.ledgergateway.outbox, ADR
-- 0034). Portable SQL: runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
-- channel = the channel the entry's transaction names and is submitted to; NULL = the node's
--           default channel (every row written before this column, and callers that name none).
--           A channel this node does not hold rejects the entry (reject_code WRONG_CHANNEL).
ALTER TABLE ledger_outbox ADD COLUMN channel VARCHAR(64);

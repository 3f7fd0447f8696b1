package org.trademap.server.ledgergateway.outbox;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One ledger transaction the server means to record.
 *
 * @param seq the entry's position: entries are recorded in this order
 * @param idempotencyKey the caller's key; unique
 * @param channel the channel its transaction names, or null for the node's default channel
 * @param contractId the contract to invoke
 * @param contractVersion the contract version expected to run it
 * @param method the contract method
 * @param status where it stands
 * @param createdAt when it was enqueued
 */
public record OutboxEntry(
    long seq,
    String idempotencyKey,
    @Nullable String channel,
    String contractId,
    int contractVersion,
    String method,
    OutboxStatus status,
    Instant createdAt) {}

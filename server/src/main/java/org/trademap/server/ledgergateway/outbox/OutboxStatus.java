package org.trademap.server.ledgergateway.outbox;

import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.crypto.Hash;

/** Where an outbox entry stands. */
public sealed interface OutboxStatus {

  /**
   * Not recorded yet: waiting for its turn, for the ledger, or for the commit of a submitted
   * transaction.
   *
   * @param txId the transaction signed for it so far, or {@code null} before it was signed; it may
   *     still change if that transaction provably can never commit
   */
  record Pending(@Nullable Hash txId) implements OutboxStatus {}

  /**
   * Recorded and accepted by the contract. Final.
   *
   * @param txId the transaction that recorded it
   * @param height the block that holds it
   */
  record Committed(Hash txId, long height) implements OutboxStatus {}

  /**
   * Refused for good: by the contract or by a ledger check that does not pass by trying again.
   * Final; the dispatcher does not retry it.
   *
   * @param code the ledger's {@link org.trademap.ledger.api.tx.ValidationCode} name, e.g. {@code
   *     CONTRACT_REJECTED} or {@code UNKNOWN_SIGNER}
   * @param reason for {@code CONTRACT_REJECTED} the contract's own code (e.g. {@code
   *     kyc.subject-exists}); otherwise empty
   * @param message one sentence for people, from the ledger or the contract
   * @param txId the refused transaction when a block recorded it, else {@code null}
   * @param height the block that recorded the refusal, else {@code null}
   */
  record Rejected(
      String code, String reason, String message, @Nullable Hash txId, @Nullable Long height)
      implements OutboxStatus {}
}

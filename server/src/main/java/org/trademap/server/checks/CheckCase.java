package org.trademap.server.checks;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.trademap.server.kyc.SubjectRef;

/**
 * The case of one submitted KYC file.
 *
 * @param id the case
 * @param accountId the account whose file it is
 * @param ref the subject's reference on the ledger
 * @param fileRevision the file revision submitted
 * @param openedAt when the file was submitted
 * @param state open or decided
 * @param decisionRound how many decisions were made
 * @param reopenedAt the latest re-KYC, or null
 * @param reopenReason why, or null
 */
record CheckCase(
    UUID id,
    UUID accountId,
    SubjectRef ref,
    int fileRevision,
    Instant openedAt,
    CaseState state,
    int decisionRound,
    @Nullable Instant reopenedAt,
    @Nullable ReopenReason reopenReason) {

  /** The case as decided. */
  CheckCase decided(CaseState.Decided decided) {
    return new CheckCase(
        id,
        accountId,
        ref,
        fileRevision,
        openedAt,
        decided,
        decisionRound + 1,
        reopenedAt,
        reopenReason);
  }

  /** The case open again for a re-KYC, keeping its last decision as the previous one. */
  CheckCase reopened(ReopenReason reason, Instant at) {
    CaseState.Decided previous =
        switch (state) {
          case CaseState.Decided d -> d;
          case CaseState.Open open -> open.previous();
        };
    return new CheckCase(
        id,
        accountId,
        ref,
        fileRevision,
        openedAt,
        new CaseState.Open(previous),
        decisionRound,
        at,
        reason);
  }
}

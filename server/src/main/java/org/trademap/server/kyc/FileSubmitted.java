package org.trademap.server.kyc;

import java.time.Instant;
import java.util.UUID;
import org.trademap.server.accounts.AccountKind;

/**
 * An account submitted its KYC file: published by {@link KycFiles#submit} inside the database
 * transaction that marks the file submitted and enqueues its registration, so a listener that
 * writes to the database (the back office opens a case) commits or rolls back with the submission.
 * Only the first submission publishes it; submitting again does not. It carries ids only, never
 * personal data.
 *
 * @param ref the subject's pseudonymous reference on the ledger
 * @param accountId the account that submitted
 * @param kind person or legal entity
 * @param revision the file revision submitted
 * @param submittedAt when
 */
public record FileSubmitted(
    SubjectRef ref, UUID accountId, AccountKind kind, int revision, Instant submittedAt) {}

package org.trademap.server.kyc;

import java.time.Instant;
import java.util.UUID;

/**
 * A user changed personal data after submitting their KYC file, so that its commitment changed:
 * published by {@link KycFiles#save} inside the transaction that saves the change and enqueues the
 * new commitment; a listener that acts after the commit (the back office reopens checks) uses
 * {@code @TransactionalEventListener}. It carries ids only, never personal data.
 *
 * @param ref the subject's pseudonymous reference on the ledger
 * @param accountId the account
 * @param revision the file revision that holds the change
 * @param changedAt when
 */
public record PersonalDataChanged(
    SubjectRef ref, UUID accountId, int revision, Instant changedAt) {}

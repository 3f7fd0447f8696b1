package org.trademap.server.checks;

import java.time.Instant;
import java.util.UUID;
import org.trademap.server.kyc.SubjectRef;

/**
 * The back office approved or rejected a person's KYC case: published by {@link Casework} inside
 * the transaction that records the decision, so a listener that acts on it after the commit uses
 * {@code @TransactionalEventListener}. A round above 1 is a finished re-KYC. Asking for information
 * does not publish it. It carries ids only, never personal data.
 *
 * @param ref the subject's pseudonymous reference on the ledger
 * @param accountId the account
 * @param approved approved, or rejected
 * @param round how many decisions the case has had, this one included
 * @param decidedAt when
 */
public record KycCaseDecided(
    SubjectRef ref, UUID accountId, boolean approved, int round, Instant decidedAt) {}

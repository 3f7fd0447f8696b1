package org.trademap.server.kyc;

import java.time.Instant;
import java.util.UUID;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.vault.SubjectId;

/**
 * The person or company an account's KYC file is about.
 *
 * @param id the vault's id of the subject; never leaves the server
 * @param accountId the account that provides the data
 * @param ref the reference the ledger knows the subject by
 * @param kind person or legal entity, as the account
 * @param createdAt when the subject was first used
 */
public record Subject(
    SubjectId id, UUID accountId, SubjectRef ref, AccountKind kind, Instant createdAt) {}

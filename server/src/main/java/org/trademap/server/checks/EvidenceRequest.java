package org.trademap.server.checks;

import java.util.UUID;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.server.kyc.SubjectRef;

/**
 * Which task a {@link CheckEvidence} is asked about.
 *
 * @param caseId the case
 * @param taskId the task
 * @param process its check
 * @param ref the subject's reference
 * @param accountId the account whose KYC file it is (to read its documents and data)
 */
public record EvidenceRequest(
    UUID caseId, UUID taskId, CheckProcess process, SubjectRef ref, UUID accountId) {}

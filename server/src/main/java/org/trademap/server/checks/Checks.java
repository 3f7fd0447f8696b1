package org.trademap.server.checks;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.server.kyc.SubjectRef;

/**
 * The back office as the rest of the server uses it: the check-specific parts (document judgment,
 * screening, residence confirmation) and the re-KYC triggers (document expiry, a change of personal
 * data, a new list hit on re-screening).
 *
 * <p>A case opens by itself when a user submits their KYC file ({@link
 * org.trademap.server.kyc.FileSubmitted}), with one open task per common check. Parts show their
 * evidence through {@link CheckEvidence} beans and propose results with {@link #propose}; the
 * operator completes the task.
 */
@Service
public class Checks {
  private static final Pattern PART_ACTION = Pattern.compile("[a-z0-9][a-z0-9.-]{0,47}");
  private final Casework casework;
  private final KycKeys keys;

  Checks(Casework casework, KycKeys keys) {
    this.casework = casework;
    this.keys = keys;
  }

  /**
   * Reopens checks of a subject's case (re-KYC): each named check goes back to the queue with the
   * reason (first in the queue: re-KYC has priority), and a decided case is open again. The user
   * sees on My Page that their checks were reopened and why. The case's earlier decision stays in
   * its history and on the ledger; the user's KYC key stays valid unless a new decision rejects.
   * Audit-logged as an action of the server.
   *
   * @param ref the subject
   * @param processes the checks to reopen: at least one, not {@link CheckProcess#APPROVAL}
   * @param reason why
   * @return the case, or empty if the subject's file was never submitted
   * @throws IllegalArgumentException if {@code processes} is empty or names the approval
   */
  public Optional<UUID> reopen(SubjectRef ref, Set<CheckProcess> processes, ReopenReason reason) {
    return casework.reopen(null, ref, processes, reason).map(CheckCase::id);
  }

  /**
   * Proposes a result for the subject's task of a check, while the task is open or claimed: the
   * case page shows it and pre-fills the operator's form with it; a high-risk proposal puts the
   * task first in the queue and pre-ticks its high-risk flag (so a confirmation needs a
   * supervisor). A later proposal replaces an earlier one. Nothing is recorded on the ledger until
   * an operator completes the task.
   *
   * @return whether it was stored: false if the subject has no case or the task is completed
   */
  public boolean propose(SubjectRef ref, CheckProcess process, Proposal proposal) {
    return casework.propose(ref, process, proposal);
  }

  /**
   * Where the subject's case stands, for the check-specific parts.
   *
   * @return empty if the subject's file was never submitted
   */
  public Optional<CaseSummary> caseOf(SubjectRef ref) {
    return casework.caseOfSubject(ref).map(Checks::summary);
  }

  /**
   * Appends a staff action of a check-specific part to the back office's audit log (who, what, when
   * in UTC; never personal data), in the caller's transaction if there is one. Supervisors read it
   * with the back office's own actions.
   *
   * @param staff the staff account that acted, or null for the server itself
   * @param action a stable code that starts with the part's name, e.g. {@code
   *     screening.hit.true-positive}: 1 to 48 characters of {@code [a-z0-9.-]}
   * @param ref the subject acted on, if any: the entry names its case and account
   * @param process the check acted on, if any: the entry names the case's task of it
   * @throws IllegalArgumentException if the code is malformed
   */
  public void audit(
      @Nullable UUID staff,
      String action,
      @Nullable SubjectRef ref,
      @Nullable CheckProcess process) {
    if (!PART_ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException("an audited action is a code of [a-z0-9.-]{1,48}");
    }
    casework.recordPartAction(staff, action, ref, process);
  }

  /** Whether {@code presented} is the subject's current KYC key (not revoked). */
  public boolean keyMatches(SubjectRef ref, @Nullable String presented) {
    return keys.matches(ref, presented);
  }

  /**
   * A case in brief.
   *
   * @param caseId the case
   * @param accountId the account whose file it is
   * @param open whether its checks are being worked (not decided)
   */
  public record CaseSummary(UUID caseId, UUID accountId, boolean open) {}

  private static CaseSummary summary(CheckCase c) {
    return new CaseSummary(c.id(), c.accountId(), c.state() instanceof CaseState.Open);
  }
}

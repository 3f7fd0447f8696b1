package org.trademap.server.checks;

import java.util.Optional;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.contracts.kyc.CheckResult;

/**
 * A check-specific part's say on completing the task of its {@link #process()}: before an
 * operator's completion is recorded, the back office asks every guard of the task's check and
 * refuses the completion if one objects (e.g. screening while list hits wait for a verdict). It
 * runs in the operator's request, before the case is locked; it may do the check's own work that is
 * still missing (screen a subject not screened yet) but must not change the case.
 */
public interface CompletionGuard {

  /** The check this part guards. */
  CheckProcess process();

  /**
   * Whether the part objects to completing the task with this result.
   *
   * @param request which case, task and subject
   * @param result the result the operator asks for
   * @param highRisk whether the operator flagged it high-risk (so a supervisor must approve)
   * @return the objection, or empty to let the completion go ahead
   */
  Optional<Objection> object(EvidenceRequest request, CheckResult result, boolean highRisk);

  /** Why a part refuses a completion; each is a stable problem code of the back office. */
  enum Objection {
    /** The check has findings that wait for a verdict (e.g. undisposed list hits): not passed. */
    FINDINGS_OPEN,
    /** A confirmed finding (a list hit, a PEP) makes the result high-risk: four eyes. */
    HIGH_RISK_REQUIRED,
    /** The check's own work is not done yet (e.g. the subject could not be screened). */
    EVIDENCE_MISSING
  }
}

package org.trademap.server.checks;

import java.util.Optional;
import org.trademap.contracts.kyc.CheckProcess;

/**
 * The plug-in point of the check-specific parts (ID document judgment, screening, residence
 * confirmation): a Spring bean implementing it shows what its check found on the case page, next to
 * the task of its {@link #process()}. To propose a result (which pre-fills the operator's form) a
 * part calls {@link Checks#propose}; the evidence only shows.
 *
 * <p>It is called while a staff member views a case, in the request's thread, so it should be
 * quick; it must not change anything. Whatever it shows is for the back office only: it is never
 * shown to the user, logged or put on the ledger.
 */
public interface CheckEvidence {

  /** The check this part shows evidence for. */
  CheckProcess process();

  /**
   * What to show for the task, if anything.
   *
   * @param request which case, task and subject
   */
  Optional<Evidence> evidence(EvidenceRequest request);
}

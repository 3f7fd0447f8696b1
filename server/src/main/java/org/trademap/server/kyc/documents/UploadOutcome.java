package org.trademap.server.kyc.documents;

import java.util.Set;
import org.trademap.server.onboarding.documents.IntakeNotice;
import org.trademap.server.web.ProblemException;

/** What became of an upload through the API or the page. */
sealed interface UploadOutcome {

  /**
   * Stored.
   *
   * @param stored the document and what it replaced
   * @param notices what intake changed or noticed (metadata removed, …)
   */
  record Uploaded(StoreResult.Stored stored, Set<IntakeNotice> notices) implements UploadOutcome {}

  /**
   * Refused; nothing was stored or changed.
   *
   * @param problem the status, stable code and message arguments
   */
  record Refused(ProblemException problem) implements UploadOutcome {}
}

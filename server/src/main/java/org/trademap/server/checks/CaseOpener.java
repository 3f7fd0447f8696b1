package org.trademap.server.checks;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.trademap.server.kyc.FileSubmitted;

/**
 * Opens a case when a user submits their KYC file. It listens synchronously, so the case is written
 * in the submission's own database transaction: a submission never commits without its case, and a
 * case never exists for a submission that rolled back.
 */
@Component
class CaseOpener {
  private final Casework casework;

  CaseOpener(Casework casework) {
    this.casework = casework;
  }

  @EventListener
  void on(FileSubmitted submitted) {
    casework.open(
        submitted.ref(), submitted.accountId(), submitted.revision(), submitted.submittedAt());
  }
}

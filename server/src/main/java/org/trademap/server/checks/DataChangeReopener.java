package org.trademap.server.checks;

import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.server.kyc.PersonalDataChanged;

/**
 * Re-KYC on a change of personal data: once a change of a submitted file commits, the checks that
 * depend on the personal data (the ID document, which must confirm it, and the screening of the
 * name) go back to the queue with {@link ReopenReason#PERSONAL_DATA_CHANGED}. Runs before the parts
 * that judge again ({@code @Order(0)}), so that their proposals land on the reopened tasks.
 */
@Component
class DataChangeReopener {
  /** The checks a change of personal data reopens. */
  static final Set<CheckProcess> AFFECTED =
      Set.of(CheckProcess.ID_DOCUMENT, CheckProcess.SANCTIONS_SCREENING);

  private final Casework casework;

  DataChangeReopener(Casework casework) {
    this.casework = casework;
  }

  @Order(0)
  @TransactionalEventListener
  void on(PersonalDataChanged changed) {
    casework.reopen(null, changed.ref(), AFFECTED, ReopenReason.PERSONAL_DATA_CHANGED);
  }
}

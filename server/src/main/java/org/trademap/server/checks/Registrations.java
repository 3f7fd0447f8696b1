package org.trademap.server.checks;

import java.util.UUID;
import org.springframework.stereotype.Component;
import org.trademap.server.kyc.KycFiles;
import org.trademap.server.kyc.LedgerRecord;

/**
 * Whether an account's KYC registration is on the ledger. The registry refuses a check for a
 * subject it does not know, or completed before its registration, so the back office records no
 * check before that.
 */
@FunctionalInterface
interface Registrations {

  /** Whether the account's file was submitted and its registration is recorded on the ledger. */
  boolean registered(UUID accountId);

  /** The registrations as the KYC file knows them. */
  @Component
  class FromKycFiles implements Registrations {
    private final KycFiles files;

    FromKycFiles(KycFiles files) {
      this.files = files;
    }

    @Override
    public boolean registered(UUID accountId) {
      return files
          .submission(accountId)
          .flatMap(s -> s.registration())
          .map(e -> e.record() instanceof LedgerRecord.Recorded)
          .orElse(false);
    }
  }
}

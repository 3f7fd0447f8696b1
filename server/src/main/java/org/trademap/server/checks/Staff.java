package org.trademap.server.checks;

import java.util.UUID;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.identity.Role;

/**
 * A member of the back office acting.
 *
 * @param id the staff account
 * @param supervisor whether they act as a supervisor (four eyes, audit log)
 */
record Staff(UUID id, boolean supervisor) {

  /** The signed-in operator or supervisor. */
  static Staff of(SignedIn user) {
    return new Staff(user.accountId(), user.role() == Role.KYC_SUPERVISOR);
  }
}

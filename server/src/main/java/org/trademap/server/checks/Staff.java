package org.trademap.server.checks;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.identity.Role;
import org.trademap.server.web.ProblemException;

/**
 * A member of the back office acting.
 *
 * @param id the staff account
 * @param supervisor whether they act as a supervisor (four eyes, audit log)
 */
public record Staff(UUID id, boolean supervisor) {

  /** The signed-in operator or supervisor. */
  static Staff of(SignedIn user) {
    return new Staff(user.accountId(), user.role() == Role.KYC_SUPERVISOR);
  }

  /**
   * The signed-in operator or supervisor of the account-opening department, for the controllers of
   * the check-specific parts (the security configuration refuses everyone else on {@code
   * /checks/**} and {@code /api/v1/checks/**} already; this is the second line); anyone else is
   * refused with {@code 403 auth.forbidden}.
   */
  public static SignedIn require(SignedIn user) {
    if (user.role() != Role.KYC_OPERATOR && user.role() != Role.KYC_SUPERVISOR) {
      throw ProblemException.of(HttpStatus.FORBIDDEN, "auth.forbidden");
    }
    return user;
  }
}

package org.trademap.server.accounts;

import java.util.UUID;

/** What became of presenting an email-verification token. */
public sealed interface VerificationResult {

  /**
   * The address is confirmed.
   *
   * @param accountId the account whose address it is
   */
  record Verified(UUID accountId) implements VerificationResult {}

  /**
   * The token was refused.
   *
   * @param reason why
   */
  record Refused(Reason reason) implements VerificationResult {}

  /** Why a token was refused, with the stable problem code. */
  enum Reason {
    /** The token's lifetime has ended. */
    EXPIRED("accounts.token-expired"),
    /** The token was already used (or replaced by a newer one). */
    USED("accounts.token-used"),
    /** No such token for email verification: unknown, malformed or issued for another purpose. */
    INVALID("accounts.token-invalid");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    /** The stable problem code, e.g. {@code accounts.token-used}. */
    public String code() {
      return code;
    }
  }
}

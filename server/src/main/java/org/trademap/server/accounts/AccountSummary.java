package org.trademap.server.accounts;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.trademap.server.identity.Role;

/**
 * What the server holds about an account itself (not its KYC file), for the export of a person's
 * data. Holds the address: never log it.
 *
 * @param id the account
 * @param kind person or legal entity
 * @param email the address it signed up with
 * @param role what it acts as
 * @param active whether it may sign in
 * @param createdAt when it signed up
 * @param emailVerifiedAt when the address was confirmed, or null
 * @param secondFactor whether a TOTP authenticator is enrolled (its secret is never exported)
 */
public record AccountSummary(
    UUID id,
    AccountKind kind,
    String email,
    Role role,
    boolean active,
    Instant createdAt,
    @Nullable Instant emailVerifiedAt,
    boolean secondFactor) {

  @Override
  public String toString() {
    return "AccountSummary[id=" + id + ", kind=" + kind + ", email=(hidden)]";
  }
}

package org.trademap.server.accounts;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.trademap.server.identity.Role;

/**
 * An account as stored.
 *
 * @param id its id
 * @param kind person or legal entity
 * @param email the address as given, domain in lower case
 * @param passwordHash the Argon2id PHC string; never logged
 * @param role what the account acts as
 * @param status whether it may sign in
 * @param emailVerifiedAt when the address was confirmed, or {@code null} while unconfirmed
 * @param createdAt when it signed up
 */
record Account(
    UUID id,
    AccountKind kind,
    String email,
    String passwordHash,
    Role role,
    AccountStatus status,
    @Nullable Instant emailVerifiedAt,
    Instant createdAt) {

  boolean emailVerified() {
    return emailVerifiedAt != null;
  }

  @Override
  public String toString() {
    return "Account[id=" + id + ", kind=" + kind + ", role=" + role + ", status=" + status + "]";
  }
}

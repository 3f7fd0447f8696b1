package org.trademap.server.sharing;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An account-opening application as the server stores it.
 *
 * @param id its id
 * @param ref its reference on the ledger
 * @param accountId the applying account
 * @param subjectRef the account's subject reference in the KYC registry
 * @param companyId the designated company
 * @param salt the recipient commitment's salt (32 bytes)
 * @param purpose what the consent covers ({@code account-opening})
 * @param consentVersion the version of the consent text the person accepted
 * @param state where it stands
 * @param appliedAt when
 * @param withdrawnAt when withdrawn, or null
 * @param decidedAt when decided, or null
 * @param decidedBy the company approver who decided, or null
 */
record Application(
    UUID id,
    String ref,
    UUID accountId,
    String subjectRef,
    String companyId,
    byte[] salt,
    String purpose,
    String consentVersion,
    ApplicationState state,
    Instant appliedAt,
    @Nullable Instant withdrawnAt,
    @Nullable Instant decidedAt,
    @Nullable UUID decidedBy) {

  /** Copies the salt. */
  Application {
    salt = salt.clone();
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Application a && a.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Application[id=" + id + ", state=" + state + "]";
  }
}

package org.trademap.server.checks.screening;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.trademap.server.vault.SubjectId;

/**
 * A hit as stored for a subject, with where it stands.
 *
 * @param id the hit's id
 * @param subject the screened subject
 * @param partyIndex the position of the party in the list given to {@link Screening#screen}
 * @param party the screened party (personal data: for the operator's view only)
 * @param hit the list entry, score and reasons of the newest screening that found it
 * @param status open, or the operator's verdict
 * @param foundAt when it was first found (or found again after it had been cleared)
 * @param seenAt when a screening last found it
 * @param clearedAt when a screening no longer found it; null while it stands
 * @param disposition the operator's verdict; null while open
 */
public record StoredHit(
    UUID id,
    SubjectId subject,
    int partyIndex,
    Party party,
    Hit hit,
    HitStatus status,
    Instant foundAt,
    Instant seenAt,
    @Nullable Instant clearedAt,
    @Nullable Disposition disposition) {

  /** Whether the hit still stands (a screening found it last time). */
  public boolean standing() {
    return clearedAt == null;
  }

  /**
   * An operator's verdict on a hit.
   *
   * @param by the operator's account
   * @param at when
   * @param reason why, as the operator wrote it
   */
  public record Disposition(UUID by, Instant at, String reason) {}

  /** Ids only: the party and the reasons are personal data. */
  @Override
  public String toString() {
    return "StoredHit[" + id + ", " + hit.source() + " " + hit.entryKey() + ", " + status + "]";
  }
}

package org.trademap.server.kyc;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One consent as recorded: given once, possibly withdrawn later. Records are never deleted.
 *
 * @param kind what was consented to
 * @param scope what a {@link ConsentKind#SHARING} consent covers; empty for the other kinds
 * @param version the version of the text the person was shown
 * @param givenAt when it was given
 * @param withdrawnAt when it was withdrawn, or null while it stands
 */
public record Consent(
    ConsentKind kind,
    String scope,
    String version,
    Instant givenAt,
    @Nullable Instant withdrawnAt) {

  /** Whether it stands: not withdrawn. */
  public boolean active() {
    return withdrawnAt == null;
  }

  /** Whether it stands and was given to the text shown now. */
  public boolean current() {
    return active() && version.equals(kind.currentVersion());
  }
}

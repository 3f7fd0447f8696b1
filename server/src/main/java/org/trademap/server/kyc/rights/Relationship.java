package org.trademap.server.kyc.rights;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The business relationship of an account's person with the platform, as the anti-money-laundering
 * rules count it: it starts when the KYC file is submitted and ends when the person ends it.
 *
 * @param startedAt when the KYC file was submitted, or null if it never was
 * @param endedAt when the person ended the relationship, or null while it goes on
 */
public record Relationship(@Nullable Instant startedAt, @Nullable Instant endedAt) {

  /** Whether an erasure request is allowed at {@code now} under {@code policy}, and if not why. */
  public ErasureDecision erasure(RetentionPolicy policy, Instant now) {
    return policy.decide(startedAt, endedAt, now);
  }
}

package org.trademap.server.kyc.rights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * The retention duty of the Swiss Anti-Money Laundering Act (Art. 7(3)): the documents of a
 * business relationship are kept for 10 years after the relationship ends. An erasure request is
 * refused while that runs; a person with whom no relationship was ever established (the KYC file
 * was never submitted) may have their data erased at once.
 *
 * <p>Dates are counted in UTC calendar days: a relationship that ended at any time on 2026-03-01
 * may be erased from 2036-03-01 on.
 */
public final class RetentionPolicy {
  /** The AMLA period. */
  public static final Period AMLA = Period.ofYears(10);

  private final Period retention;

  /**
   * @param retention how long data is kept after the relationship ends; not negative
   */
  public RetentionPolicy(Period retention) {
    if (retention.isNegative()) {
      throw new IllegalArgumentException("a retention period is not negative");
    }
    this.retention = retention;
  }

  /** The policy with the AMLA period of 10 years. */
  public static RetentionPolicy amla() {
    return new RetentionPolicy(AMLA);
  }

  /**
   * Decides an erasure request.
   *
   * @param relationshipStarted when the business relationship began (the KYC file was submitted),
   *     or {@code null} if it never did
   * @param relationshipEnded when it ended, or {@code null} while it goes on; ignored if it never
   *     started
   * @param now the time of the request
   */
  public ErasureDecision decide(
      @Nullable Instant relationshipStarted, @Nullable Instant relationshipEnded, Instant now) {
    if (relationshipStarted == null) {
      return new ErasureDecision.Allowed();
    }
    if (relationshipEnded == null) {
      return new ErasureDecision.Refused(ErasureDecision.Reason.RELATIONSHIP_ONGOING, null);
    }
    LocalDate keptUntil = day(relationshipEnded).plus(retention);
    return day(now).isBefore(keptUntil)
        ? new ErasureDecision.Refused(ErasureDecision.Reason.RETENTION_PERIOD_RUNNING, keptUntil)
        : new ErasureDecision.Allowed();
  }

  private static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }
}

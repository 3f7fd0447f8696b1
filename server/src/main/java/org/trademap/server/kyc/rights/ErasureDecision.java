package org.trademap.server.kyc.rights;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** Whether a person's data may be erased now, and if not, why and until when. */
public sealed interface ErasureDecision {

  /** Nothing holds the data back: it may be crypto-shredded now. */
  record Allowed() implements ErasureDecision {}

  /**
   * The law requires the data to be kept.
   *
   * @param reason the legal reason
   * @param keptUntil the first day on which erasure is allowed, or {@code null} while the business
   *     relationship has not ended (the period has not started)
   */
  record Refused(Reason reason, @Nullable LocalDate keptUntil) implements ErasureDecision {}

  /** The legal reasons for keeping data; each has a message {@code erasure.refused.<code>}. */
  enum Reason {
    /**
     * The business relationship still exists; the AMLA period of 10 years starts only when it ends
     * (Swiss AMLA Art. 7(3)).
     */
    RELATIONSHIP_ONGOING("relationship-ongoing"),
    /** The relationship ended less than the retention period ago (Swiss AMLA Art. 7(3)). */
    RETENTION_PERIOD_RUNNING("retention-period-running");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    /** The stable code, e.g. {@code retention-period-running}. */
    public String code() {
      return code;
    }
  }
}

package org.trademap.server.checks.screening;

import java.time.Instant;
import java.util.Set;

/** Where the screening of a subject stands, for the KYC case. */
public sealed interface Assessment {

  /** Whether the case is high-risk: a hit confirmed as a true positive (sanctions, ASF or PEP). */
  default boolean highRisk() {
    return this instanceof Confirmed;
  }

  /** The subject was never screened. */
  record NotScreened() implements Assessment {}

  /** Screened, and every standing hit was found a false positive (or there was none). */
  record Clear(Instant screenedAt) implements Assessment {}

  /** Standing hits wait for an operator's verdict. */
  record NeedsReview(Instant screenedAt, int openHits) implements Assessment {}

  /**
   * An operator confirmed at least one standing hit: the case is high-risk and needs the
   * supervisor's approval (four eyes); a confirmed sanctions or ASF hit normally means rejection.
   *
   * @param categories the lists' categories of the confirmed hits
   * @param openHits hits still waiting for a verdict
   */
  record Confirmed(Instant screenedAt, Set<ListCategory> categories, int openHits)
      implements Assessment {
    public Confirmed {
      categories = Set.copyOf(categories);
    }
  }
}

package org.trademap.server.checks.screening;

import java.util.List;
import java.util.UUID;
import org.trademap.server.vault.SubjectId;

/**
 * Published after a screening stored hits that were not there before (new, or found again after
 * they had been cleared): the KYC case of the subject needs an operator again (a re-KYC trigger
 * when the screening was a re-screening).
 *
 * @param subject the screened subject
 * @param hitIds the new hits, for {@link Screening#hit}
 * @param trigger why the subject was screened
 */
public record ScreeningHitsFound(SubjectId subject, List<UUID> hitIds, Trigger trigger) {
  public ScreeningHitsFound {
    hitIds = List.copyOf(hitIds);
  }

  /** Why a subject was screened. */
  public enum Trigger {
    /** {@link Screening#screen} was called (submission, changed personal data). */
    SCREENING,
    /** A list got a new version. */
    RESCREENING
  }
}

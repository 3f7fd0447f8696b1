package org.trademap.server.checks.screening;

/**
 * What a birth date or a nationality says about a name match, and by how much it moved the score.
 *
 * @param aspect what was compared
 * @param verdict how it compared
 * @param listed what the list says, as the list gives it (e.g. {@code 1984-01-08}, {@code KP})
 * @param adjustment added to the name score (negative when it speaks against the match)
 */
public record Corroboration(Aspect aspect, Verdict verdict, String listed, double adjustment) {

  /** What was compared. */
  public enum Aspect {
    BIRTH_DATE,
    NATIONALITY,
    COUNTRY
  }

  /** How it compared. */
  public enum Verdict {
    /** The same day, month or year as the list gives it; the same nationality. */
    AGREES,
    /** Within the list's range or approximation. */
    PLAUSIBLE,
    /** Too close to tell apart (the same year, one year off). */
    NEUTRAL,
    /** Clearly different. */
    CONFLICTS,
    /** The list or the subject does not say. */
    UNKNOWN
  }
}

package org.trademap.server.checks.document;

import java.util.Locale;

/**
 * One change the corrector made to the text OCR gave.
 *
 * @param line 1-based line of the corrected zone
 * @param position 1-based position in the corrected line where the change is (for a removal: where
 *     the removed characters were)
 * @param from what OCR gave there; empty for an insertion
 * @param to what the zone holds now; empty for a removal
 * @param reason why
 */
public record Correction(int line, int position, String from, String to, Reason reason) {

  /** Why a character was changed. */
  public enum Reason {
    /** Lower case, a character outside the MRZ set, or a guillemet for two fillers. */
    NORMALISED,
    /** A run of fillers lengthened or shortened (or stray characters dropped) to fit the format. */
    LENGTH,
    /** A letter in a numeric field or a digit in a letter field, by the usual OCR confusions. */
    FIELD_TYPE,
    /** A {@code K} among trailing fillers, where only a filler can stand. */
    FILLER,
    /** A country code that does not exist, one look-alike letter away from one that does. */
    COUNTRY_CODE,
    /** A confusable character in a number, chosen so that its check digits hold. */
    CHECK_DIGIT
  }

  public Correction {
    if (line < 1 || position < 1 || from.equals(to)) {
      throw new IllegalArgumentException("not a correction");
    }
  }

  /** The key of the reason's display text in {@code messages*.properties}. */
  public String reasonMessageKey() {
    return "checks.document.correction." + reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** E.g. {@code line 2, position 13: '0' -> 'O' (FIELD_TYPE)}. */
  public String describe() {
    return "line "
        + line
        + ", position "
        + position
        + ": '"
        + from
        + "' -> '"
        + to
        + "' ("
        + reason
        + ")";
  }
}

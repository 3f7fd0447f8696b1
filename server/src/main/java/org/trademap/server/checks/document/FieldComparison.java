package org.trademap.server.checks.document;

import java.util.Locale;

/**
 * One element of the document compared with what the user entered.
 *
 * @param field which element
 * @param verdict match, mismatch, or nothing entered to compare with
 * @param onDocument the value as the zone gives it (e.g. {@code ERIKSSON}, {@code 1974-08-12},
 *     {@code D})
 * @param entered the value as the user entered it (e.g. {@code Eriksson}, {@code DE}); empty when
 *     nothing was entered
 * @param basis how the two were found to match or why they differ
 */
public record FieldComparison(
    Field field, Verdict verdict, String onDocument, String entered, Basis basis) {

  /** The compared elements. */
  public enum Field {
    SURNAME,
    GIVEN_NAMES,
    BIRTH_DATE,
    NATIONALITY,
    DOCUMENT_NUMBER;

    /** The key of the element's display name in {@code messages*.properties}. */
    public String messageKey() {
      return "checks.document.compared." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** The outcome for one element. */
  public enum Verdict {
    MATCH,
    MISMATCH,
    /** The user entered nothing to compare with (the document number is optional). */
    NOT_ENTERED
  }

  /** How the comparison came out as it did. */
  public enum Basis {
    /** Equal as they stand (names: after upper-casing). */
    EQUAL,
    /** Equal after ICAO transliteration of the entered name (e.g. Müller → MUELLER). */
    TRANSLITERATED,
    /** Equal after dropping diacritics from the entered name (e.g. Müller → MULLER). */
    DIACRITICS_DROPPED,
    /** The zone's name fills its field and the entered name starts with it: truncated. */
    TRUNCATED,
    /** The zone's ICAO code stands for the entered ISO country (e.g. D for DE). */
    COUNTRY_CODE,
    /** The values differ. */
    DIFFERENT,
    /** The zone's code stands for no country (e.g. XXA stateless, UNO) or is unknown. */
    NO_COUNTRY,
    /** Nothing entered. */
    NONE
  }

  /** The key of the basis's display text in {@code messages*.properties}. */
  public String basisMessageKey() {
    return "checks.document.basis." + basis.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether this element does not stand in the way of passing. */
  public boolean acceptable() {
    return verdict != Verdict.MISMATCH;
  }
}

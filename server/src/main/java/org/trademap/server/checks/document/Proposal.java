package org.trademap.server.checks.document;

import java.util.List;
import java.util.Locale;

/** What the judgment proposes to the operator, who confirms or overrides it with a reason. */
public sealed interface Proposal {

  /** The document is valid, unexpired, of the right kind and confirms everything entered. */
  record Passed() implements Proposal {}

  /**
   * The document does not pass.
   *
   * @param reasons at least one, in the order of {@link Reason}
   */
  record Failed(List<Reason> reasons) implements Proposal {
    public Failed {
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("a failure has at least one reason");
      }
    }
  }

  /** Why a document does not pass. */
  enum Reason {
    /** OCR could not be run (not an image, busy, timed out, engine failure). */
    OCR_UNAVAILABLE,
    /** No lines of a machine-readable zone were found in the image. */
    NO_ZONE_FOUND,
    /** The zone has defects: a wrong check digit, an impossible date, … */
    ZONE_INVALID,
    /**
     * A passport page whose zone is not a passport's, or an identity card's that is not a card's.
     */
    WRONG_DOCUMENT_KIND,
    /** The document expired before the day of the judgment. */
    EXPIRED,
    SURNAME_MISMATCH,
    GIVEN_NAMES_MISMATCH,
    BIRTH_DATE_MISMATCH,
    NATIONALITY_MISMATCH,
    DOCUMENT_NUMBER_MISMATCH;

    /** The key of the reason's display text in {@code messages*.properties}. */
    public String messageKey() {
      return "checks.document.reason." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}

package org.trademap.server.checks.residence;

/**
 * Why a residence request changed nothing. Each has a stable problem code ({@code residence.…})
 * with a title and a detail in the messages.
 */
public enum Refusal {
  /** The operator named a subject reference nobody has. */
  NO_SUBJECT("residence.no-subject"),
  /** The letter was asked for in a language it is not written in (English and German are). */
  LANGUAGE_UNSUPPORTED("residence.language-unsupported"),
  /** The subject has not entered a domicile address yet. */
  NO_ADDRESS("residence.no-address"),
  /** The subject's personal data was erased; no letter can be made or read. */
  SUBJECT_ERASED("residence.subject-erased"),
  /** No letter has this id. */
  LETTER_NOT_FOUND("residence.letter-not-found"),
  /** Marking sent a letter that was sent already. */
  ALREADY_SENT("residence.already-sent"),
  /** Marking returned a letter that was never marked sent. */
  NOT_SENT("residence.not-sent"),
  /** The letter is confirmed, returned, expired, locked or superseded: it can no longer change. */
  LETTER_CLOSED("residence.letter-closed"),
  /** The PDF is destroyed once the letter is sent (it holds the code). */
  PDF_GONE("residence.pdf-gone"),
  /**
   * What the user typed is not a code (length, a symbol outside the alphabet, the check symbol).
   */
  CODE_MALFORMED("residence.code-malformed"),
  /** A well-formed code that is not the code of the user's current letter. */
  CODE_WRONG("residence.code-wrong"),
  /** The current letter's code has expired. */
  CODE_EXPIRED("residence.code-expired"),
  /** Too many wrong codes for the current letter; a new letter is needed. */
  LOCKED("residence.locked"),
  /** The user's account has no letter. */
  NO_LETTER("residence.no-letter"),
  /** The current letter came back undeliverable; its code no longer counts. */
  LETTER_RETURNED("residence.letter-returned"),
  /** The current letter's code was used already: codes are single-use. */
  ALREADY_CONFIRMED("residence.already-confirmed"),
  /** Too many wrong codes from this account recently; try again later. */
  THROTTLED("residence.throttled");

  private final String code;

  Refusal(String code) {
    this.code = code;
  }

  /** The stable problem code. */
  public String code() {
    return code;
  }
}

package org.trademap.server.checks.residence;

import org.springframework.http.HttpStatus;
import org.trademap.server.web.ProblemException;

/** The HTTP answers of residence refusals. */
final class ResidenceProblems {
  private ResidenceProblems() {}

  /** The problem a refusal is answered with. */
  static ProblemException of(Refusal refusal) {
    return ProblemException.of(status(refusal), refusal.code());
  }

  static HttpStatus status(Refusal refusal) {
    return switch (refusal) {
      case LANGUAGE_UNSUPPORTED -> HttpStatus.BAD_REQUEST;
      case NO_SUBJECT, LETTER_NOT_FOUND, NO_LETTER -> HttpStatus.NOT_FOUND;
      case NO_ADDRESS, ALREADY_SENT, NOT_SENT, LETTER_CLOSED, LETTER_RETURNED, ALREADY_CONFIRMED ->
          HttpStatus.CONFLICT;
      case SUBJECT_ERASED, PDF_GONE, CODE_EXPIRED -> HttpStatus.GONE;
      case CODE_MALFORMED, CODE_WRONG -> HttpStatus.UNPROCESSABLE_CONTENT;
      case LOCKED -> HttpStatus.LOCKED;
      case THROTTLED -> HttpStatus.TOO_MANY_REQUESTS;
    };
  }
}

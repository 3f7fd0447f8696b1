package org.trademap.server.onboarding;

/**
 * Guards the compact constructors of the validated values: a value can only hold what the
 * validation would have produced. Breaking this is a programming error, not bad input, so it
 * throws; the message names the field, never its content.
 */
final class Invariants {
  private Invariants() {}

  static <T> void require(Validation<T> outcome, T value, String field) {
    if (!(outcome instanceof Validation.Valid<T> valid) || !valid.value().equals(value)) {
      throw new IllegalArgumentException(field + " is not a validated, normalised value");
    }
  }
}

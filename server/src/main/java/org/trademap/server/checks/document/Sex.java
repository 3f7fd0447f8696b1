package org.trademap.server.checks.document;

/** The sex as the machine-readable zone gives it. */
public enum Sex {
  /** {@code M}. */
  MALE,
  /** {@code F}. */
  FEMALE,
  /** {@code X} or the filler {@code <}: not specified. */
  UNSPECIFIED;

  static Sex of(char c) {
    return switch (c) {
      case 'M' -> MALE;
      case 'F' -> FEMALE;
      default -> UNSPECIFIED;
    };
  }
}

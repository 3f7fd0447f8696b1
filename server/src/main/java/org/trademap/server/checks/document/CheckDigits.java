package org.trademap.server.checks.document;

/**
 * The check digit of ICAO Doc 9303 Part 3 §4.9: each character gets a value ({@code 0}–{@code 9}
 * their own, {@code A}–{@code Z} 10–35, the filler {@code <} 0), the values are multiplied by the
 * repeating weights 7, 3, 1 and the sum modulo 10 is the check digit.
 */
final class CheckDigits {
  /** The characters a machine-readable zone may contain. */
  static final String CHARSET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";

  private static final int[] WEIGHTS = {7, 3, 1};

  private CheckDigits() {}

  /** Whether {@code c} may appear in a machine-readable zone. */
  static boolean isMrzChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<';
  }

  /**
   * The value of one MRZ character.
   *
   * @throws IllegalArgumentException if {@code c} is not an MRZ character
   */
  static int value(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A' + 10;
    }
    if (c == '<') {
      return 0;
    }
    throw new IllegalArgumentException("not an MRZ character: U+" + Integer.toHexString(c));
  }

  /** The check digit of these characters. */
  static char of(CharSequence text) {
    int sum = 0;
    for (int i = 0; i < text.length(); i++) {
      sum += value(text.charAt(i)) * WEIGHTS[i % 3];
    }
    return (char) ('0' + sum % 10);
  }
}

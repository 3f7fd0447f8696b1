package org.trademap.server.checks.residence;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A residence confirmation code: nine random symbols of Crockford's base32 alphabet (45 bits) and a
 * Luhn mod 32 check symbol, printed as two groups of five, e.g. {@code 7KQ2M-X9DP4}. The alphabet
 * has no {@code I}, {@code L}, {@code O} or {@code U}, so what is printed cannot be misread; the
 * check symbol catches every mistyped symbol and most swapped neighbours before they cost one of
 * the letter's attempts (ADR 0018).
 *
 * @param value the ten symbols without grouping
 */
record ConfirmationCode(String value) {
  /** Crockford's base32 symbols, in value order. */
  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  /** Symbols in a code, the check symbol included. */
  static final int LENGTH = 10;

  /** Random symbols in a code: 5 bits each. */
  static final int RANDOM_SYMBOLS = LENGTH - 1;

  /** What a person may type at most: longer input is not a code and is not normalised. */
  static final int MAX_TYPED_LENGTH = 64;

  private static final int BASE = ALPHABET.length();

  /** Refuses anything but ten symbols of the alphabet with a matching check symbol. */
  ConfirmationCode {
    if (!wellFormed(value)) {
      throw new IllegalArgumentException(
          "a code is " + LENGTH + " Crockford base32 symbols ending in their check symbol");
    }
  }

  /** A new code from the given source of randomness (a {@code SecureRandom} outside tests). */
  static ConfirmationCode random(RandomGenerator random) {
    StringBuilder symbols = new StringBuilder(LENGTH);
    for (int i = 0; i < RANDOM_SYMBOLS; i++) {
      symbols.append(ALPHABET.charAt(random.nextInt(BASE)));
    }
    return new ConfirmationCode(symbols.append(check(symbols)).toString());
  }

  /**
   * Reads a code as a person typed it: compatibility-normalised (full-width forms become ASCII),
   * case ignored, spaces and dashes dropped, and Crockford's look-alikes read as what they resemble
   * ({@code I} and {@code L} as {@code 1}, {@code O} as {@code 0}).
   *
   * @return empty if the input is not a well-formed code: too long or short, a symbol outside the
   *     alphabet, or a check symbol that does not match (a typing mistake)
   */
  static Optional<ConfirmationCode> parse(String typed) {
    if (typed.length() > MAX_TYPED_LENGTH) {
      return Optional.empty();
    }
    String normal = Normalizer.normalize(typed, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
    StringBuilder symbols = new StringBuilder(LENGTH);
    for (int i = 0; i < normal.length(); i++) {
      char c = normal.charAt(i);
      if (Character.isWhitespace(c)
          || Character.isSpaceChar(c)
          || Character.getType(c) == Character.DASH_PUNCTUATION) {
        continue;
      }
      symbols.append(
          switch (c) {
            case 'I', 'L' -> '1';
            case 'O' -> '0';
            default -> c;
          });
    }
    String value = symbols.toString();
    return wellFormed(value) ? Optional.of(new ConfirmationCode(value)) : Optional.empty();
  }

  private static boolean wellFormed(String value) {
    return value.length() == LENGTH
        && value.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)
        && check(value.substring(0, RANDOM_SYMBOLS)) == value.charAt(RANDOM_SYMBOLS);
  }

  /** The code as printed: two groups of five symbols joined by a dash. */
  String grouped() {
    return value.substring(0, LENGTH / 2) + "-" + value.substring(LENGTH / 2);
  }

  /**
   * The Luhn mod 32 check symbol of {@code payload}: from the right, every second value doubled and
   * its base-32 digits added, so that the sum with the check value is a multiple of 32.
   */
  static char check(CharSequence payload) {
    int sum = 0;
    boolean doubled = true;
    for (int i = payload.length() - 1; i >= 0; i--) {
      int addend = ALPHABET.indexOf(payload.charAt(i)) * (doubled ? 2 : 1);
      sum += addend / BASE + addend % BASE;
      doubled = !doubled;
    }
    return ALPHABET.charAt((BASE - sum % BASE) % BASE);
  }

  /** Never the code itself, so that it cannot reach a log by accident. */
  @Override
  public String toString() {
    return "ConfirmationCode[hidden]";
  }
}

package org.trademap.server.checks.screening;

import org.jspecify.annotations.Nullable;

/**
 * Jaro-Winkler similarity (Winkler 1990): the Jaro similarity of two strings, raised for a common
 * prefix of up to 4 characters by 0.1 per character when the Jaro similarity is above 0.7 (the
 * boost threshold of Winkler's definition; Apache Commons Text uses the same constants).
 *
 * <p>Own code rather than Commons Text's {@code JaroWinklerSimilarity}: the matcher calls it for
 * every token pair of every candidate name, and this version allocates nothing but one small flag
 * array per call; its results agree with the published reference pairs ({@code JaroWinklerTest}).
 */
final class JaroWinkler {
  private static final double BOOST_THRESHOLD = 0.7;
  private static final double PREFIX_SCALE = 0.1;
  private static final int MAX_PREFIX = 4;

  private JaroWinkler() {}

  /** The similarity in [0, 1]: 1 for equal strings, 0 when no character matches. */
  static double similarity(String a, String b) {
    if (a.equals(b)) {
      return 1;
    }
    int la = a.length();
    int lb = b.length();
    if (la == 0 || lb == 0) {
      return 0;
    }
    String shorter = la <= lb ? a : b;
    String longer = la <= lb ? b : a;
    int ls = shorter.length();
    int ll = longer.length();
    int window = Math.max(0, ll / 2 - 1);
    // Bits 0..63 of the longer string's matched flags in a long; longer strings use an array.
    boolean @Nullable [] taken = ll > 64 ? new boolean[ll] : null;
    long takenBits = 0;
    int matches = 0;
    char[] matchedShort = new char[ls];
    for (int i = 0; i < ls; i++) {
      char c = shorter.charAt(i);
      int from = Math.max(0, i - window);
      int to = Math.min(ll - 1, i + window);
      for (int j = from; j <= to; j++) {
        boolean isTaken = taken != null ? taken[j] : (takenBits & (1L << j)) != 0;
        if (!isTaken && longer.charAt(j) == c) {
          if (taken != null) {
            taken[j] = true;
          } else {
            takenBits |= 1L << j;
          }
          matchedShort[matches++] = c;
          break;
        }
      }
    }
    if (matches == 0) {
      return 0;
    }
    int transpositions = 0;
    int k = 0;
    for (int j = 0; j < ll; j++) {
      boolean isTaken = taken != null ? taken[j] : (takenBits & (1L << j)) != 0;
      if (isTaken) {
        if (longer.charAt(j) != matchedShort[k]) {
          transpositions++;
        }
        k++;
      }
    }
    double m = matches;
    double jaro = (m / ls + m / ll + (m - transpositions / 2.0) / m) / 3;
    if (jaro <= BOOST_THRESHOLD) {
      return jaro;
    }
    int prefix = 0;
    int maxPrefix = Math.min(MAX_PREFIX, ls);
    while (prefix < maxPrefix && a.charAt(prefix) == b.charAt(prefix)) {
      prefix++;
    }
    return jaro + prefix * PREFIX_SCALE * (1 - jaro);
  }
}

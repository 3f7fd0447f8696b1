package org.trademap.server.checks.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Jaro-Winkler against the reference pairs of Winkler (1990) and the usual textbook values. */
class JaroWinklerTest {

  @Test
  void matchesThePublishedReferenceValues() {
    assertThat(JaroWinkler.similarity("martha", "marhta")).isCloseTo(0.961, within(0.001));
    assertThat(JaroWinkler.similarity("dwayne", "duane")).isCloseTo(0.840, within(0.001));
    assertThat(JaroWinkler.similarity("dixon", "dicksonx")).isCloseTo(0.813, within(0.001));
    assertThat(JaroWinkler.similarity("jones", "johnson")).isCloseTo(0.832, within(0.001));
  }

  @Test
  void isOneForEqualAndZeroForDisjointStrings() {
    assertThat(JaroWinkler.similarity("kim", "kim")).isEqualTo(1.0);
    assertThat(JaroWinkler.similarity("abc", "xyz")).isZero();
    assertThat(JaroWinkler.similarity("", "abc")).isZero();
  }

  @Test
  void isSymmetric() {
    String[] words = {"mohammed", "muhammad", "mohamed", "yusuf", "youssef", "al", "alqaida"};
    for (String a : words) {
      for (String b : words) {
        assertThat(JaroWinkler.similarity(a, b))
            .as("%s/%s", a, b)
            .isCloseTo(JaroWinkler.similarity(b, a), within(1e-12));
      }
    }
  }

  @Test
  void handlesStringsLongerThanOneWordOfFlags() {
    String a = "a".repeat(70) + "b";
    String b = "a".repeat(70) + "c";
    assertThat(JaroWinkler.similarity(a, b)).isBetween(0.98, 1.0);
  }
}

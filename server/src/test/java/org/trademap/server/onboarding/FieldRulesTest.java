package org.trademap.server.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldRulesTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

  private static List<String> codes(Validation<?> outcome) {
    return outcome.errors().stream().map(FieldError::key).toList();
  }

  private static Validation<LocalDate> birth(String raw) {
    return FieldRules.birthDate("dateOfBirth", raw, TODAY);
  }

  @Test
  void acceptsTheIcaoSpecimenDateOfBirth() {
    assertThat(KycSpecimens.valid(birth("1974-08-12"))).isEqualTo(LocalDate.of(1974, 8, 12));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "12.08.1974",
        "08/12/1974",
        "1974-8-12",
        "19740812",
        "740812",
        "1974-08-12T00:00",
        "+1974-08-12",
        "１９７４-０８-１２",
        "1974-08-12Z",
        "yesterday"
      })
  void acceptsOnlyIso8601CalendarDates(String raw) {
    assertThat(codes(birth(raw))).containsExactly("date.format");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1990-02-30", "2023-02-29", "1990-04-31", "1990-13-01", "1990-00-10"})
  void refusesDatesThatDoNotExist(String raw) {
    assertThat(codes(birth(raw))).containsExactly("date.impossible");
  }

  @Test
  void acceptsTheTwentyNinthOfFebruaryInALeapYear() {
    assertThat(birth("2024-02-29").isValid()).isTrue();
  }

  @Test
  void refusesABirthDateInTheFutureButAcceptsToday() {
    assertThat(codes(birth("2026-03-02"))).containsExactly("date.in-future");
    assertThat(birth("2026-03-01").isValid()).isTrue();
  }

  @Test
  void refusesABirthDateBefore1900WithTheEarliestDate() {
    assertThat(birth("1899-12-31").errors())
        .containsExactly(
            new FieldError("dateOfBirth", FieldError.Code.DATE_TOO_OLD, List.of("1900-01-01")));
    assertThat(birth("1900-01-01").isValid()).isTrue();
  }

  @Test
  void reportsAMissingDateAsRequired() {
    assertThat(codes(FieldRules.date("dateOfBirth", null))).containsExactly("field.required");
    assertThat(codes(FieldRules.date("dateOfBirth", " "))).containsExactly("field.required");
  }

  @Test
  void isOfAgeFromTheEighteenthBirthdayOn() {
    LocalDate born = LocalDate.of(2008, 3, 1);

    assertThat(FieldRules.isAdultOn(born, LocalDate.of(2026, 3, 1))).isTrue();
    assertThat(FieldRules.isAdultOn(born, LocalDate.of(2026, 2, 28))).isFalse();
  }

  @Test
  void someoneBornOnTheTwentyNinthOfFebruaryIsOfAgeOnTheTwentyEighth() {
    LocalDate born = LocalDate.of(2008, 2, 29);

    assertThat(FieldRules.isAdultOn(born, LocalDate.of(2026, 2, 28))).isTrue();
    assertThat(FieldRules.isAdultOn(born, LocalDate.of(2026, 2, 27))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"CH", "SE", "JP", "DE", "LI", " CH "})
  void acceptsIsoCountryCodes(String raw) {
    assertThat(KycSpecimens.valid(FieldRules.country("nationality", raw))).isEqualTo(raw.trim());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ch", "Ch", "CHE", "UTO", "C", "C1", "ＣＨ", "ÇH"})
  void refusesCountriesThatAreNotTwoCapitalLetters(String raw) {
    assertThat(codes(FieldRules.country("nationality", raw))).containsExactly("country.format");
  }

  @ParameterizedTest
  @ValueSource(strings = {"UT", "XX", "ZZ", "EU"})
  void refusesTwoLetterCodesThatAreNoCountry(String raw) {
    // UT would be the ICAO specimen's fictional Utopia.
    assertThat(codes(FieldRules.country("nationality", raw))).containsExactly("country.unknown");
  }

  @ParameterizedTest
  @CsvSource({
    "+41446681800, +41446681800",
    "+41 44 668 18 00, +41446681800",
    "+81-3-1234-5678, +81312345678",
    "+12025550123, +12025550123",
    "+49301234, +49301234"
  })
  void acceptsE164NumbersAndRemovesSeparators(String raw, String expected) {
    assertThat(KycSpecimens.valid(FieldRules.phone("phone", raw))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0446681800",
        "0041446681800",
        "+0446681800",
        "+4144",
        "+1234567",
        "+1234567890123456",
        "+41 (0)44 668 18 00",
        "+41  44",
        "+41-",
        "+41 44 668 18 00 ext 5",
        "+٤١٤٤٦٦٨١٨٠٠",
        "+41446681800\n"
      })
  void refusesNumbersThatAreNotE164(String raw) {
    assertThat(codes(FieldRules.phone("phone", raw))).containsExactly("phone.invalid");
  }

  @ParameterizedTest
  @CsvSource({
    "anna.eriksson@Example.CH, anna.eriksson@example.ch",
    "Anna+kyc@mail.example.com, Anna+kyc@mail.example.com",
    "o.brien_x@example.ie, o.brien_x@example.ie",
    "a@xn--mller-kva.de, a@xn--mller-kva.de"
  })
  void acceptsEmailAddressesAndLowerCasesOnlyTheDomain(String raw, String expected) {
    assertThat(KycSpecimens.valid(FieldRules.email("email", raw))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "anna",
        "@example.ch",
        "anna@",
        "anna@example",
        "anna@@example.ch",
        ".anna@example.ch",
        "anna.@example.ch",
        "an..na@example.ch",
        "anna@example..ch",
        "anna@example.ch.",
        "anna@-example.ch",
        "anna@example-.ch",
        "anna@example.c",
        "anna@example.123",
        "an na@example.ch",
        "\"anna\"@example.ch",
        "anna@[127.0.0.1]",
        "anna@müller.de",
        "anna@example.ch\r\nBcc: victim@example.org",
        "anna@example.ch>,<x@y.zz"
      })
  void refusesAddressesOutsideThePracticalSubset(String raw) {
    assertThat(codes(FieldRules.email("email", raw))).containsExactly("email.invalid");
  }

  @Test
  void refusesALocalPartLongerThan64Characters() {
    assertThat(codes(FieldRules.email("email", "a".repeat(65) + "@example.ch")))
        .containsExactly("email.invalid");
    assertThat(FieldRules.email("email", "a".repeat(64) + "@example.ch").isValid()).isTrue();
  }

  @Test
  void refusesAddressesLongerThan254Characters() {
    String label = "d".repeat(60);
    String at254 = "a".repeat(64) + "@" + label + "." + label + "." + label + "." + "e".repeat(6);
    String at255 = "a".repeat(64) + "@" + label + "." + label + "." + label + "." + "e".repeat(7);

    assertThat(at254).hasSize(254);
    assertThat(FieldRules.email("email", at254).isValid()).isTrue();
    assertThat(FieldRules.email("email", at255).errors())
        .containsExactly(new FieldError("email", FieldError.Code.EMAIL_TOO_LONG, List.of("254")));
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "8001, CH, 8001",
        "9490, LI, 9490",
        "10115, DE, 10115",
        "100-0001, JP, 100-0001",
        "10001-1234, US, 10001-1234",
        "sw1a 1aa, GB, SW1A 1AA",
        "'', HK, ''",
        "NULL, HK, ''",
        "1234, NULL, 1234"
      })
  void acceptsPostalCodesInTheFormOfTheirCountry(
      @Nullable String raw, @Nullable String country, String expected) {
    assertThat(KycSpecimens.valid(FieldRules.postalCode("postalCode", raw, country)))
        .isEqualTo(expected);
  }

  @Test
  void refusesAPostalCodeThatDoesNotFitItsCountryWithAnExample() {
    assertThat(FieldRules.postalCode("postalCode", "80010", "CH").errors())
        .containsExactly(
            new FieldError(
                "postalCode", FieldError.Code.POSTAL_CODE_WRONG_FOR_COUNTRY, List.of("8001")));
  }

  @Test
  void requiresAPostalCodeWhereTheCountryHasThem() {
    assertThat(codes(FieldRules.postalCode("postalCode", " ", "CH")))
        .containsExactly("field.required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"80 01!", "-8001", "12345678901", "80\n01", "８００１"})
  void refusesMalformedPostalCodes(String raw) {
    assertThat(codes(FieldRules.postalCode("postalCode", raw, "GB")))
        .containsExactly("postal-code.invalid");
  }

  @ParameterizedTest
  @ValueSource(strings = {"CHE-123.456.788", "che-123.456.788", "CHE123456788", "CHE 123 456 788"})
  void acceptsASwissUidWithAValidCheckDigitInItsCanonicalForm(String raw) {
    assertThat(KycSpecimens.valid(FieldRules.registerNumber("registerNumber", raw, "CH")))
        .isEqualTo(KycSpecimens.VALID_UID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"CHE-123.456.789", "CHE-123.456.78", "CH-020.3.020.656-9", "123456788"})
  void refusesASwissNumberThatIsNotAValidUid(String raw) {
    assertThat(codes(FieldRules.registerNumber("registerNumber", raw, "CH")))
        .containsExactly("register-number.invalid-uid");
  }

  @Test
  void refusesAUidWhoseCheckDigitWouldBeTen() {
    // 0·5 + 0·4 + 0·3 + 0·2 + 0·7 + 0·6 + 0·5 + 3·4 = 12; 11 − 12 mod 11 = 10: never issued.
    assertThat(codes(FieldRules.registerNumber("registerNumber", "CHE-000.000.030", "CH")))
        .containsExactly("register-number.invalid-uid");
  }

  @ParameterizedTest
  @CsvSource({"HRB 12345, DE, HRB 12345", "fl-0002.123.456-7, LI, FL-0002.123.456-7"})
  void acceptsRegisterNumbersOfOtherCountriesInUpperCase(
      String raw, String country, String expected) {
    assertThat(KycSpecimens.valid(FieldRules.registerNumber("registerNumber", raw, country)))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"HRB<script>", "-123", "HRB\n12345", "HRB 12345; DROP TABLE x"})
  void refusesRegisterNumbersWithOtherCharacters(String raw) {
    assertThat(codes(FieldRules.registerNumber("registerNumber", raw, "DE")))
        .containsExactly("register-number.invalid");
  }

  @ParameterizedTest
  @CsvSource({"25, 25", "25.00, 25", "33.5, 33.5", "100, 100", "0, 0", "'', 0"})
  void acceptsSharesFromZeroToAHundredWithTwoDecimals(String raw, String expected) {
    assertThat(KycSpecimens.valid(FieldRules.share("capitalPercent", raw)))
        .isEqualByComparingTo(new BigDecimal(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"25%", "-5", "33.333", "1e2", "25,5", "abc", "0x19"})
  void refusesSharesThatAreNoPlainPercentage(String raw) {
    assertThat(codes(FieldRules.share("capitalPercent", raw)))
        .containsExactly("owner.share-invalid");
  }

  @Test
  void refusesAShareAboveAHundred() {
    assertThat(codes(FieldRules.share("capitalPercent", "100.01")))
        .containsExactly("owner.share-out-of-range");
  }
}

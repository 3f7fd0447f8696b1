package org.trademap.server.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.trademap.server.onboarding.KycSpecimens.VALIDATOR;
import static org.trademap.server.onboarding.KycSpecimens.anna;
import static org.trademap.server.onboarding.KycSpecimens.company;
import static org.trademap.server.onboarding.KycSpecimens.valid;
import static org.trademap.server.onboarding.KycSpecimens.zurich;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class KycDataValidatorTest {

  private static List<String> fields(Validation<?> outcome) {
    return outcome.errors().stream().map(FieldError::field).toList();
  }

  @Test
  void acceptsTheIcaoSpecimenPersonAndNormalisesHerData() {
    PersonalData anna = valid(anna().validate());

    assertThat(anna)
        .isEqualTo(
            new PersonalData(
                "Eriksson",
                "Anna Maria",
                LocalDate.of(1974, 8, 12),
                "SE",
                new Address("Bahnhofstrasse 1", "8001", "Zürich", "CH"),
                "Engineer",
                "+41446681800",
                "anna.eriksson@example.ch"));
  }

  @Test
  void acceptsTheSpecimenNamesAsTheMrzWritesThem() {
    assertThat(anna().surname("ERIKSSON").givenNames("ANNA MARIA").validate().isValid()).isTrue();
  }

  @Test
  void reportsEveryMissingFieldOfAnEmptyFormAtOnce() {
    Validation<PersonalData> outcome =
        VALIDATOR.validatePerson(
            new PersonalForm(
                null, null, null, null, new AddressForm(null, null, null, null), null, null, null));

    assertThat(outcome.errors())
        .allSatisfy(e -> assertThat(e.code()).isEqualTo(FieldError.Code.REQUIRED));
    assertThat(fields(outcome))
        .containsExactly(
            "surname",
            "givenNames",
            "dateOfBirth",
            "nationality",
            "domicile.street",
            "domicile.country",
            "domicile.town",
            "occupation",
            "phone",
            "email");
  }

  @Test
  void reportsAMissingAddressAsOneError() {
    Validation<PersonalData> outcome =
        VALIDATOR.validatePerson(
            new PersonalForm(
                "Eriksson",
                "Anna",
                "1974-08-12",
                "SE",
                null,
                "Engineer",
                "+41446681800",
                "a@b.ch"));

    assertThat(outcome.errors())
        .containsExactly(new FieldError("domicile", FieldError.Code.REQUIRED));
  }

  @Test
  void namesTheFieldOfEachErrorByItsPath() {
    Validation<PersonalData> outcome =
        anna()
            .surname("Eriks\u200Bson")
            .dateOfBirth("1974-02-30")
            .nationality("UTO")
            .postalCode("80011")
            .phone("044 668 18 00")
            .email("anna@")
            .validate();

    assertThat(outcome.errors())
        .extracting(FieldError::field, FieldError::key)
        .containsExactly(
            tuple("surname", "name.zero-width"),
            tuple("dateOfBirth", "date.impossible"),
            tuple("nationality", "country.format"),
            tuple("domicile.postalCode", "postal-code.wrong-for-country"),
            tuple("phone", "phone.invalid"),
            tuple("email", "email.invalid"));
  }

  @Test
  void acceptsALookAlikeNameButFlagsItForReview() {
    Validation<PersonalData> outcome = anna().givenNames("\u0410nna").validate();

    assertThat(outcome).isInstanceOf(Validation.Valid.class);
    assertThat(((Validation.Valid<PersonalData>) outcome).flaggedForReview()).isTrue();
    assertThat(outcome.reviewFlags())
        .containsExactly(
            new ReviewFlag("givenNames", ReviewFlag.REASON_MIXED_SCRIPT, "Cyrillic, Latin"));
  }

  @Test
  void acceptsAMinorAsPersonalDataButNotAsAnAccountHolder() {
    // Today is 2026-03-01: born 2008-03-02, Anna is one day short of 18.
    Validation<PersonalData> minor = anna().dateOfBirth("2008-03-02").validate();

    assertThat(minor.isValid()).isTrue();
    assertThat(VALIDATOR.validateAccountHolder(anna().dateOfBirth("2008-03-02").form()).errors())
        .containsExactly(
            new FieldError("dateOfBirth", FieldError.Code.PERSON_UNDER_AGE, List.of("18")));
  }

  @Test
  void acceptsAnAccountHolderOnTheirEighteenthBirthday() {
    assertThat(VALIDATOR.validateAccountHolder(anna().dateOfBirth("2008-03-01").form()).isValid())
        .isTrue();
  }

  @Test
  void keepsTheReviewFlagsThroughTheAgeCheck() {
    Validation<PersonalData> outcome =
        VALIDATOR.validateAccountHolder(anna().surname("Eriks\u0455on").form());

    assertThat(outcome.reviewFlags()).hasSize(1);
  }

  @Test
  void takesTodayFromTheClock() {
    KycDataValidator later =
        new KycDataValidator(
            java.time.Clock.offset(KycSpecimens.CLOCK, java.time.Duration.ofDays(1)));

    assertThat(later.validatePerson(anna().dateOfBirth("2026-03-02").form()).isValid()).isTrue();
    assertThat(anna().dateOfBirth("2026-03-02").validate().errors())
        .extracting(FieldError::key)
        .containsExactly("date.in-future");
  }

  @Test
  void acceptsTheSpecimenCompanyWithItsUid() {
    LegalEntityData entity = valid(VALIDATOR.validateEntity(company()));

    assertThat(entity.registerNumber()).isEqualTo(KycSpecimens.VALID_UID);
    assertThat(entity.signingAuthority()).isEqualTo(SigningAuthority.SOLE_SIGNATURE);
    assertThat(entity.domicile().town()).isEqualTo("Zürich");
  }

  @Test
  void refusesASwissCompanyWithAWrongUidCheckDigit() {
    Validation<LegalEntityData> outcome =
        VALIDATOR.validateEntity(
            new LegalEntityForm(
                "Muster Treuhand AG", "CHE-123.456.789", zurich(), "SOLE_SIGNATURE"));

    assertThat(outcome.errors())
        .containsExactly(
            new FieldError("registerNumber", FieldError.Code.REGISTER_NUMBER_INVALID_UID));
  }

  @Test
  void refusesAnUnknownOrMissingSigningAuthority() {
    assertThat(
            VALIDATOR
                .validateEntity(
                    new LegalEntityForm("Muster AG", KycSpecimens.VALID_UID, zurich(), "sole"))
                .errors())
        .containsExactly(
            new FieldError("signingAuthority", FieldError.Code.SIGNING_AUTHORITY_UNKNOWN));
    assertThat(
            VALIDATOR
                .validateEntity(
                    new LegalEntityForm("Muster AG", KycSpecimens.VALID_UID, zurich(), " "))
                .errors())
        .containsExactly(new FieldError("signingAuthority", FieldError.Code.REQUIRED));
  }

  @Test
  void allowsAnEntityNameUpToItsOwnLimit() {
    String longest = "A".repeat(TextRules.MAX_ENTITY_NAME_LENGTH);
    LegalEntityForm form =
        new LegalEntityForm(longest, KycSpecimens.VALID_UID, zurich(), "SOLE_SIGNATURE");
    LegalEntityForm tooLong =
        new LegalEntityForm(longest + "G", KycSpecimens.VALID_UID, zurich(), "SOLE_SIGNATURE");

    assertThat(VALIDATOR.validateEntity(form).isValid()).isTrue();
    assertThat(VALIDATOR.validateEntity(tooLong).errors())
        .containsExactly(
            new FieldError("name", FieldError.Code.NAME_TOO_LONG, List.of("300", "301")));
  }

  @Test
  void validatesAForeignRegisterNumberWithoutTheUidRule() {
    LegalEntityForm form =
        new LegalEntityForm(
            "Muster GmbH",
            "HRB 12345",
            new AddressForm("Unter den Linden 1", "10117", "Berlin", "DE"),
            "JOINT_SIGNATURE_BY_TWO");

    assertThat(valid(VALIDATOR.validateEntity(form)).registerNumber()).isEqualTo("HRB 12345");
  }

  @Test
  void givesTheSameValueBackFromItsOwnForm() {
    PersonalData anna = valid(anna().validate());
    LegalEntityData entity = valid(VALIDATOR.validateEntity(company()));

    assertThat(valid(VALIDATOR.validatePerson(anna.toForm()))).isEqualTo(anna);
    assertThat(valid(VALIDATOR.validateEntity(entity.toForm()))).isEqualTo(entity);
  }

  @Test
  void refusesToConstructAValueThatValidationWouldNotHaveProduced() {
    Address zurich = new Address("Bahnhofstrasse 1", "8001", "Zürich", "CH");

    assertThatThrownBy(
            () ->
                new PersonalData(
                    "Eriks\u200Bson",
                    "Anna",
                    LocalDate.of(1974, 8, 12),
                    "SE",
                    zurich,
                    "Engineer",
                    "+41446681800",
                    "a@b.ch"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("surname is not a validated, normalised value");
    assertThatThrownBy(() -> new Address("Bahnhofstrasse 1", "8001", "Zu\u0308rich", "CH"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("Zu");
    assertThatThrownBy(
            () ->
                new PersonalData(
                    "Eriksson",
                    "Anna",
                    LocalDate.of(1974, 8, 12),
                    "SE",
                    zurich,
                    "Engineer",
                    "+41446681800",
                    "a@B.CH"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("email is not a validated, normalised value");
  }
}

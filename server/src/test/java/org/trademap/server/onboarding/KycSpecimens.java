package org.trademap.server.onboarding;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * Test data for the KYC data model, in one place. The person is the ICAO Doc 9303 specimen
 * (ERIKSSON, ANNA MARIA, born 1974-08-12; her MRZ says UTO for the fictional Utopia, so she is
 * given a real nationality here); the company carries a Swiss UID with a valid check digit.
 */
final class KycSpecimens {
  /** The fixed "today" of the tests: 2026-03-01 in Zurich. */
  static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneId.of("Europe/Zurich"));

  static final KycDataValidator VALIDATOR = new KycDataValidator(CLOCK);

  /** A valid Swiss UID: weights 5 4 3 2 7 6 5 4 over 12345678 give 168, 11 − 168 mod 11 = 8. */
  static final String VALID_UID = "CHE-123.456.788";

  private KycSpecimens() {}

  static AddressForm zurich() {
    return new AddressForm("Bahnhofstrasse 1", "8001", "Zürich", "CH");
  }

  static PersonBuilder anna() {
    return new PersonBuilder();
  }

  static LegalEntityForm company() {
    return new LegalEntityForm(
        "Muster Treuhand AG", VALID_UID, zurich(), SigningAuthority.SOLE_SIGNATURE.name());
  }

  static BeneficialOwnerForm ownerA(String surname, String givenNames, String dateOfBirth) {
    return BeneficialOwnerForm.formA(surname, givenNames, dateOfBirth, "CH", zurich());
  }

  static BeneficialOwnerForm holder(
      String surname, String givenNames, String dateOfBirth, String capital, String votes) {
    return new BeneficialOwnerForm(
        surname, givenNames, dateOfBirth, "CH", zurich(), "CAPITAL_OR_VOTES", capital, votes, null);
  }

  static BeneficialOwnerForm controller(
      String surname, String givenNames, String dateOfBirth, String description) {
    return new BeneficialOwnerForm(
        surname, givenNames, dateOfBirth, "DE", zurich(), "OTHER_MEANS", null, null, description);
  }

  static BeneficialOwnerForm director(String surname, String givenNames, String dateOfBirth) {
    return new BeneficialOwnerForm(
        surname, givenNames, dateOfBirth, "CH", zurich(), "MANAGING_DIRECTOR", null, null, null);
  }

  static <T> T valid(Validation<T> outcome) {
    if (outcome instanceof Validation.Valid<T> v) {
      return v.value();
    }
    throw new AssertionError("expected a valid outcome but got " + outcome.errors());
  }

  /** A person form with the specimen's data; each setter replaces one field. */
  static final class PersonBuilder {
    private @Nullable String surname = "Eriksson";
    private @Nullable String givenNames = "Anna Maria";
    private @Nullable String dateOfBirth = "1974-08-12";
    private @Nullable String nationality = "SE";
    private @Nullable String street = "Bahnhofstrasse 1";
    private @Nullable String postalCode = "8001";
    private @Nullable String town = "Zürich";
    private @Nullable String country = "CH";
    private @Nullable String occupation = "Engineer";
    private @Nullable String phone = "+41 44 668 18 00";
    private @Nullable String email = "anna.eriksson@Example.CH";

    PersonBuilder surname(@Nullable String value) {
      surname = value;
      return this;
    }

    PersonBuilder givenNames(@Nullable String value) {
      givenNames = value;
      return this;
    }

    PersonBuilder dateOfBirth(@Nullable String value) {
      dateOfBirth = value;
      return this;
    }

    PersonBuilder nationality(@Nullable String value) {
      nationality = value;
      return this;
    }

    PersonBuilder street(@Nullable String value) {
      street = value;
      return this;
    }

    PersonBuilder postalCode(@Nullable String value) {
      postalCode = value;
      return this;
    }

    PersonBuilder town(@Nullable String value) {
      town = value;
      return this;
    }

    PersonBuilder country(@Nullable String value) {
      country = value;
      return this;
    }

    PersonBuilder occupation(@Nullable String value) {
      occupation = value;
      return this;
    }

    PersonBuilder phone(@Nullable String value) {
      phone = value;
      return this;
    }

    PersonBuilder email(@Nullable String value) {
      email = value;
      return this;
    }

    PersonalForm form() {
      return new PersonalForm(
          surname,
          givenNames,
          dateOfBirth,
          nationality,
          new AddressForm(street, postalCode, town, country),
          occupation,
          phone,
          email);
    }

    Validation<PersonalData> validate() {
      return VALIDATOR.validatePerson(form());
    }
  }
}

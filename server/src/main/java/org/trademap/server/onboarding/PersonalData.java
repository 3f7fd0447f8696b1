package org.trademap.server.onboarding;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The validated personal data of a natural person (AMLO-FINMA Art. 44, JPX Table 5-1). Obtain it
 * from {@link KycDataValidator#validatePerson}; the constructor refuses anything validation would
 * not have produced.
 *
 * @param surname NFC, at most {@value TextRules#MAX_NAME_LENGTH} code points
 * @param givenNames NFC, at most {@value TextRules#MAX_NAME_LENGTH} code points
 * @param dateOfBirth not before {@link FieldRules#EARLIEST_BIRTH_DATE}
 * @param nationality ISO 3166-1 alpha-2 code
 * @param domicile the address of domicile
 * @param occupation NFC, at most {@value TextRules#MAX_OCCUPATION_LENGTH} code points
 * @param phone E.164 without separators
 * @param email with the domain in lower case
 */
public record PersonalData(
    String surname,
    String givenNames,
    LocalDate dateOfBirth,
    String nationality,
    Address domicile,
    String occupation,
    String phone,
    String email) {

  /** Refuses components that validation would not have produced. */
  public PersonalData {
    Invariants.require(
        TextRules.name("surname", surname, TextRules.MAX_NAME_LENGTH), surname, "surname");
    Invariants.require(
        TextRules.name("givenNames", givenNames, TextRules.MAX_NAME_LENGTH),
        givenNames,
        "givenNames");
    Objects.requireNonNull(dateOfBirth, "dateOfBirth");
    if (dateOfBirth.isBefore(FieldRules.EARLIEST_BIRTH_DATE)) {
      throw new IllegalArgumentException("dateOfBirth is before the earliest accepted date");
    }
    Invariants.require(FieldRules.country("nationality", nationality), nationality, "nationality");
    Objects.requireNonNull(domicile, "domicile");
    Invariants.require(
        TextRules.text("occupation", occupation, TextRules.MAX_OCCUPATION_LENGTH),
        occupation,
        "occupation");
    Invariants.require(FieldRules.phone("phone", phone), phone, "phone");
    Invariants.require(FieldRules.email("email", email), email, "email");
  }

  /** The data as a form, e.g. to edit it; validating the form gives this value again. */
  public PersonalForm toForm() {
    return new PersonalForm(
        surname,
        givenNames,
        dateOfBirth.toString(),
        nationality,
        domicile.toForm(),
        occupation,
        phone,
        email);
  }
}

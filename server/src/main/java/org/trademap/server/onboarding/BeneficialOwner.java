package org.trademap.server.onboarding;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A validated beneficial owner or controlling person as declared on Form A or Form K: name, date of
 * birth, nationality and address.
 *
 * @param surname NFC, at most {@value TextRules#MAX_NAME_LENGTH} code points
 * @param givenNames NFC, at most {@value TextRules#MAX_NAME_LENGTH} code points
 * @param dateOfBirth not before {@link FieldRules#EARLIEST_BIRTH_DATE}; owners may be minors
 * @param nationality ISO 3166-1 alpha-2 code
 * @param address the owner's address of domicile
 */
public record BeneficialOwner(
    String surname, String givenNames, LocalDate dateOfBirth, String nationality, Address address) {

  /** Refuses components that validation would not have produced. */
  public BeneficialOwner {
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
    Objects.requireNonNull(address, "address");
  }

  /** Who this owner is, for finding the same person listed twice. */
  public OwnerIdentity identity() {
    return OwnerIdentity.of(surname, givenNames, dateOfBirth);
  }
}

package org.trademap.server.checks.document;

import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.trademap.server.onboarding.PersonalData;

/**
 * What the user entered about themselves that the document must confirm.
 *
 * @param surname as entered (any script)
 * @param givenNames as entered
 * @param dateOfBirth as entered
 * @param nationality ISO 3166-1 alpha-2
 * @param documentNumber the number of the document, if the user entered one; {@code null} if not
 */
public record EnteredIdentity(
    String surname,
    String givenNames,
    LocalDate dateOfBirth,
    String nationality,
    @Nullable String documentNumber) {

  public EnteredIdentity {
    Objects.requireNonNull(surname, "surname");
    Objects.requireNonNull(givenNames, "givenNames");
    Objects.requireNonNull(dateOfBirth, "dateOfBirth");
    Objects.requireNonNull(nationality, "nationality");
  }

  /** The identity in the user's validated personal data (which has no document number). */
  public static EnteredIdentity of(PersonalData person) {
    return new EnteredIdentity(
        person.surname(), person.givenNames(), person.dateOfBirth(), person.nationality(), null);
  }

  /** The same with a document number to compare as well. */
  public EnteredIdentity withDocumentNumber(String number) {
    return new EnteredIdentity(surname, givenNames, dateOfBirth, nationality, number);
  }
}

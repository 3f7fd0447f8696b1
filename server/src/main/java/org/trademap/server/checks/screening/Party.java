package org.trademap.server.checks.screening;

import java.time.LocalDate;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One name to screen: the subject itself, or a person behind a company.
 *
 * @param role who it is in the KYC file
 * @param kind person or organisation; persons are screened against listed persons only,
 *     organisations against listed organisations
 * @param name the full name (given names and surname in any order; for a company its registered
 *     name), 1 to 300 characters
 * @param birthDate the person's birth date if known; never for an organisation
 * @param country ISO 3166-1 alpha-2: the nationality of a person, the country of registration of an
 *     organisation; null if unknown
 */
public record Party(
    PartyRole role,
    EntryKind kind,
    String name,
    @Nullable LocalDate birthDate,
    @Nullable String country) {
  static final int MAX_NAME_LENGTH = 300;

  public Party {
    if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("a screened name is 1 to 300 characters");
    }
    if (kind == EntryKind.ENTITY && birthDate != null) {
      throw new IllegalArgumentException("an organisation has no birth date");
    }
    if (country != null) {
      if (!country.matches("[A-Za-z]{2}")) {
        throw new IllegalArgumentException("a country is an ISO 3166-1 alpha-2 code");
      }
      country = country.toUpperCase(Locale.ROOT);
    }
  }

  /** A natural person: given names and surname are joined. */
  public static Party person(
      PartyRole role,
      String givenNames,
      String surname,
      @Nullable LocalDate birthDate,
      @Nullable String nationality) {
    return new Party(
        role, EntryKind.PERSON, (givenNames + " " + surname).strip(), birthDate, nationality);
  }

  /** An organisation by its registered name. */
  public static Party organisation(PartyRole role, String name, @Nullable String country) {
    return new Party(role, EntryKind.ENTITY, name, null, country);
  }

  /** Ids only: a party's name, birth date and nationality are personal data. */
  @Override
  public String toString() {
    return "Party[" + role + ", " + kind + "]";
  }
}

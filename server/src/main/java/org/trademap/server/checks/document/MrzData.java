package org.trademap.server.checks.document;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The data elements of a machine-readable zone whose check digits all hold. Codes and numbers are
 * given without their fillers; within names a filler becomes a space.
 *
 * @param format TD1, TD2 or TD3
 * @param documentCode e.g. {@code P}, {@code ID}, {@code I}
 * @param issuingState ICAO code of the issuing state or organisation, e.g. {@code D}, {@code UTO}
 * @param primaryIdentifier the surname(s), e.g. {@code ERIKSSON}
 * @param secondaryIdentifier the given name(s), e.g. {@code ANNA MARIA}; empty if none
 * @param nameTruncated whether the name fills its field to the last position, so it may have been
 *     truncated (Doc 9303 Part 3 §4.6)
 * @param documentNumber with the continuation of a long TD1/TD2 number, e.g. {@code D23145890}
 * @param nationality ICAO code, e.g. {@code UTO}
 * @param birthDate the century chosen so that it is not after the day of reading
 * @param sex as given
 * @param expiryDate the century chosen within 50 years before or after the day of reading
 * @param optionalData the personal number (TD3) or optional data (TD2, upper optional data of TD1
 *     after a continued document number)
 * @param optionalData2 the lower optional data of TD1; empty for TD2 and TD3
 * @param lines the zone as read, line by line
 */
public record MrzData(
    MrzFormat format,
    String documentCode,
    String issuingState,
    String primaryIdentifier,
    String secondaryIdentifier,
    boolean nameTruncated,
    String documentNumber,
    String nationality,
    LocalDate birthDate,
    Sex sex,
    LocalDate expiryDate,
    String optionalData,
    String optionalData2,
    List<String> lines) {

  public MrzData {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(birthDate, "birthDate");
    Objects.requireNonNull(expiryDate, "expiryDate");
    Objects.requireNonNull(sex, "sex");
    lines = List.copyOf(lines);
    if (lines.size() != format.lines()) {
      throw new IllegalArgumentException("a " + format + " zone has " + format.lines() + " lines");
    }
  }

  /** Whether the document has expired on {@code today}: it is valid through its expiry date. */
  public boolean isExpiredOn(LocalDate today) {
    return expiryDate.isBefore(today);
  }

  /** Whether this is a passport (document code starting with {@code P}). */
  public boolean isPassport() {
    return documentCode.startsWith("P");
  }
}

package org.trademap.server.checks.document;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Test data: the ICAO specimens and zones built from fields with correct check digits. */
final class Zones {
  /** The day every test reads its zones on. */
  static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);

  /** ICAO Doc 9303 Part 4 specimen passport. */
  static final List<String> TD3_SPECIMEN =
      List.of(
          "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
          "L898902C36UTO7408122F1204159ZE184226B<<<<<10");

  /** ICAO Doc 9303 Part 5 specimen identity card. */
  static final List<String> TD1_SPECIMEN =
      List.of(
          "I<UTOD231458907<<<<<<<<<<<<<<<",
          "7408122F1204159UTO<<<<<<<<<<<6",
          "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");

  /** ICAO Doc 9303 Part 6 specimen TD2 document. */
  static final List<String> TD2_SPECIMEN =
      List.of("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6");

  private Zones() {}

  /** A passport zone with correct check digits; fields are padded with fillers. */
  static List<String> td3(
      String code,
      String state,
      String name,
      String number,
      String nationality,
      String birth,
      char sex,
      String expiry,
      String personal) {
    String personalField = pad(personal, 14);
    String personalCheck =
        personalField.chars().allMatch(c -> c == '<')
            ? "<"
            : String.valueOf(CheckDigits.of(personalField));
    String line2 =
        lower(withCheckDigit(number), nationality, birth, sex, expiry)
            + personalField
            + personalCheck;
    String composite = line2.substring(0, 10) + line2.substring(13, 20) + line2.substring(21, 43);
    return List.of(pad(pad(code, 2) + pad(state, 3) + name, 44), line2 + CheckDigits.of(composite));
  }

  /**
   * An identity card zone with correct check digits; a number longer than nine characters is
   * continued in the optional data.
   */
  static List<String> td1(
      String code,
      String state,
      String number,
      String optional,
      String birth,
      char sex,
      String expiry,
      String nationality,
      String optional2,
      String name) {
    String numberPart;
    if (number.length() > 9) {
      numberPart =
          number.substring(0, 9)
              + "<"
              + number.substring(9)
              + CheckDigits.of(number)
              + "<"
              + optional;
    } else {
      numberPart = withCheckDigit(number) + optional;
    }
    String line1 = pad(code, 2) + pad(state, 3) + pad(numberPart, 25);
    String line2 =
        birth
            + CheckDigits.of(birth)
            + sex
            + expiry
            + CheckDigits.of(expiry)
            + pad(nationality, 3)
            + pad(optional2, 11);
    String composite =
        line1.substring(5, 30)
            + line2.substring(0, 7)
            + line2.substring(8, 15)
            + line2.substring(18);
    return List.of(line1, line2 + CheckDigits.of(composite), pad(name, 30));
  }

  /** A TD2 zone with correct check digits; a long number is continued in the optional data. */
  static List<String> td2(
      String code,
      String state,
      String name,
      String number,
      String nationality,
      String birth,
      char sex,
      String expiry,
      String optional) {
    String numberPart;
    String optionalPart;
    if (number.length() > 9) {
      numberPart = number.substring(0, 9) + "<";
      optionalPart = pad(number.substring(9) + CheckDigits.of(number) + "<" + optional, 7);
    } else {
      numberPart = withCheckDigit(number);
      optionalPart = pad(optional, 7);
    }
    String line2 = lower(numberPart, nationality, birth, sex, expiry) + optionalPart;
    String composite = line2.substring(0, 10) + line2.substring(13, 20) + line2.substring(21, 35);
    return List.of(pad(pad(code, 2) + pad(state, 3) + name, 36), line2 + CheckDigits.of(composite));
  }

  /** A document number of at most nine characters, padded, with its check digit. */
  private static String withCheckDigit(String number) {
    String field = pad(number, 9);
    return field + CheckDigits.of(field);
  }

  /** The lower line of TD2 and TD3 up to the expiry date's check digit. */
  private static String lower(
      String numberPart, String nationality, String birth, char sex, String expiry) {
    return numberPart
        + pad(nationality, 3)
        + birth
        + CheckDigits.of(birth)
        + sex
        + expiry
        + CheckDigits.of(expiry);
  }

  static String pad(String text, int length) {
    if (text.length() > length) {
      throw new IllegalArgumentException(text + " is longer than " + length);
    }
    return text + "<".repeat(length - text.length());
  }

  /** The zone with the character at 1-based line and position replaced. */
  static List<String> replace(List<String> zone, int line, int position, char c) {
    String[] lines = zone.toArray(String[]::new);
    StringBuilder b = new StringBuilder(lines[line - 1]);
    b.setCharAt(position - 1, c);
    lines[line - 1] = b.toString();
    return List.of(lines);
  }
}

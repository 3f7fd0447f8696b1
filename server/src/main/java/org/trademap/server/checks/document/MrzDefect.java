package org.trademap.server.checks.document;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * One thing wrong with a machine-readable zone, naming the element and the 1-based line and
 * position(s) as ICAO Doc 9303 counts them.
 *
 * @param kind what is wrong
 * @param field the element concerned; {@code null} for defects of the whole zone (line count, line
 *     length, character set)
 * @param line 1-based line; 0 for the line count
 * @param position 1-based first position; 0 when the defect concerns a whole line
 * @param endPosition 1-based last position; equal to {@code position} for a single character
 * @param found what the zone holds there (a character, a field's text, or a count)
 * @param expected what it should hold (the computed check digit, the allowed characters, the
 *     expected count); empty when there is nothing to say
 */
public record MrzDefect(
    Kind kind,
    @Nullable MrzField field,
    int line,
    int position,
    int endPosition,
    String found,
    String expected) {

  /** The kinds of defect. */
  public enum Kind {
    /** Not 2 or 3 lines. */
    LINE_COUNT,
    /** A line of the wrong length for the format. */
    LINE_LENGTH,
    /** A character outside {@code A-Z 0-9 <}. */
    CHARACTER,
    /** A character the element does not allow (a letter in a date, a digit in a name). */
    FIELD_CHARACTER,
    /** A check digit that differs from the one computed over its field. */
    CHECK_DIGIT,
    /** A check digit position that does not hold a digit. */
    CHECK_DIGIT_NOT_DIGIT,
    /** A date element that is not a calendar date (or has unknown parts). */
    NOT_A_DATE,
    /** A required element that is all fillers. */
    EMPTY,
    /** A document code that does not belong to an identity document of the format. */
    DOCUMENT_CODE,
    /** A document number announced as long whose continuation is missing. */
    MISSING_CONTINUATION
  }

  public MrzDefect {
    if (line < 0 || position < 0 || endPosition < position) {
      throw new IllegalArgumentException("bad defect position");
    }
  }

  /** The key of {@link #describe()}'s translation in {@code messages*.properties}. */
  public String messageKey() {
    String kindName = kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    if (kind == Kind.CHECK_DIGIT && field == MrzField.COMPOSITE) {
      kindName = "composite-check-digit";
    }
    return "checks.document.defect." + kindName;
  }

  /**
   * The arguments of the message: {@code {0}} the element's display name (resolved through the
   * message source), {@code {1}} line, {@code {2}} position, {@code {3}} last position, {@code {4}}
   * found, {@code {5}} expected.
   */
  public Object[] messageArguments() {
    Object fieldName =
        field == null ? "" : new DefaultMessageSourceResolvable(new String[] {field.messageKey()});
    return new Object[] {
      fieldName,
      Integer.toString(line),
      Integer.toString(position),
      Integer.toString(endPosition),
      found,
      expected
    };
  }

  /**
   * The defect in an English sentence for logs of the operator's view and tests, e.g. {@code check
   * digit of the birth date (line 2, position 20) is 3 but the field gives 2}. It names only
   * positions and the characters of the zone.
   */
  public String describe() {
    String name = field == null ? "" : field.label();
    return switch (kind) {
      case LINE_COUNT -> "the zone has " + found + " lines; TD1 has 3, TD2 and TD3 have 2";
      case LINE_LENGTH ->
          "line " + line + " has " + found + " characters; the format's lines have " + expected;
      case CHARACTER ->
          "line "
              + line
              + ", position "
              + position
              + " holds '"
              + found
              + "', which is not in the MRZ character set A-Z 0-9 <";
      case FIELD_CHARACTER ->
          "the "
              + name
              + " (line "
              + line
              + ", position "
              + position
              + ") holds '"
              + found
              + "' where only "
              + expected
              + " are allowed";
      case CHECK_DIGIT ->
          field == MrzField.COMPOSITE
              ? "composite check digit (line "
                  + line
                  + ", position "
                  + position
                  + ") is "
                  + found
                  + " but the fields give "
                  + expected
              : "check digit of the "
                  + name
                  + " (line "
                  + line
                  + ", position "
                  + position
                  + ") is "
                  + found
                  + " but the field gives "
                  + expected;
      case CHECK_DIGIT_NOT_DIGIT ->
          (field == MrzField.COMPOSITE ? "composite check digit" : "check digit of the " + name)
              + " (line "
              + line
              + ", position "
              + position
              + ") is '"
              + found
              + "', not a digit";
      case NOT_A_DATE ->
          "the " + name + " " + found + " (" + where() + ") is not a complete calendar date";
      case EMPTY -> "the " + name + " (" + where() + ") is empty";
      case DOCUMENT_CODE ->
          "the document code '" + found + "' (" + where() + ") is not one of " + expected;
      case MISSING_CONTINUATION ->
          "check digit of the document number (line "
              + line
              + ", position "
              + position
              + ") is a filler, which announces a long number, but the optional data does not"
              + " continue it with characters and a check digit";
    };
  }

  private String where() {
    return position == endPosition
        ? "line " + line + ", position " + position
        : "line " + line + ", positions " + position + "-" + endPosition;
  }

  /** The sentences of {@link #describe()}, one per defect. */
  static List<String> describeAll(List<MrzDefect> defects) {
    return defects.stream().map(MrzDefect::describe).toList();
  }
}

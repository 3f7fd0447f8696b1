package org.trademap.server.checks.document;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.trademap.server.checks.document.MrzDefect.Kind;
import org.trademap.server.checks.document.MrzLayout.CharClass;
import org.trademap.server.checks.document.MrzLayout.Checked;
import org.trademap.server.checks.document.MrzLayout.Element;
import org.trademap.server.checks.document.MrzLayout.Pos;
import org.trademap.server.checks.document.MrzLayout.Span;

/**
 * Reads a machine-readable zone exactly as given (see {@link MrzCorrector} for OCR output) per ICAO
 * Doc 9303: the format from the number of lines and their length, every element, every check digit
 * (document number with its TD1/TD2 continuation, birth date, expiry date, personal number,
 * composite). A zone with any defect is rejected with all its defects; nothing is guessed.
 *
 * <p>Two-digit years: a birth date is put in the latest century that does not make it later than
 * the day of reading; an expiry date in the century that puts it less than 50 years before and at
 * most 49 years after the day of reading.
 */
public final class MrzParser {
  /** An expiry date this many years or more before the day of reading moves a century on. */
  static final int EXPIRY_YEARS_BACK = 50;

  private static final Comparator<MrzDefect> ZONE_ORDER =
      Comparator.comparingInt(MrzDefect::line).thenComparingInt(MrzDefect::position);

  private MrzParser() {}

  /**
   * Parses the zone.
   *
   * @param lines the lines of the zone, top to bottom, without line breaks
   * @param today the day of reading, to place two-digit years
   */
  public static MrzOutcome parse(List<String> lines, LocalDate today) {
    Objects.requireNonNull(today, "today");
    lines = List.copyOf(lines);
    int count = lines.size();
    if (count != 2 && count != 3) {
      return new MrzOutcome.Rejected(
          null,
          List.of(
              new MrzDefect(Kind.LINE_COUNT, null, 0, 0, 0, Integer.toString(count), "2 or 3")));
    }
    MrzFormat format = guessFormat(lines);
    List<MrzDefect> defects = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int length = lines.get(i).length();
      if (length != format.length()) {
        defects.add(
            new MrzDefect(
                Kind.LINE_LENGTH,
                null,
                i + 1,
                0,
                0,
                Integer.toString(length),
                Integer.toString(format.length())));
      }
    }
    if (!defects.isEmpty()) {
      return new MrzOutcome.Rejected(format, defects);
    }
    for (int i = 0; i < count; i++) {
      String line = lines.get(i);
      for (int j = 0; j < line.length(); j++) {
        char c = line.charAt(j);
        if (!CheckDigits.isMrzChar(c)) {
          defects.add(
              new MrzDefect(Kind.CHARACTER, null, i + 1, j + 1, j + 1, String.valueOf(c), ""));
        }
      }
    }
    if (!defects.isEmpty()) {
      return new MrzOutcome.Rejected(format, defects);
    }
    return new Reader(MrzLayout.of(format), lines, today).read();
  }

  /** Three lines are TD1; of two, the length of the first decides (the nearer of 36 and 44). */
  static MrzFormat guessFormat(List<String> lines) {
    if (lines.size() == 3) {
      return MrzFormat.TD1;
    }
    int length = lines.getFirst().length();
    return Math.abs(length - MrzFormat.TD2.length()) < Math.abs(length - MrzFormat.TD3.length())
        ? MrzFormat.TD2
        : MrzFormat.TD3;
  }

  /** Trims fillers at both ends and turns inner runs of fillers into one space. */
  static String withoutFillers(String text) {
    return text.replaceAll("^<+|<+$", "").replaceAll("<+", " ");
  }

  /** The reading of one zone of known format, size and character set. */
  private static final class Reader {
    private final MrzLayout layout;
    private final List<String> lines;
    private final LocalDate today;
    private final List<MrzDefect> defects = new ArrayList<>();

    Reader(MrzLayout layout, List<String> lines, LocalDate today) {
      this.layout = layout;
      this.lines = lines;
      this.today = today;
    }

    MrzOutcome read() {
      for (Element e : layout.elements()) {
        checkCharacters(e);
      }
      String code = text(MrzField.DOCUMENT_CODE);
      checkDocumentCode(code);
      requireNotEmpty(MrzField.ISSUING_STATE);
      requireNotEmpty(MrzField.NATIONALITY);
      requireNotEmpty(MrzField.NAME);
      String number = documentNumber();
      Optional<LocalDate> birth = date(MrzField.BIRTH_DATE);
      Optional<LocalDate> expiry = date(MrzField.EXPIRY_DATE);
      for (Element e : layout.elements()) {
        Pos check = e.check();
        if (check != null && e.field() != MrzField.DOCUMENT_NUMBER) {
          checkDigit(new Checked(e.field(), e.span().positions(), check), e.fillerCheckAllowed());
        }
      }
      checkDigit(layout.composite(), false);
      if (!defects.isEmpty() || birth.isEmpty() || expiry.isEmpty()) {
        defects.sort(ZONE_ORDER);
        return new MrzOutcome.Rejected(layout.format(), defects);
      }
      String name = text(MrzField.NAME);
      int doubleFiller = name.indexOf("<<");
      String primary = doubleFiller < 0 ? name : name.substring(0, doubleFiller);
      String secondary = doubleFiller < 0 ? "" : name.substring(doubleFiller + 2);
      return new MrzOutcome.Parsed(
          new MrzData(
              layout.format(),
              withoutFillers(code),
              withoutFillers(text(MrzField.ISSUING_STATE)),
              withoutFillers(primary),
              withoutFillers(secondary),
              name.charAt(name.length() - 1) != '<',
              number,
              withoutFillers(text(MrzField.NATIONALITY)),
              birth.get(),
              Sex.of(text(MrzField.SEX).charAt(0)),
              expiry.get(),
              withoutFillers(optionalData()),
              layout.format() == MrzFormat.TD1
                  ? withoutFillers(text(MrzField.OPTIONAL_DATA_2))
                  : "",
              lines));
    }

    private void defect(Kind kind, MrzField field, Span span) {
      defects.add(
          new MrzDefect(
              kind, field, span.line() + 1, span.start() + 1, span.end(), span.of(lines), ""));
    }

    private void defect(Kind kind, MrzField field, Pos pos, String found, String expected) {
      defects.add(
          new MrzDefect(
              kind, field, pos.line() + 1, pos.index() + 1, pos.index() + 1, found, expected));
    }

    private String text(MrzField field) {
      return layout.element(field).span().of(lines);
    }

    private void checkCharacters(Element e) {
      Span span = e.span();
      String line = lines.get(span.line());
      for (int i = span.start(); i < span.end(); i++) {
        char c = line.charAt(i);
        if (!allowed(e.type(), c)) {
          defect(
              Kind.FIELD_CHARACTER,
              e.field(),
              new Pos(span.line(), i),
              String.valueOf(c),
              e.type().allowed());
        }
      }
    }

    private static boolean allowed(CharClass type, char c) {
      return switch (type) {
        case LETTERS -> c == '<' || (c >= 'A' && c <= 'Z');
        case DIGITS -> c == '<' || (c >= '0' && c <= '9');
        case ALPHANUMERIC -> true;
        case SEX -> c == 'M' || c == 'F' || c == 'X' || c == '<';
        case CHECK_DIGIT -> c >= '0' && c <= '9';
      };
    }

    private void checkDocumentCode(String code) {
      char first = code.charAt(0);
      boolean fits =
          layout.format() == MrzFormat.TD3
              ? first == 'P'
              : first == 'I' || first == 'A' || first == 'C';
      if (!fits) {
        defects.add(
            new MrzDefect(
                Kind.DOCUMENT_CODE,
                MrzField.DOCUMENT_CODE,
                1,
                1,
                2,
                code,
                layout.format() == MrzFormat.TD3
                    ? "a passport's (P)"
                    : "an identity document's (I, A or C)"));
      }
    }

    private void requireNotEmpty(MrzField field) {
      Span span = layout.element(field).span();
      if (span.of(lines).charAt(0) == '<') {
        defects.add(
            new MrzDefect(
                Kind.EMPTY,
                field,
                span.line() + 1,
                span.start() + 1,
                span.end(),
                span.of(lines),
                ""));
      }
    }

    /** The document number without fillers, its check digit checked; empty text if defective. */
    private String documentNumber() {
      Element element = layout.element(MrzField.DOCUMENT_NUMBER);
      Optional<Checked> checked = layout.documentNumber(lines);
      if (checked.isEmpty()) {
        Pos check = Objects.requireNonNull(element.check());
        defect(Kind.MISSING_CONTINUATION, MrzField.DOCUMENT_NUMBER, check, "<", "");
        return "";
      }
      String number = checked.get().text(lines);
      if (number.charAt(0) == '<') {
        defect(Kind.EMPTY, MrzField.DOCUMENT_NUMBER, element.span());
      }
      checkDigit(checked.get(), false);
      return number.replace("<", "");
    }

    /** The optional data after the continuation of a long document number, if any. */
    private String optionalData() {
      MrzField field =
          layout.format() == MrzFormat.TD3 ? MrzField.PERSONAL_NUMBER : MrzField.OPTIONAL_DATA;
      String text = text(field);
      int continued = layout.continuationLength(lines);
      return continued == 0 ? text : text.substring(Math.min(text.length(), continued));
    }

    private Optional<LocalDate> date(MrzField field) {
      Span span = layout.element(field).span();
      String text = span.of(lines);
      Optional<LocalDate> date = Optional.empty();
      if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
        int yy = Integer.parseInt(text.substring(0, 2));
        int month = Integer.parseInt(text.substring(2, 4));
        int day = Integer.parseInt(text.substring(4, 6));
        date =
            field == MrzField.BIRTH_DATE
                ? birthDate(yy, month, day, today)
                : expiryDate(yy, month, day, today);
      }
      if (date.isEmpty()) {
        defect(Kind.NOT_A_DATE, field, span);
      }
      return date;
    }

    private void checkDigit(Checked checked, boolean fillerAllowed) {
      Pos check = checked.check();
      char found = lines.get(check.line()).charAt(check.index());
      String text = checked.text(lines);
      if (found == '<' && fillerAllowed && text.chars().allMatch(c -> c == '<')) {
        return;
      }
      char computed = CheckDigits.of(text);
      if (found < '0' || found > '9') {
        defect(
            Kind.CHECK_DIGIT_NOT_DIGIT,
            checked.field(),
            check,
            String.valueOf(found),
            String.valueOf(computed));
      } else if (found != computed) {
        defect(
            Kind.CHECK_DIGIT,
            checked.field(),
            check,
            String.valueOf(found),
            String.valueOf(computed));
      }
    }
  }

  /** The birth date in the latest century that does not put it after {@code today}. */
  static Optional<LocalDate> birthDate(int yy, int month, int day, LocalDate today) {
    int century = today.getYear() / 100 * 100;
    for (int year : new int[] {century + yy, century - 100 + yy}) {
      Optional<LocalDate> date = of(year, month, day);
      if (date.isPresent() && !date.get().isAfter(today)) {
        return date;
      }
    }
    return Optional.empty();
  }

  /**
   * The expiry date in the century that puts it from 50 years before to 49 years after {@code
   * today}.
   */
  static Optional<LocalDate> expiryDate(int yy, int month, int day, LocalDate today) {
    int year = today.getYear() / 100 * 100 + yy;
    if (year >= today.getYear() + EXPIRY_YEARS_BACK) {
      year -= 100;
    } else if (year < today.getYear() - EXPIRY_YEARS_BACK) {
      year += 100;
    }
    return of(year, month, day);
  }

  private static Optional<LocalDate> of(int year, int month, int day) {
    try {
      return Optional.of(LocalDate.of(year, month, day));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** For the corrector: whether this character may stand at a position of this class. */
  static boolean fits(@Nullable CharClass type, char c) {
    return type != null && Reader.allowed(type, c);
  }
}

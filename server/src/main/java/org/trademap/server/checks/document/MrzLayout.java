package org.trademap.server.checks.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where each data element of a format sits (ICAO Doc 9303 Parts 4–6), what characters it may hold
 * and which check digit covers it. Lines and indexes are 0-based here; defects and corrections
 * translate them to the 1-based numbering of the standard.
 */
final class MrzLayout {

  /** What a position may hold. */
  enum CharClass {
    /** Letters and the filler: names, codes. */
    LETTERS("letters and <"),
    /** Digits (a filler stands for an unknown part of a date): dates. */
    DIGITS("digits"),
    /** Letters, digits and the filler: numbers and optional data. */
    ALPHANUMERIC("letters, digits and <"),
    /** {@code M}, {@code F}, {@code X} or {@code <}. */
    SEX("M, F, X or <"),
    /** A check digit; the filler only where the standard allows it. */
    CHECK_DIGIT("digits");

    private final String allowed;

    CharClass(String allowed) {
      this.allowed = allowed;
    }

    /** The English description of what is allowed. */
    String allowed() {
      return allowed;
    }
  }

  /** One position of the zone. */
  record Pos(int line, int index) {}

  /** The positions {@code [start, end)} of one line. */
  record Span(int line, int start, int end) {
    Span {
      if (line < 0 || start < 0 || end <= start) {
        throw new IllegalArgumentException("empty or negative span");
      }
    }

    String of(List<String> lines) {
      return lines.get(line).substring(start, end);
    }

    List<Pos> positions() {
      List<Pos> positions = new ArrayList<>(end - start);
      for (int i = start; i < end; i++) {
        positions.add(new Pos(line, i));
      }
      return positions;
    }
  }

  /**
   * One data element.
   *
   * @param check the position of its check digit; {@code null} if it has none
   * @param fillerCheckAllowed whether the check digit may be {@code <} when the element is all
   *     fillers (the personal number of a passport)
   */
  record Element(
      MrzField field, Span span, CharClass type, @Nullable Pos check, boolean fillerCheckAllowed) {}

  /**
   * A run of characters under one check digit: an element, the composite, or the document number
   * with its continuation.
   */
  record Checked(MrzField field, List<Pos> positions, Pos check) {
    String text(List<String> lines) {
      StringBuilder text = new StringBuilder(positions.size());
      for (Pos p : positions) {
        text.append(lines.get(p.line()).charAt(p.index()));
      }
      return text.toString();
    }
  }

  private static final Map<MrzFormat, MrzLayout> LAYOUTS =
      Map.of(
          MrzFormat.TD1,
          new MrzLayout(
              MrzFormat.TD1,
              List.of(
                  element(MrzField.DOCUMENT_CODE, 0, 0, 2, CharClass.LETTERS),
                  element(MrzField.ISSUING_STATE, 0, 2, 5, CharClass.LETTERS),
                  checked(MrzField.DOCUMENT_NUMBER, 0, 5, 14, CharClass.ALPHANUMERIC, false),
                  element(MrzField.OPTIONAL_DATA, 0, 15, 30, CharClass.ALPHANUMERIC),
                  checked(MrzField.BIRTH_DATE, 1, 0, 6, CharClass.DIGITS, false),
                  element(MrzField.SEX, 1, 7, 8, CharClass.SEX),
                  checked(MrzField.EXPIRY_DATE, 1, 8, 14, CharClass.DIGITS, false),
                  element(MrzField.NATIONALITY, 1, 15, 18, CharClass.LETTERS),
                  element(MrzField.OPTIONAL_DATA_2, 1, 18, 29, CharClass.ALPHANUMERIC),
                  element(MrzField.NAME, 2, 0, 30, CharClass.LETTERS)),
              new Pos(1, 29),
              List.of(
                  new Span(0, 5, 30), new Span(1, 0, 7), new Span(1, 8, 15), new Span(1, 18, 29)),
              new Span(0, 15, 30)),
          MrzFormat.TD2,
          new MrzLayout(
              MrzFormat.TD2,
              twoLines(36, element(MrzField.OPTIONAL_DATA, 1, 28, 35, CharClass.ALPHANUMERIC)),
              new Pos(1, 35),
              List.of(new Span(1, 0, 10), new Span(1, 13, 20), new Span(1, 21, 35)),
              new Span(1, 28, 35)),
          MrzFormat.TD3,
          new MrzLayout(
              MrzFormat.TD3,
              twoLines(
                  44, checked(MrzField.PERSONAL_NUMBER, 1, 28, 42, CharClass.ALPHANUMERIC, true)),
              new Pos(1, 43),
              List.of(new Span(1, 0, 10), new Span(1, 13, 20), new Span(1, 21, 43)),
              null));

  private final MrzFormat format;
  private final List<Element> elements;
  private final Pos composite;
  private final List<Span> compositeOver;
  private final @Nullable Span continuation;
  private final CharClass[][] classes;

  private MrzLayout(
      MrzFormat format,
      List<Element> elements,
      Pos composite,
      List<Span> compositeOver,
      @Nullable Span continuation) {
    this.format = format;
    this.elements = List.copyOf(elements);
    this.composite = composite;
    this.compositeOver = List.copyOf(compositeOver);
    this.continuation = continuation;
    this.classes = new CharClass[format.lines()][format.length()];
    for (Element e : elements) {
      for (Pos p : e.span().positions()) {
        classes[p.line()][p.index()] = e.type();
      }
      Pos check = e.check();
      if (check != null) {
        classes[check.line()][check.index()] = CharClass.CHECK_DIGIT;
      }
    }
    classes[composite.line()][composite.index()] = CharClass.CHECK_DIGIT;
    for (CharClass[] line : classes) {
      for (CharClass c : line) {
        if (c == null) {
          throw new IllegalStateException(format + ": a position belongs to no element");
        }
      }
    }
  }

  /**
   * The elements of TD2 and TD3, which differ only in the length of the name and in what follows
   * the expiry date.
   */
  private static List<Element> twoLines(int length, Element last) {
    return List.of(
        element(MrzField.DOCUMENT_CODE, 0, 0, 2, CharClass.LETTERS),
        element(MrzField.ISSUING_STATE, 0, 2, 5, CharClass.LETTERS),
        element(MrzField.NAME, 0, 5, length, CharClass.LETTERS),
        checked(MrzField.DOCUMENT_NUMBER, 1, 0, 9, CharClass.ALPHANUMERIC, false),
        element(MrzField.NATIONALITY, 1, 10, 13, CharClass.LETTERS),
        checked(MrzField.BIRTH_DATE, 1, 13, 19, CharClass.DIGITS, false),
        element(MrzField.SEX, 1, 20, 21, CharClass.SEX),
        checked(MrzField.EXPIRY_DATE, 1, 21, 27, CharClass.DIGITS, false),
        last);
  }

  private static Element element(MrzField field, int line, int start, int end, CharClass type) {
    return new Element(field, new Span(line, start, end), type, null, false);
  }

  private static Element checked(
      MrzField field, int line, int start, int end, CharClass type, boolean fillerCheckAllowed) {
    return new Element(
        field, new Span(line, start, end), type, new Pos(line, end), fillerCheckAllowed);
  }

  static MrzLayout of(MrzFormat format) {
    return Objects.requireNonNull(LAYOUTS.get(format));
  }

  MrzFormat format() {
    return format;
  }

  List<Element> elements() {
    return elements;
  }

  Element element(MrzField field) {
    for (Element e : elements) {
      if (e.field() == field) {
        return e;
      }
    }
    throw new IllegalArgumentException(format + " has no " + field);
  }

  /** What the position may hold, by the static layout (a continued document number aside). */
  CharClass classAt(int line, int index) {
    return classes[line][index];
  }

  /** The composite check digit and the spans it covers. */
  Checked composite() {
    List<Pos> positions = new ArrayList<>();
    for (Span span : compositeOver) {
      positions.addAll(span.positions());
    }
    return new Checked(MrzField.COMPOSITE, positions, composite);
  }

  /**
   * The optional data that may hold the continuation of a long document number (TD1 upper line
   * positions 16–30, TD2 lower line positions 29–35); {@code null} for TD3, which has none.
   */
  @Nullable Span continuation() {
    return continuation;
  }

  /**
   * The document number under its check digit. A TD1 or TD2 number longer than nine characters has
   * a filler in place of its check digit; its remaining characters and then its check digit open
   * the optional data. Empty when the check digit is a filler but the optional data does not go on
   * with at least one character and a check digit.
   */
  Optional<Checked> documentNumber(List<String> lines) {
    Element number = element(MrzField.DOCUMENT_NUMBER);
    Pos check = Objects.requireNonNull(number.check());
    List<Pos> positions = new ArrayList<>(number.span().positions());
    Span rest = continuation;
    if (rest == null || lines.get(check.line()).charAt(check.index()) != '<') {
      return Optional.of(new Checked(MrzField.DOCUMENT_NUMBER, positions, check));
    }
    int length = continuationLength(lines);
    if (length < 2) {
      return Optional.empty();
    }
    for (int i = rest.start(); i < rest.start() + length - 1; i++) {
      positions.add(new Pos(rest.line(), i));
    }
    return Optional.of(
        new Checked(
            MrzField.DOCUMENT_NUMBER, positions, new Pos(rest.line(), rest.start() + length - 1)));
  }

  /**
   * How many characters at the start of the optional data continue the document number, its check
   * digit included: up to the first filler. 0 when the number is not continued.
   */
  int continuationLength(List<String> lines) {
    Span rest = continuation;
    Pos check = Objects.requireNonNull(element(MrzField.DOCUMENT_NUMBER).check());
    if (rest == null || lines.get(check.line()).charAt(check.index()) != '<') {
      return 0;
    }
    String text = rest.of(lines);
    int filler = text.indexOf('<');
    return filler < 0 ? text.length() : filler;
  }
}

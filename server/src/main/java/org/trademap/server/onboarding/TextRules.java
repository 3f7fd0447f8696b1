package org.trademap.server.onboarding;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The rules for names and other free text that people type.
 *
 * <ol>
 *   <li>The text is normalised to Unicode NFC first, so that {@code Zoë} typed as {@code o} +
 *       combining diaeresis and {@code Zoë} typed precomposed are the same value and hash alike.
 *   <li>Refused: C0 and C1 control characters, DEL, line and paragraph separators (so CR/LF cannot
 *       forge log lines or mail headers), zero-width characters (U+200B–U+200D, U+2060, U+FEFF),
 *       bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), every other
 *       invisible format character, and unassigned, private-use and lone surrogate code points
 *       (whose normalisation a later Unicode version could change, and with it the hash). More than
 *       {@value #MAX_MARKS_IN_A_ROW} combining marks in a row are refused too.
 *   <li>Spaces at either end are removed; nothing else is changed. Real diacritics and every script
 *       are kept: {@code Zoë}, {@code Müller}, {@code Ørsted}, {@code Łukasz}, {@code Nguyễn},
 *       {@code 山田} are all valid.
 *   <li>A text longer than its limit (counted in code points after NFC) is refused, never
 *       truncated.
 *   <li>A name must contain at least one letter. Names whose letters mix scripts that are not
 *       normally mixed (UTS #39 moderately restrictive level, checked with ICU's {@link
 *       SpoofChecker}: e.g. a Cyrillic {@code а} in an otherwise Latin name) are accepted but
 *       flagged for review; a name wholly in one script, or Latin with Han and Kana, is not.
 * </ol>
 *
 * <p>Anything else is just text: SQL, HTML, template or spreadsheet-formula strings are accepted as
 * they are and must be rendered literally wherever they are shown.
 */
public final class TextRules {
  /** Limit for a surname or the given names of a person or beneficial owner, in code points. */
  public static final int MAX_NAME_LENGTH = 200;

  /** Limit for the name of a legal entity, in code points. */
  public static final int MAX_ENTITY_NAME_LENGTH = 300;

  /** Limit for a street with its number, in code points. */
  public static final int MAX_STREET_LENGTH = 200;

  /** Limit for a town, in code points. */
  public static final int MAX_TOWN_LENGTH = 100;

  /** Limit for an occupation, in code points. */
  public static final int MAX_OCCUPATION_LENGTH = 200;

  /** Limit for the description of control by other means (Form K), in code points. */
  public static final int MAX_DESCRIPTION_LENGTH = 1000;

  /**
   * The most combining marks allowed in a row after NFC. Pointed Hebrew and Vietnamese need at most
   * three; "Zalgo" text needs many.
   */
  public static final int MAX_MARKS_IN_A_ROW = 4;

  private static final Normalizer2 NFC = Normalizer2.getNFCInstance();
  private static final Normalizer2 NFD = Normalizer2.getNFDInstance();

  // Thread-safe once built (ICU documents concurrent use of the check functions).
  private static final SpoofChecker SPOOF_CHECKER =
      new SpoofChecker.Builder()
          .setChecks(
              SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS | SpoofChecker.INVISIBLE)
          .setRestrictionLevel(SpoofChecker.RestrictionLevel.MODERATELY_RESTRICTIVE)
          .build();

  private TextRules() {}

  /** Whether the text is in Unicode Normalization Form C. */
  public static boolean isNfc(String text) {
    return NFC.isNormalized(text);
  }

  /** The text in Unicode Normalization Form C. */
  public static String nfc(String text) {
    return NFC.normalize(text);
  }

  /**
   * Validates a person's or an owner's surname or given names, or an entity's name.
   *
   * @param field the path of the field, for the errors and flags
   * @param raw the text as typed; {@code null} when the field is missing
   * @param maxLength the limit in code points, e.g. {@link #MAX_NAME_LENGTH}
   * @return the normalised name, flagged when its scripts look like a look-alike; or the errors
   */
  public static Validation<String> name(String field, @Nullable String raw, int maxLength) {
    return check(field, raw, maxLength, Kind.NAME);
  }

  /**
   * Validates free text such as a street, a town or an occupation: the same rules as for names
   * except that no letter is needed and scripts are not compared.
   */
  public static Validation<String> text(String field, @Nullable String raw, int maxLength) {
    return check(field, raw, maxLength, Kind.TEXT);
  }

  /** The text without the space separators (Unicode Zs) at either end. */
  static String stripSpaces(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isSpace(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    while (end > start && isSpace(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return text.substring(start, end);
  }

  private static boolean isSpace(int codePoint) {
    return UCharacter.getType(codePoint) == UCharacterCategory.SPACE_SEPARATOR;
  }

  private enum Kind {
    NAME(
        FieldError.Code.NAME_EMPTY,
        FieldError.Code.NAME_TOO_LONG,
        FieldError.Code.NAME_CONTROL_CHARACTER,
        FieldError.Code.NAME_ZERO_WIDTH,
        FieldError.Code.NAME_BIDI_CONTROL,
        FieldError.Code.NAME_FORMAT_CHARACTER,
        FieldError.Code.NAME_UNSUPPORTED_CHARACTER,
        FieldError.Code.NAME_TOO_MANY_MARKS),
    TEXT(
        FieldError.Code.TEXT_EMPTY,
        FieldError.Code.TEXT_TOO_LONG,
        FieldError.Code.TEXT_CONTROL_CHARACTER,
        FieldError.Code.TEXT_ZERO_WIDTH,
        FieldError.Code.TEXT_BIDI_CONTROL,
        FieldError.Code.TEXT_FORMAT_CHARACTER,
        FieldError.Code.TEXT_UNSUPPORTED_CHARACTER,
        FieldError.Code.TEXT_TOO_MANY_MARKS);

    final FieldError.Code empty;
    final FieldError.Code tooLong;
    final FieldError.Code control;
    final FieldError.Code zeroWidth;
    final FieldError.Code bidi;
    final FieldError.Code format;
    final FieldError.Code unsupported;
    final FieldError.Code tooManyMarks;

    Kind(
        FieldError.Code empty,
        FieldError.Code tooLong,
        FieldError.Code control,
        FieldError.Code zeroWidth,
        FieldError.Code bidi,
        FieldError.Code format,
        FieldError.Code unsupported,
        FieldError.Code tooManyMarks) {
      this.empty = empty;
      this.tooLong = tooLong;
      this.control = control;
      this.zeroWidth = zeroWidth;
      this.bidi = bidi;
      this.format = format;
      this.unsupported = unsupported;
      this.tooManyMarks = tooManyMarks;
    }
  }

  private static Validation<String> check(
      String field, @Nullable String raw, int maxLength, Kind kind) {
    if (raw == null) {
      return new Validation.Invalid<>(List.of(new FieldError(field, FieldError.Code.REQUIRED)));
    }
    String text = stripSpaces(nfc(raw));
    // An EnumSet keeps one error per rule, in a stable order, however often the rule is broken.
    Set<FieldError.Code> refused = EnumSet.noneOf(FieldError.Code.class);
    boolean hasLetter = false;
    int marksInARow = 0;
    int length = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      length++;
      FieldError.Code forbidden = forbidden(cp, kind);
      if (forbidden != null) {
        refused.add(forbidden);
      }
      int type = UCharacter.getType(cp);
      hasLetter |= UCharacter.isLetter(cp);
      if (type == UCharacterCategory.NON_SPACING_MARK
          || type == UCharacterCategory.ENCLOSING_MARK) {
        if (++marksInARow > MAX_MARKS_IN_A_ROW) {
          refused.add(kind.tooManyMarks);
        }
      } else {
        marksInARow = 0;
      }
    }
    List<FieldError> errors = new ArrayList<>();
    if (text.isEmpty()) {
      errors.add(new FieldError(field, kind.empty));
    }
    if (length > maxLength) {
      errors.add(
          new FieldError(
              field, kind.tooLong, List.of(Integer.toString(maxLength), Integer.toString(length))));
    }
    for (FieldError.Code code : refused) {
      errors.add(new FieldError(field, code));
    }
    if (kind == Kind.NAME && !text.isEmpty() && !hasLetter && refused.isEmpty()) {
      errors.add(new FieldError(field, FieldError.Code.NAME_NO_LETTER));
    }
    if (!errors.isEmpty()) {
      return new Validation.Invalid<>(errors);
    }
    return new Validation.Valid<>(text, kind == Kind.NAME ? spoofFlags(field, text) : List.of());
  }

  private static FieldError.@Nullable Code forbidden(int cp, Kind kind) {
    if (cp == 0x061C || cp == 0x200E || cp == 0x200F) {
      return kind.bidi;
    }
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
      return kind.bidi;
    }
    if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF) {
      return kind.zeroWidth;
    }
    return switch (UCharacter.getType(cp)) {
      case UCharacterCategory.CONTROL,
          UCharacterCategory.LINE_SEPARATOR,
          UCharacterCategory.PARAGRAPH_SEPARATOR ->
          kind.control;
      case UCharacterCategory.FORMAT -> kind.format;
      case UCharacterCategory.UNASSIGNED,
          UCharacterCategory.PRIVATE_USE,
          UCharacterCategory.SURROGATE ->
          kind.unsupported;
      default -> null;
    };
  }

  private static List<ReviewFlag> spoofFlags(String field, String name) {
    SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
    // NFD, as UTS #39 specifies: a mark repeated after a precomposed letter (á + U+0301) only
    // shows as a repetition once the letter is decomposed.
    if (!SPOOF_CHECKER.failsChecks(NFD.normalize(name), result)) {
      return List.of();
    }
    List<ReviewFlag> flags = new ArrayList<>();
    if ((result.checks & SpoofChecker.RESTRICTION_LEVEL) != 0) {
      flags.add(
          new ReviewFlag(field, ReviewFlag.REASON_MIXED_SCRIPT, String.join(", ", scripts(name))));
    }
    if ((result.checks & SpoofChecker.MIXED_NUMBERS) != 0) {
      flags.add(
          new ReviewFlag(
              field, ReviewFlag.REASON_MIXED_NUMBERS, String.join(", ", result.numerics)));
    }
    if ((result.checks & SpoofChecker.INVISIBLE) != 0) {
      flags.add(new ReviewFlag(field, ReviewFlag.REASON_REPEATED_MARK, ""));
    }
    return flags;
  }

  /** The scripts of the letters in the text, by their English names, sorted. */
  private static Set<String> scripts(String text) {
    Set<String> scripts = new TreeSet<>();
    text.codePoints()
        .map(UScript::getScript)
        .filter(s -> s != UScript.COMMON && s != UScript.INHERITED && s != UScript.UNKNOWN)
        .forEach(s -> scripts.add(UScript.getName(s)));
    return scripts;
  }
}

package org.trademap.server.onboarding.documents;

import java.text.BreakIterator;
import java.text.Normalizer;
import org.jspecify.annotations.Nullable;

/**
 * Turns the file name a client sent into a name that is safe to display and to offer for download.
 * It is never used to store anything.
 *
 * <p>The last path segment is kept (both {@code /} and {@code \} count, and the look-alike slashes
 * too); the text is normalised to NFC; control, format (bidi overrides, zero-width), surrogate,
 * private-use and unassigned characters are removed; white space is collapsed; leading dots go (no
 * {@code ..}, no hidden files); the base name is cut at a grapheme boundary to {@value #MAX_BASE}
 * characters; and the extension is always the detected type's, so {@code a\u202Egnp.exe} holding a
 * PNG becomes {@code agnp.png}. A name with nothing left becomes the kind's default name.
 */
final class DisplayNames {
  /** The longest base name kept, in UTF-16 code units (the extension comes on top). */
  static final int MAX_BASE = 100;

  /** Only this much of a very long name is looked at, from its end. */
  private static final int MAX_INPUT = 4096;

  private DisplayNames() {}

  static String sanitize(@Nullable String fileName, DocumentType type, DocumentKind kind) {
    String name = fileName == null ? "" : fileName;
    if (name.length() > MAX_INPUT) {
      name = name.substring(name.length() - MAX_INPUT);
    }
    name = Normalizer.normalize(name, Normalizer.Form.NFC);
    name = lastPathSegment(name);
    name = printable(name);
    if (Sniffer.extension(name) != null) {
      name = name.substring(0, name.lastIndexOf('.'));
    }
    name = stripDots(name);
    name = cut(name, MAX_BASE);
    name = stripDots(name);
    if (name.isEmpty()) {
      name = kind.defaultName();
    }
    return name + "." + type.extension();
  }

  private static String lastPathSegment(String name) {
    int cut = -1;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/'
          || c == '\\'
          || c == '\u2044' // fraction slash
          || c == '\u2215' // division slash
          || c == '\u29F8' // big solidus
          || c == '\uFF0F' // fullwidth solidus
          || c == '\uFF3C') { // fullwidth reverse solidus
        cut = i;
      }
    }
    return name.substring(cut + 1);
  }

  /** Removes invisible and control characters and collapses white space to single spaces. */
  private static String printable(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean space = false;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      int category = Character.getType(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        space = out.length() > 0;
        continue;
      }
      if (category == Character.CONTROL
          || category == Character.FORMAT
          || category == Character.SURROGATE
          || category == Character.PRIVATE_USE
          || category == Character.UNASSIGNED
          || category == Character.LINE_SEPARATOR
          || category == Character.PARAGRAPH_SEPARATOR) {
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      out.appendCodePoint(cp);
    }
    return out.toString();
  }

  private static String stripDots(String name) {
    int start = 0;
    int end = name.length();
    while (start < end && (name.charAt(start) == '.' || name.charAt(start) == ' ')) {
      start++;
    }
    while (end > start && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
      end--;
    }
    return name.substring(start, end);
  }

  /** The longest prefix of whole grapheme clusters that fits in {@code max} code units. */
  private static String cut(String name, int max) {
    if (name.length() <= max) {
      return name;
    }
    BreakIterator graphemes = BreakIterator.getCharacterInstance();
    graphemes.setText(name);
    int end = graphemes.preceding(max + 1);
    return name.substring(0, Math.max(end, 0));
  }
}

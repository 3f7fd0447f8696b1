package org.trademap.server.checks.screening;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV dialect of OFAC's legacy distribution: fields separated by commas, text in double quotes
 * (a quote inside doubled), records ended by CR LF or LF, {@code -0-} (possibly padded with spaces)
 * for an empty field, and a DOS end-of-file character (0x1A) at the end of some files.
 */
final class Csv {
  private static final char EOF_MARK = '\u001a';

  private Csv() {}

  /** One record and the line it starts on. */
  record Row(int line, List<String> fields) {}

  /**
   * The records of {@code text}, each field unquoted, {@code -0-} as the empty string.
   *
   * @throws ListFormatException naming {@code file} and the line of a quote that is not closed or
   *     of text after a closing quote
   */
  static List<Row> parse(String file, String text) {
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int line = 1;
    int rowLine = 1;
    int i = 0;
    int n = text.length();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (i < n) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          continue;
        }
        if (c == '\n') {
          line++;
        }
        field.append(c);
        i++;
        continue;
      }
      switch (c) {
        case '"' -> {
          if (!field.toString().isBlank() || wasQuoted) {
            throw new ListFormatException(file + " line " + line + ": a quote inside a field");
          }
          field.setLength(0);
          quoted = true;
          wasQuoted = true;
        }
        case ',' -> {
          fields.add(value(field, wasQuoted));
          field.setLength(0);
          wasQuoted = false;
        }
        case '\r' -> {
          // The LF that follows ends the record.
        }
        case '\n' -> {
          fields.add(value(field, wasQuoted));
          rows.add(new Row(rowLine, List.copyOf(fields)));
          fields.clear();
          field.setLength(0);
          wasQuoted = false;
          line++;
          rowLine = line;
        }
        case EOF_MARK -> {
          if (!text.substring(i + 1).isBlank()) {
            throw new ListFormatException(file + " line " + line + ": text after end of file");
          }
          i = n;
          continue;
        }
        default -> {
          if (wasQuoted && c != ' ') {
            throw new ListFormatException(
                file + " line " + line + ": text after the closing quote of a field");
          }
          field.append(c);
        }
      }
      i++;
    }
    if (quoted) {
      throw new ListFormatException(file + " line " + rowLine + ": a quote is not closed");
    }
    if (!fields.isEmpty() || !field.isEmpty()) {
      fields.add(value(field, wasQuoted));
      rows.add(new Row(rowLine, List.copyOf(fields)));
    }
    return rows;
  }

  private static String value(StringBuilder field, boolean quoted) {
    String text = quoted ? field.toString() : field.toString().strip();
    return !quoted && text.equals("-0-") ? "" : text.strip();
  }
}

package org.trademap.server.checks.document;

import java.util.ArrayList;
import java.util.List;
import org.trademap.server.checks.document.Correction.Reason;

/**
 * One line being corrected, with the corrections made so far; their positions follow insertions and
 * removals so that they always point into the current text.
 */
final class LineDraft {
  private final int line;
  private final StringBuilder text;
  private final List<Correction> corrections;

  LineDraft(int line) {
    this(line, new StringBuilder(), new ArrayList<>());
  }

  private LineDraft(int line, StringBuilder text, List<Correction> corrections) {
    this.line = line;
    this.text = text;
    this.corrections = corrections;
  }

  String text() {
    return text.toString();
  }

  List<Correction> corrections() {
    return List.copyOf(corrections);
  }

  LineDraft copy() {
    return new LineDraft(line, new StringBuilder(text), new ArrayList<>(corrections));
  }

  /** The same line under another 1-based line number. */
  LineDraft renumbered(int newLine) {
    List<Correction> moved = new ArrayList<>();
    for (Correction c : corrections) {
      moved.add(new Correction(newLine, c.position(), c.from(), c.to(), c.reason()));
    }
    return new LineDraft(newLine, new StringBuilder(text), moved);
  }

  /** Appends {@code to} for what OCR gave as {@code from}; a difference is a correction. */
  void append(String to, String from, Reason reason) {
    if (!to.equals(from)) {
      corrections.add(new Correction(line, text.length() + 1, from, to, reason));
    }
    text.append(to);
  }

  /** Replaces the character at the 0-based index; merges with an earlier change there. */
  void set(int index, char c, Reason reason) {
    char old = text.charAt(index);
    if (old == c) {
      return;
    }
    text.setCharAt(index, c);
    String from = String.valueOf(old);
    for (int i = 0; i < corrections.size(); i++) {
      Correction earlier = corrections.get(i);
      if (earlier.position() == index + 1 && earlier.to().equals(from)) {
        from = earlier.from();
        corrections.remove(i);
        break;
      }
    }
    if (!from.equals(String.valueOf(c))) {
      corrections.add(new Correction(line, index + 1, from, String.valueOf(c), reason));
    }
  }

  /** Inserts at the 0-based index. */
  void insert(int index, String inserted, Reason reason) {
    shift(index + 1, inserted.length());
    text.insert(index, inserted);
    corrections.add(new Correction(line, index + 1, "", inserted, reason));
  }

  /** Removes {@code count} characters from the 0-based index. */
  void remove(int index, int count, Reason reason) {
    String removed = text.substring(index, index + count);
    corrections.removeIf(
        c -> c.position() > index && c.position() <= index + count && !c.to().isEmpty());
    shift(index + count + 1, -count);
    text.delete(index, index + count);
    corrections.add(new Correction(line, index + 1, removed, "", reason));
  }

  /** Moves the corrections at 1-based positions from {@code position} on by {@code by}. */
  private void shift(int position, int by) {
    for (int i = 0; i < corrections.size(); i++) {
      Correction c = corrections.get(i);
      if (c.position() >= position) {
        corrections.set(i, new Correction(line, c.position() + by, c.from(), c.to(), c.reason()));
      }
    }
  }
}

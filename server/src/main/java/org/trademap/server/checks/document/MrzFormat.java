package org.trademap.server.checks.document;

import java.util.Optional;

/**
 * The machine-readable-zone formats of ICAO Doc 9303 that identity documents use: the size-1 card
 * (TD1, Part 5), the size-2 document (TD2, Part 6) and the passport (TD3, Part 4).
 */
public enum MrzFormat {
  /** Identity card of size 1 (credit-card size): three lines of 30 characters. */
  TD1(3, 30),
  /** Identity document of size 2: two lines of 36 characters. */
  TD2(2, 36),
  /** Passport: two lines of 44 characters. */
  TD3(2, 44);

  private final int lines;
  private final int length;

  MrzFormat(int lines, int length) {
    this.lines = lines;
    this.length = length;
  }

  /** How many lines the zone has. */
  public int lines() {
    return lines;
  }

  /** How many characters each line has. */
  public int length() {
    return length;
  }

  /**
   * The format of a zone with this many lines of which the first has this length: exact sizes only.
   */
  static Optional<MrzFormat> of(int lineCount, int firstLineLength) {
    for (MrzFormat format : values()) {
      if (format.lines == lineCount && format.length == firstLineLength) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}

package org.trademap.bench;

import java.time.Duration;
import java.util.Locale;

/** Formats durations the way the options spell them. */
final class Durations {
  private Durations() {}

  /** {@code 30s}, {@code 2m}, {@code 1500ms}, {@code 6.2s}. */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    if (ms < 1000) {
      return ms + "ms";
    }
    return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
  }
}

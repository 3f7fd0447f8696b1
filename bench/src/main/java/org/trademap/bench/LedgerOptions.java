package org.trademap.bench;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@code BenchMain ledger}.
 *
 * @param duration total time of the measured steps (the warm-up and signing come on top)
 * @param out where to write the JSON result; null for the default name under {@code bench-results/}
 * @param data the node's data directory, kept afterwards; null for a temporary one
 * @param help only print the usage
 */
record LedgerOptions(Duration duration, @Nullable Path out, @Nullable Path data, boolean help) {

  static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
  static final Duration MIN_DURATION = Duration.ofSeconds(5);

  /**
   * Longest run: each step's transactions are signed before the step starts, and their timestamps
   * must stay inside the ledger's five-minute window until they are submitted.
   */
  static final Duration MAX_DURATION = Duration.ofMinutes(10);

  LedgerOptions {
    if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("the duration must be 5s to 10m");
    }
  }

  /**
   * Parses {@code --duration D}, {@code --out FILE}, {@code --data DIR} (also as {@code --x=v}).
   */
  static LedgerOptions parse(List<String> args) throws UsageException {
    Duration duration = DEFAULT_DURATION;
    Path out = null;
    Path data = null;
    boolean help = false;
    for (Args.Option option : Args.split(args, Set.of("--duration", "--out", "--data"))) {
      String name = option.name();
      switch (name) {
        case "-h", "--help" -> help = true;
        case "--duration" -> duration = parseDuration(option.given());
        case "--out" -> out = parsePath(name, option.given());
        case "--data" -> data = parsePath(name, option.given());
        default -> throw new UsageException("unknown option '" + option.typed() + "'");
      }
    }
    if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
      throw new UsageException(
          "--duration must be between 5s and 10m, not " + Durations.format(duration));
    }
    return new LedgerOptions(duration, out, data, help);
  }

  /**
   * Parses a positive whole number followed by a unit: {@code ms}, {@code s}, {@code m} or {@code
   * h} ({@code 30s}, {@code 2m}, {@code 1500ms}).
   */
  static Duration parseDuration(String text) throws UsageException {
    int digits = 0;
    while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
      digits++;
    }
    String unit = text.substring(digits);
    if (digits == 0 || digits > 9) {
      throw new UsageException(
          "--duration takes a whole number and a unit (ms, s, m, h) such as 30s or 2m, not '"
              + text
              + "'");
    }
    long amount = Long.parseLong(text.substring(0, digits));
    Duration d =
        switch (unit) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default ->
              throw new UsageException(
                  "--duration needs a unit (ms, s, m, h) such as 30s or 2m, not '" + text + "'");
        };
    if (d.isZero()) {
      throw new UsageException("--duration must be positive");
    }
    return d;
  }

  static Path parsePath(String option, String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException(option + " needs a non-empty path");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UsageException(option + ": not a valid path: " + e.getMessage());
    }
  }
}

package org.trademap.server.checks.residence;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code trademap.residence.*} properties: how long a residence code lives, how many wrong
 * codes are allowed, and the fonts of the letter.
 *
 * @param codeValidity how long a letter's code works, counted from its making; the code works to
 *     the end of that day (UTC), the date printed in the letter. Default 30 days, 1 to 180 days.
 * @param maxFailuresPerLetter wrong codes a letter allows; the last one locks it until an operator
 *     makes a new letter. Default 5, 1 to 20.
 * @param maxFailuresPerAccount wrong codes an account may enter within {@link #accountWindow} over
 *     all its letters; more are refused ({@code residence.throttled}) without being checked.
 *     Default 10, at least {@link #maxFailuresPerLetter}, at most 100.
 * @param accountWindow the sliding window of {@link #maxFailuresPerAccount}; default 24 hours, 1
 *     minute to 30 days
 * @param fonts TrueType files the letter is set in, tried in this order for each character; files
 *     that do not exist are skipped, and Liberation Sans from the PDFBox jar comes last. Default
 *     DejaVu Sans of Debian's {@code fonts-dejavu-core}.
 */
@ConfigurationProperties("trademap.residence")
record ResidenceProperties(
    @DefaultValue("30d") Duration codeValidity,
    @DefaultValue("5") int maxFailuresPerLetter,
    @DefaultValue("10") int maxFailuresPerAccount,
    @DefaultValue("24h") Duration accountWindow,
    @DefaultValue("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") List<Path> fonts) {

  /** Refuses settings outside the documented ranges. */
  ResidenceProperties {
    if (codeValidity.compareTo(Duration.ofDays(1)) < 0
        || codeValidity.compareTo(Duration.ofDays(180)) > 0) {
      throw new IllegalArgumentException("trademap.residence.code-validity must be 1 to 180 days");
    }
    if (maxFailuresPerLetter < 1 || maxFailuresPerLetter > 20) {
      throw new IllegalArgumentException(
          "trademap.residence.max-failures-per-letter must be 1 to 20");
    }
    if (maxFailuresPerAccount < maxFailuresPerLetter || maxFailuresPerAccount > 100) {
      throw new IllegalArgumentException(
          "trademap.residence.max-failures-per-account must be max-failures-per-letter to 100");
    }
    if (accountWindow.compareTo(Duration.ofMinutes(1)) < 0
        || accountWindow.compareTo(Duration.ofDays(30)) > 0) {
      throw new IllegalArgumentException(
          "trademap.residence.account-window must be 1 minute to 30 days");
    }
    fonts = List.copyOf(fonts);
  }

  /** The defaults, as documented. */
  static ResidenceProperties defaults() {
    return new ResidenceProperties(
        Duration.ofDays(30),
        5,
        10,
        Duration.ofHours(24),
        List.of(Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")));
  }
}

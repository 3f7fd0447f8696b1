package org.trademap.server.checks.screening;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the compact form of {@link BirthDate#toString()}. */
final class BirthDateFormat {
  private static final Pattern DAY = Pattern.compile("(~?)(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
  private static final Pattern YEAR = Pattern.compile("(~?)(\\d{4})");
  private static final Pattern BETWEEN = Pattern.compile("(\\d{4})\\.\\.(\\d{4})");

  private BirthDateFormat() {}

  static BirthDate parse(String text) {
    try {
      Matcher m = DAY.matcher(text);
      if (m.matches()) {
        return new BirthDate.Day(
            LocalDate.of(number(m, 2), number(m, 3), number(m, 4)), !m.group(1).isEmpty());
      }
      m = MONTH.matcher(text);
      if (m.matches()) {
        return new BirthDate.Month(YearMonth.of(number(m, 1), number(m, 2)));
      }
      m = YEAR.matcher(text);
      if (m.matches()) {
        return new BirthDate.Year(number(m, 2), !m.group(1).isEmpty());
      }
      m = BETWEEN.matcher(text);
      if (m.matches()) {
        return new BirthDate.Between(number(m, 1), number(m, 2));
      }
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("not a birth date: " + text, e);
    }
    throw new IllegalArgumentException("not a birth date: " + text);
  }

  private static int number(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }
}

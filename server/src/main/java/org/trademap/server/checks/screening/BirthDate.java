package org.trademap.server.checks.screening;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A birth date as the lists give it: a day, a month, a year or a range of years, sometimes only
 * approximately. {@code toString()} writes the compact form {@link #parse} reads: {@code
 * 1984-01-08}, {@code 1984-01}, {@code 1984}, {@code ~1984} (approximately), {@code 1970..1972}.
 */
public sealed interface BirthDate {
  int EARLIEST_YEAR = 1800;
  int LATEST_YEAR = 2200;

  /** How well a person's known birth date agrees with this one. */
  Agreement compare(LocalDate date);

  /** How a birth date on a list compares with the subject's, from the best to the worst. */
  enum Agreement {
    /** The same day. */
    SAME_DAY,
    /** The list gives a month or a year only, and the date falls in it. */
    SAME_MONTH_OR_YEAR,
    /** The date lies in the list's range or near its approximate year. */
    IN_RANGE,
    /** Not the same, but too close to tell (the same year, or one year off). */
    CLOSE,
    /** Clearly another date. */
    CONFLICTS
  }

  /** A day; {@code approximate} when the list says "approximately". */
  record Day(LocalDate date, boolean approximate) implements BirthDate {
    public Day {
      checkYear(date.getYear());
    }

    @Override
    public Agreement compare(LocalDate other) {
      if (date.equals(other)) {
        return Agreement.SAME_DAY;
      }
      int years = Math.abs(date.getYear() - other.getYear());
      if (approximate && years <= 2) {
        return Agreement.IN_RANGE;
      }
      return years <= 1 ? Agreement.CLOSE : Agreement.CONFLICTS;
    }

    @Override
    public String toString() {
      return (approximate ? "~" : "") + date;
    }
  }

  /** A month. */
  record Month(YearMonth month) implements BirthDate {
    public Month {
      checkYear(month.getYear());
    }

    @Override
    public Agreement compare(LocalDate other) {
      if (YearMonth.from(other).equals(month)) {
        return Agreement.SAME_MONTH_OR_YEAR;
      }
      return Math.abs(month.getYear() - other.getYear()) <= 1
          ? Agreement.CLOSE
          : Agreement.CONFLICTS;
    }

    @Override
    public String toString() {
      return month.toString();
    }
  }

  /** A year; {@code approximate} ("circa") accepts two years either side as in range. */
  record Year(int year, boolean approximate) implements BirthDate {
    public Year {
      checkYear(year);
    }

    @Override
    public Agreement compare(LocalDate other) {
      int years = Math.abs(year - other.getYear());
      if (years == 0) {
        return Agreement.SAME_MONTH_OR_YEAR;
      }
      if (approximate && years <= 2) {
        return Agreement.IN_RANGE;
      }
      return years <= 1 ? Agreement.CLOSE : Agreement.CONFLICTS;
    }

    @Override
    public String toString() {
      return (approximate ? "~" : "") + year;
    }
  }

  /** A range of years, both ends included. */
  record Between(int from, int to) implements BirthDate {
    public Between {
      checkYear(from);
      checkYear(to);
      if (from > to) {
        throw new IllegalArgumentException("a range of birth years must not end before it starts");
      }
    }

    @Override
    public Agreement compare(LocalDate other) {
      int year = other.getYear();
      if (year >= from && year <= to) {
        return Agreement.IN_RANGE;
      }
      return year == from - 1 || year == to + 1 ? Agreement.CLOSE : Agreement.CONFLICTS;
    }

    @Override
    public String toString() {
      return from + ".." + to;
    }
  }

  /**
   * Reads the form {@code toString()} writes.
   *
   * @throws IllegalArgumentException if {@code text} is not such a form or not a real date
   */
  static BirthDate parse(String text) {
    return BirthDateFormat.parse(text);
  }

  private static void checkYear(int year) {
    if (year < EARLIEST_YEAR || year > LATEST_YEAR) {
      throw new IllegalArgumentException("a birth year must be from 1800 to 2200");
    }
  }
}

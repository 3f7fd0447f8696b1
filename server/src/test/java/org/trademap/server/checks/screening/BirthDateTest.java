package org.trademap.server.checks.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Birth dates as the lists give them, their compact form and how they compare. */
class BirthDateTest {
  private static final LocalDate KIM = LocalDate.of(1984, 1, 8);

  @Test
  void compactFormRoundTrips() {
    for (String text :
        new String[] {"1984-01-08", "~1984-01-08", "1984-01", "1984", "~1984", "1970..1972"}) {
      assertThat(BirthDate.parse(text)).hasToString(text);
    }
    assertThatThrownBy(() -> BirthDate.parse("1984-02-30"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BirthDate.parse("08 Jan 1984"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BirthDate.parse("1972..1970"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void comparesWithAKnownDate() {
    assertThat(BirthDate.parse("1984-01-08").compare(KIM)).isEqualTo(BirthDate.Agreement.SAME_DAY);
    assertThat(BirthDate.parse("1984-01").compare(KIM))
        .isEqualTo(BirthDate.Agreement.SAME_MONTH_OR_YEAR);
    assertThat(BirthDate.parse("1984").compare(KIM))
        .isEqualTo(BirthDate.Agreement.SAME_MONTH_OR_YEAR);
    assertThat(BirthDate.parse("~1982").compare(KIM)).isEqualTo(BirthDate.Agreement.IN_RANGE);
    assertThat(BirthDate.parse("1980..1985").compare(KIM)).isEqualTo(BirthDate.Agreement.IN_RANGE);
    assertThat(BirthDate.parse("1984-08-01").compare(KIM)).isEqualTo(BirthDate.Agreement.CLOSE);
    assertThat(BirthDate.parse("1985").compare(KIM)).isEqualTo(BirthDate.Agreement.CLOSE);
    assertThat(BirthDate.parse("1960-01-08").compare(KIM)).isEqualTo(BirthDate.Agreement.CONFLICTS);
    assertThat(BirthDate.parse("1970..1975").compare(KIM)).isEqualTo(BirthDate.Agreement.CONFLICTS);
  }

  @Test
  void readsOfacRemarkDates() {
    assertThat(OfacListParser.birthDate("08 Jan 1984")).hasToString("1984-01-08");
    assertThat(OfacListParser.birthDate("Feb 1960")).hasToString("1960-02");
    assertThat(OfacListParser.birthDate("1960")).hasToString("1960");
    assertThat(OfacListParser.birthDate("circa 1960")).hasToString("~1960");
    assertThat(OfacListParser.birthDate("1970 to 1972")).hasToString("1970..1972");
    assertThat(OfacListParser.birthDate("01 Jan 1970 to 31 Dec 1972")).hasToString("1970..1972");
    assertThat(OfacListParser.birthDate("30 Feb 1960")).isNull();
    assertThat(OfacListParser.birthDate("unknown")).isNull();
  }
}

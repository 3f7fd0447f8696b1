package org.trademap.server.sharing.ownchecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trademap.server.sharing.ownchecks.AsfListCsv.Invalid;
import org.trademap.server.sharing.ownchecks.AsfListCsv.RowError;
import org.trademap.server.sharing.ownchecks.AsfListCsv.Valid;

/** Reading a company's ASF list from CSV: what is accepted, and every bad row named. */
class AsfListCsvTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

  private static List<AsfEntry> valid(String csv) {
    return switch (AsfListCsv.parse(csv, TODAY)) {
      case Valid v -> v.entries();
      case Invalid i -> throw new AssertionError("refused: " + i.errors());
    };
  }

  private static List<RowError> invalid(String csv) {
    return switch (AsfListCsv.parse(csv, TODAY)) {
      case Valid v -> throw new AssertionError("accepted: " + v.entries());
      case Invalid i -> i.errors();
    };
  }

  @Test
  void readsRowsWithOptionalBirthDateAndNoteAfterAnOptionalHeader() {
    List<AsfEntry> entries =
        valid(
            "\uFEFFName,Birth date,Note\r\n"
                + "Yamada Taro,1960-04-01,known\r\n"
                + "\r\n"
                + "\"Kuroda, Group\",,\"an \"\"organisation\"\"\"\r\n"
                + "  Suzuki Ichiro  ,~1970\r\n"
                + "Tanaka Hanako,1965..1967,x\n");
    assertThat(entries)
        .extracting(AsfEntry::name, AsfEntry::birthDate, AsfEntry::note, AsfEntry::row)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Yamada Taro", "1960-04-01", "known", 2L),
            org.assertj.core.groups.Tuple.tuple("Kuroda, Group", null, "an \"organisation\"", 3L),
            org.assertj.core.groups.Tuple.tuple("Suzuki Ichiro", "~1970", "", 4L),
            org.assertj.core.groups.Tuple.tuple("Tanaka Hanako", "1965..1967", "x", 5L));
    assertThat(valid("Yamada Taro\n")).hasSize(1);
  }

  @Test
  void anEntrysKeyDependsOnItsNameAndBirthDateNotOnItsRowOrCase() {
    AsfEntry first = valid("Yamada Taro,1960,a\n").getFirst();
    AsfEntry moved = valid("Other,,\nYAMADA   taro,1960,b\n").get(1);
    AsfEntry otherBirth = valid("Yamada Taro,1961,a\n").getFirst();
    assertThat(moved.key()).isEqualTo(first.key()).startsWith("asf-");
    assertThat(otherBirth.key()).isNotEqualTo(first.key());
  }

  @Test
  void namesEveryBadRow() {
    assertThat(
            invalid(
                "name,birth date,note\n"
                    + ",1970,\n"
                    + "A B,1970-02-30,\n"
                    + "C D,2027-01-01,\n"
                    + "E F,soon,\n"
                    + "a,b,c,d\n"
                    + "???,,\n"
                    + "G H,,"
                    + "n".repeat(1001)
                    + "\n"
                    + "x".repeat(301)
                    + ",,\n"
                    + "I J,1970,\n"
                    + "i  j,1970,again\n"))
        .containsExactly(
            new RowError(2, "name", "missing"),
            new RowError(3, "birthDate", "not-a-date"),
            new RowError(4, "birthDate", "in-the-future"),
            new RowError(5, "birthDate", "not-a-date"),
            new RowError(6, "row", "too-many-columns"),
            new RowError(7, "name", "not-a-name"),
            new RowError(8, "note", "too-long"),
            new RowError(9, "name", "too-long"),
            new RowError(11, "row", "duplicate"));
  }

  @Test
  void refusesAFileThatIsNotCsvOrHasNoEntries() {
    assertThat(invalid("Good Name,1970,\n\"open quote,1970,\n"))
        .containsExactly(new RowError(2, "file", "not-csv"));
    assertThat(invalid("")).containsExactly(new RowError(0, "file", "empty"));
    assertThat(invalid("name,birth date,note\n")).containsExactly(new RowError(0, "file", "empty"));
  }

  @Test
  void refusesMoreThanTenThousandEntries() {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i <= AsfListCsv.MAX_ENTRIES; i++) {
      csv.append("Person Number")
          .append(' ')
          .append(Integer.toString(i, 26).replace('0', 'z'))
          .append('\n');
    }
    assertThat(invalid(csv.toString())).contains(new RowError(0, "file", "too-many-entries"));
  }
}

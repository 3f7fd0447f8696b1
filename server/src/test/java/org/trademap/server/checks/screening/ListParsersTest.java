package org.trademap.server.checks.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The UN XML and OFAC CSV parsers on the shipped lists and on broken files. */
class ListParsersTest {

  private static Map<String, ListEntry> byKey(List<ListEntry> entries) {
    return entries.stream().collect(Collectors.toMap(ListEntry::key, Function.identity()));
  }

  private static ListEntry get(Map<String, ListEntry> entries, String key) {
    ListEntry entry = entries.get(key);
    assertThat(entry).as(key).isNotNull();
    return java.util.Objects.requireNonNull(entry);
  }

  @Test
  void readsEveryEntryOfTheUnList() {
    List<ListEntry> entries = SanctionsData.un();
    assertThat(entries).hasSize(1003);
    assertThat(entries.stream().filter(e -> e.kind() == EntryKind.PERSON)).hasSize(730);
    Map<String, ListEntry> un = byKey(entries);

    ListEntry saddam = get(un, "IQi.001");
    assertThat(saddam.name()).isEqualTo("SADDAM HUSSEIN AL-TIKRITI");
    assertThat(saddam.aliases())
        .anySatisfy(
            a -> {
              assertThat(a.quality()).isEqualTo(ListEntry.Quality.ORIGINAL_SCRIPT);
              assertThat(a.name()).isEqualTo("صدام حسين التكريتي");
            });
    assertThat(saddam.nationalities()).containsExactly("IQ");

    ListEntry umarov = get(un, "QDi.290");
    assertThat(umarov.birthDates()).extracting(BirthDate::toString).contains("1964-04-13");
    assertThat(umarov.nationalities()).containsExactly("RU");

    assertThat(get(un, "CDe.001").aliases())
        .extracting(ListEntry.Alias::name)
        .contains("Allied Democratic Forces");
    assertThat(entries.stream().flatMap(e -> e.aliases().stream()))
        .anyMatch(a -> a.quality() == ListEntry.Quality.WEAK && a.label().equals("Low"));
    assertThat(entries.stream().flatMap(e -> e.birthDates().stream()))
        .anyMatch(d -> d instanceof BirthDate.Between)
        .anyMatch(d -> d instanceof BirthDate.Year y && y.approximate());
  }

  @Test
  void readsEveryEntryOfTheOfacList() {
    List<ListEntry> entries = SanctionsData.ofac();
    assertThat(entries).hasSize(7379);
    Map<String, ListEntry> ofac = byKey(entries);

    ListEntry kim = get(ofac, "20157");
    assertThat(kim.name()).isEqualTo("KIM, Jong Un");
    assertThat(kim.kind()).isEqualTo(EntryKind.PERSON);
    assertThat(kim.programme()).isEqualTo("DPRK3");
    assertThat(kim.birthDates()).extracting(BirthDate::toString).containsExactly("1984-01-08");

    ListEntry bank = get(ofac, "306");
    assertThat(bank.kind()).isEqualTo(EntryKind.ENTITY);
    assertThat(bank.aliases())
        .extracting(ListEntry.Alias::name, ListEntry.Alias::quality)
        .contains(
            org.assertj.core.groups.Tuple.tuple("NATIONAL BANK OF CUBA", ListEntry.Quality.STRONG),
            org.assertj.core.groups.Tuple.tuple("BNC", ListEntry.Quality.WEAK));
    assertThat(bank.countries()).contains("CH", "ES", "JP");
    // sdn_comments.csv continues the remarks of 12300.
    assertThat(get(ofac, "12300").note()).contains("PROMO RAIZ S.A.S.");
  }

  @Test
  void mapsEveryNationalityTheListsName() {
    String un = SanctionsData.text(SanctionsData.UN);
    java.util.regex.Matcher values =
        java.util.regex.Pattern.compile("<NATIONALITY>\\s*<VALUE>([^<]+)</VALUE>").matcher(un);
    while (values.find()) {
      String name = values.group(1).strip();
      if (!name.equals("na") && !name.equals("former Soviet Union")) {
        assertThat(Countries.code(name)).as(name).isPresent();
      }
    }
    java.util.regex.Matcher remarks =
        java.util.regex.Pattern.compile("(?:nationality|citizen) ([^;.\"]+)")
            .matcher(SanctionsData.text(SanctionsData.SDN));
    while (remarks.find()) {
      assertThat(Countries.code(remarks.group(1).strip())).as(remarks.group(1)).isPresent();
    }
  }

  @Test
  void refusesBrokenUnFilesNamingTheProblem() {
    assertThatThrownBy(
            () ->
                UnListParser.parse(
                    "<CONSOLIDATED_LIST><INDIVIDUALS>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ListFormatException.class)
        .hasMessageStartingWith("UN list: not well-formed XML");
    assertThatThrownBy(
            () -> UnListParser.parse("<html><body/></html>".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("the root element is html, not CONSOLIDATED_LIST");
    assertThatThrownBy(
            () -> UnListParser.parse("<CONSOLIDATED_LIST/>".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("no INDIVIDUAL or ENTITY");
    String external =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>X</REFERENCE_NUMBER>"
            + "<FIRST_NAME>&e;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>";
    assertThatThrownBy(() -> UnListParser.parse(external.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ListFormatException.class);
  }

  @Test
  void refusesBrokenOfacFilesNamingFileAndLine() {
    String good =
        "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n";
    assertThat(OfacListParser.parse(new OfacListParser.Files(good, "", "", ""))).hasSize(1);
    assertThatThrownBy(
            () ->
                OfacListParser.parse(new OfacListParser.Files(good + "37,\"X\",-0-\n", "", "", "")))
        .hasMessage("sdn.csv line 2: 3 fields where the format has 12");
    assertThatThrownBy(
            () ->
                OfacListParser.parse(
                    new OfacListParser.Files(good + "38,\"unclosed\n", "", "", "")))
        .hasMessage("sdn.csv line 2: a quote is not closed");
    assertThatThrownBy(
            () -> OfacListParser.parse(new OfacListParser.Files("ent_num,name\n", "", "", "")))
        .hasMessage("sdn.csv line 1: 2 fields where the format has 12");
    assertThatThrownBy(
            () -> OfacListParser.parse(new OfacListParser.Files(good, "36,12,\"aka\"\n", "", "")))
        .hasMessage("alt.csv line 1: 3 fields where the format has 5");
    assertThatThrownBy(() -> OfacListParser.parse(new OfacListParser.Files("", "", "", "")))
        .hasMessage("sdn.csv: no entries in the file");
  }

  @Test
  void readsTheCsvDialect() {
    List<Csv.Row> rows =
        Csv.parse("x.csv", "1,\"a \"\"b\"\", c\",-0- ,  d \r\n2,\"multi\nline\",-0-,e\r\n\u001a");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).fields()).containsExactly("1", "a \"b\", c", "", "d");
    assertThat(rows.get(1).fields()).containsExactly("2", "multi\nline", "", "e");
    assertThat(rows.get(1).line()).isEqualTo(2);
  }
}

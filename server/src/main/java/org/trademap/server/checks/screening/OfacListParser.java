package org.trademap.server.checks.screening;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the OFAC SDN list in its legacy CSV distribution: {@code sdn.csv} (entity number, name,
 * type, programme, title, vessel fields, remarks), {@code alt.csv} (aliases: a.k.a., f.k.a.,
 * n.k.a.), {@code add.csv} (addresses) and {@code sdn_comments.csv} (the continuation of remarks
 * too long for {@code sdn.csv}). Birth dates, nationalities, citizenships and weak aliases are read
 * from the remarks: {@code DOB 12 Jan 1960; alt. DOB 1961; nationality Iran; citizen Iraq; a.k.a.
 * 'ABU X'}.
 */
final class OfacListParser {
  private static final int MAX_NOTE = 2_000;
  private static final Pattern SEMICOLON = Pattern.compile(";");
  private static final Pattern ENTITY_NUMBER = Pattern.compile("\\d{1,12}");
  private static final Pattern DOB =
      Pattern.compile("(?:alt\\. )?DOB (.+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern NATIONALITY =
      Pattern.compile("(?:alt\\. )?(?:nationality|citizen) (.+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern WEAK_ALIAS = Pattern.compile("\\b[afn]\\.k\\.a\\. '([^']+)'");
  private static final Pattern DAY = Pattern.compile("(\\d{1,2}) ([A-Za-z]{3}) (\\d{4})");
  private static final Pattern MONTH = Pattern.compile("([A-Za-z]{3}) (\\d{4})");
  private static final Pattern YEAR = Pattern.compile("(\\d{4})");
  private static final Pattern CIRCA =
      Pattern.compile("circa (?:\\d{1,2} )?(?:[A-Za-z]{3} )?(\\d{4})");
  private static final Pattern RANGE =
      Pattern.compile(
          "(?:\\d{1,2} )?(?:[A-Za-z]{3} )?(\\d{4}) to (?:\\d{1,2} )?(?:[A-Za-z]{3} )?(\\d{4})");
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  private OfacListParser() {}

  /** The four files' text; only {@code sdn} is required (empty text for a file not configured). */
  record Files(String sdn, String alt, String add, String comments) {}

  /**
   * The entries of the list.
   *
   * @throws ListFormatException naming the file and line of a record that is not of the format, or
   *     if {@code sdn.csv} holds no entry or an entity number twice
   */
  static List<ListEntry> parse(Files files) {
    Map<String, List<String>> sdn = new LinkedHashMap<>();
    for (Csv.Row row : Csv.parse("sdn.csv", files.sdn())) {
      if (row.fields().size() == 1 && row.fields().getFirst().isEmpty()) {
        continue;
      }
      check("sdn.csv", row, 12);
      if (sdn.put(row.fields().get(0), row.fields()) != null) {
        throw new ListFormatException(
            "sdn.csv line " + row.line() + ": entity number " + row.fields().get(0) + " twice");
      }
    }
    if (sdn.isEmpty()) {
      throw new ListFormatException("sdn.csv: no entries in the file");
    }
    Map<String, List<ListEntry.Alias>> aliases = new HashMap<>();
    for (Csv.Row row : rows("alt.csv", files.alt(), 5)) {
      String name = row.fields().get(3);
      if (!name.isEmpty()) {
        aliases
            .computeIfAbsent(row.fields().get(0), k -> new ArrayList<>())
            .add(
                new ListEntry.Alias(
                    name, ListEntry.Quality.STRONG, aliasLabel(row.fields().get(2))));
      }
    }
    Map<String, Set<String>> countries = new HashMap<>();
    for (Csv.Row row : rows("add.csv", files.add(), 6)) {
      Countries.code(row.fields().get(4))
          .ifPresent(
              c ->
                  countries
                      .computeIfAbsent(row.fields().get(0), k -> new LinkedHashSet<>())
                      .add(c));
    }
    Map<String, String> comments = new HashMap<>();
    for (Csv.Row row : rows("sdn_comments.csv", files.comments(), 2)) {
      comments.merge(row.fields().get(0), row.fields().get(1), String::concat);
    }
    List<ListEntry> entries = new ArrayList<>(sdn.size());
    sdn.forEach(
        (number, fields) ->
            entries.add(
                entry(
                    number,
                    fields,
                    aliases.getOrDefault(number, List.of()),
                    countries.getOrDefault(number, Set.of()),
                    fields.get(11) + comments.getOrDefault(number, ""))));
    return entries;
  }

  private static List<Csv.Row> rows(String file, String text, int fields) {
    List<Csv.Row> rows = new ArrayList<>();
    for (Csv.Row row : Csv.parse(file, text)) {
      if (row.fields().size() == 1 && row.fields().getFirst().isEmpty()) {
        continue;
      }
      check(file, row, fields);
      rows.add(row);
    }
    return rows;
  }

  private static void check(String file, Csv.Row row, int fields) {
    if (row.fields().size() != fields) {
      throw new ListFormatException(
          file
              + " line "
              + row.line()
              + ": "
              + row.fields().size()
              + " fields where the format has "
              + fields);
    }
    if (!ENTITY_NUMBER.matcher(row.fields().getFirst()).matches()) {
      throw new ListFormatException(
          file + " line " + row.line() + ": the first field is not an entity number");
    }
  }

  private static String aliasLabel(String type) {
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "aka" -> "a.k.a.";
      case "fka" -> "f.k.a.";
      case "nka" -> "n.k.a.";
      default -> type;
    };
  }

  private static ListEntry entry(
      String number,
      List<String> fields,
      List<ListEntry.Alias> alternates,
      Set<String> countries,
      String remarks) {
    EntryKind kind =
        fields.get(2).equalsIgnoreCase("individual") ? EntryKind.PERSON : EntryKind.ENTITY;
    List<ListEntry.Alias> aliases = new ArrayList<>(alternates);
    Matcher weak = WEAK_ALIAS.matcher(remarks);
    while (weak.find()) {
      if (!weak.group(1).isBlank()) {
        aliases.add(new ListEntry.Alias(weak.group(1), ListEntry.Quality.WEAK, "weak a.k.a."));
      }
    }
    List<BirthDate> birthDates = new ArrayList<>();
    Set<String> nationalities = new LinkedHashSet<>();
    for (String part : SEMICOLON.splitAsStream(remarks).toList()) {
      String segment = part.strip();
      if (segment.endsWith(".")) {
        segment = segment.substring(0, segment.length() - 1);
      }
      Matcher dob = DOB.matcher(segment);
      if (dob.matches()) {
        BirthDate date = birthDate(dob.group(1).strip());
        if (date != null) {
          birthDates.add(date);
        }
        continue;
      }
      Matcher nationality = NATIONALITY.matcher(segment);
      if (nationality.matches()) {
        Countries.code(nationality.group(1).strip()).ifPresent(nationalities::add);
      }
    }
    String title = fields.get(4);
    String note = title.isEmpty() ? remarks : title + "; " + remarks;
    return new ListEntry(
        number,
        kind,
        fields.get(1),
        aliases,
        birthDates,
        List.copyOf(nationalities),
        List.copyOf(countries),
        fields.get(3),
        note.length() > MAX_NOTE ? note.substring(0, MAX_NOTE) : note);
  }

  /**
   * A birth date as OFAC writes it: {@code 08 Jan 1984}, {@code Feb 1960}, {@code 1960}, {@code
   * circa 1960}, {@code 1970 to 1972}, {@code 01 Jan 1970 to 31 Dec 1972}; null for anything else.
   */
  static @Nullable BirthDate birthDate(String text) {
    try {
      Matcher m = RANGE.matcher(text);
      if (m.matches()) {
        return new BirthDate.Between(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      }
      m = CIRCA.matcher(text);
      if (m.matches()) {
        return new BirthDate.Year(Integer.parseInt(m.group(1)), true);
      }
      m = DAY.matcher(text);
      if (m.matches()) {
        int month = month(m.group(2));
        return month == 0
            ? null
            : new BirthDate.Day(
                LocalDate.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1))),
                false);
      }
      m = MONTH.matcher(text);
      if (m.matches()) {
        int month = month(m.group(1));
        return month == 0
            ? null
            : new BirthDate.Month(YearMonth.of(Integer.parseInt(m.group(2)), month));
      }
      m = YEAR.matcher(text);
      if (m.matches()) {
        return new BirthDate.Year(Integer.parseInt(m.group(1)), false);
      }
    } catch (DateTimeException | IllegalArgumentException e) {
      return null;
    }
    return null;
  }

  private static int month(String name) {
    return MONTHS.indexOf(name.toLowerCase(Locale.ROOT)) + 1;
  }
}

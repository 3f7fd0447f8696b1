package org.trademap.server.sharing.ownchecks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.trademap.server.checks.screening.BirthDate;
import org.trademap.server.checks.screening.EntryKind;
import org.trademap.server.checks.screening.ListMatcher;

/**
 * Reads a company's ASF list from CSV (RFC 4180, UTF-8): one entry a row with the columns {@code
 * name} (required), {@code birth date} (optional: {@code 1984-01-08}, {@code 1984-01}, {@code
 * 1984}, {@code ~1984}, {@code 1970..1972}) and {@code note} (optional). A first row whose first
 * field is {@code name} is a header. Empty rows are skipped. Every bad row is named; a file with
 * any bad row gives no entries.
 */
final class AsfListCsv {
  static final int MAX_ENTRIES = 10_000;
  static final int MAX_NAME = 300;
  static final int MAX_NOTE = 1_000;
  private static final int COLUMNS = 3;
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get();

  private AsfListCsv() {}

  /**
   * A refused row.
   *
   * @param row the row (1 is the first), or 0 for the file as a whole
   * @param field {@code name}, {@code birthDate}, {@code note}, {@code row} or {@code file}
   * @param problem {@code missing}, {@code too-long}, {@code not-a-name}, {@code not-a-date},
   *     {@code in-the-future}, {@code too-many-columns}, {@code duplicate}, {@code not-csv}, {@code
   *     empty} or {@code too-many-entries}
   */
  record RowError(long row, String field, String problem) {}

  /** What a file came to: its entries, or every error (then no entry). */
  sealed interface Parsed {}

  /**
   * Every row was valid.
   *
   * @param entries in the file's order
   */
  record Valid(List<AsfEntry> entries) implements Parsed {}

  /**
   * At least one row was refused.
   *
   * @param errors in the file's order
   */
  record Invalid(List<RowError> errors) implements Parsed {}

  static Parsed parse(String text, LocalDate today) {
    List<AsfEntry> entries = new ArrayList<>();
    List<RowError> errors = new ArrayList<>();
    Map<String, Long> seen = new HashMap<>();
    long lastRow = 0;
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    try (CSVParser parser = CSVParser.parse(body, FORMAT)) {
      boolean first = true;
      for (CSVRecord record : parser) {
        long row = record.getRecordNumber();
        lastRow = row;
        if (first && record.size() > 0 && record.get(0).equalsIgnoreCase("name")) {
          first = false;
          continue;
        }
        first = false;
        AsfEntry entry = entry(record, row, today, errors);
        if (entry == null) {
          continue;
        }
        Long earlier = seen.putIfAbsent(entry.key(), row);
        if (earlier != null) {
          errors.add(new RowError(row, "row", "duplicate"));
          continue;
        }
        entries.add(entry);
      }
    } catch (UncheckedIOException | IllegalStateException | IOException e) {
      errors.add(new RowError(lastRow + 1, "file", "not-csv"));
    }
    if (errors.isEmpty() && entries.isEmpty()) {
      errors.add(new RowError(0, "file", "empty"));
    }
    if (entries.size() > MAX_ENTRIES) {
      errors.add(new RowError(0, "file", "too-many-entries"));
    }
    return errors.isEmpty() ? new Valid(List.copyOf(entries)) : new Invalid(List.copyOf(errors));
  }

  private static @Nullable AsfEntry entry(
      CSVRecord record, long row, LocalDate today, List<RowError> errors) {
    int before = errors.size();
    if (record.size() > COLUMNS) {
      errors.add(new RowError(row, "row", "too-many-columns"));
      return null;
    }
    String name = Normalizer.normalize(field(record, 0), Normalizer.Form.NFC);
    if (name.isEmpty()) {
      errors.add(new RowError(row, "name", "missing"));
    } else if (name.length() > MAX_NAME) {
      errors.add(new RowError(row, "name", "too-long"));
    } else if (!ListMatcher.matchable(name, EntryKind.PERSON)
        && !ListMatcher.matchable(name, EntryKind.ENTITY)) {
      errors.add(new RowError(row, "name", "not-a-name"));
    }
    String birth = field(record, 1);
    if (!birth.isEmpty()) {
      try {
        BirthDate date = BirthDate.parse(birth);
        if (date instanceof BirthDate.Day day && day.date().isAfter(today)) {
          errors.add(new RowError(row, "birthDate", "in-the-future"));
        }
      } catch (IllegalArgumentException | DateTimeParseException e) {
        errors.add(new RowError(row, "birthDate", "not-a-date"));
      }
    }
    String note = field(record, 2);
    if (note.length() > MAX_NOTE) {
      errors.add(new RowError(row, "note", "too-long"));
    }
    if (errors.size() > before) {
      return null;
    }
    return new AsfEntry(key(name, birth), row, name, birth.isEmpty() ? null : birth, note);
  }

  private static String field(CSVRecord record, int i) {
    return i < record.size() ? record.get(i).strip() : "";
  }

  /** The entry's key: a hash of its case-folded, space-collapsed name and its birth date. */
  static String key(String name, String birthDate) {
    String canonical = name.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ") + "\u0000" + birthDate;
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return "asf-" + HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}

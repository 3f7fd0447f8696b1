package org.trademap.server.checks.screening;

import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON forms of what the screening stores: list entries (birth dates in their compact form),
 * the screened parties and the reasons of a hit. Equal values give equal bytes.
 */
final class ScreeningJson {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<Party>> PARTIES = new TypeReference<>() {};

  private ScreeningJson() {}

  /** An entry as stored: {@link BirthDate}s as their compact text. */
  record StoredEntry(
      String key,
      EntryKind kind,
      String name,
      List<ListEntry.Alias> aliases,
      List<String> birthDates,
      List<String> nationalities,
      List<String> countries,
      String programme,
      String note) {
    static StoredEntry of(ListEntry e) {
      return new StoredEntry(
          e.key(),
          e.kind(),
          e.name(),
          e.aliases(),
          e.birthDates().stream().map(BirthDate::toString).toList(),
          e.nationalities(),
          e.countries(),
          e.programme(),
          e.note());
    }

    ListEntry entry() {
      return new ListEntry(
          key,
          kind,
          name,
          aliases,
          birthDates.stream().map(BirthDate::parse).toList(),
          nationalities,
          countries,
          programme,
          note);
    }
  }

  static byte[] entry(ListEntry entry) {
    return JSON.writeValueAsBytes(StoredEntry.of(entry));
  }

  static ListEntry entry(byte[] json) {
    return JSON.readValue(json, StoredEntry.class).entry();
  }

  /** The canonical bytes of a whole edited list, for its content hash. */
  static byte[] entries(List<ListEntry> entries) {
    return JSON.writeValueAsBytes(entries.stream().map(StoredEntry::of).toList());
  }

  static byte[] parties(List<Party> parties) {
    return JSON.writeValueAsBytes(parties);
  }

  static List<Party> parties(byte[] json) {
    return JSON.readValue(json, PARTIES);
  }

  /** What a hit keeps sealed: the screened party and the reasons of its match. */
  record SealedHit(Party party, MatchReasons reasons) {}

  static byte[] hit(Party party, MatchReasons reasons) {
    return JSON.writeValueAsBytes(new SealedHit(party, reasons));
  }

  static SealedHit hit(byte[] json) {
    return JSON.readValue(json, SealedHit.class);
  }
}

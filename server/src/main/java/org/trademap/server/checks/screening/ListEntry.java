package org.trademap.server.checks.screening;

import java.util.List;

/**
 * One entry of a list: a listed person or organisation with its names and what identifies it.
 *
 * @param key the list's own id of the entry (UN reference number, OFAC entity number, or the id an
 *     operator's edit gave it); unique within a list version, 1 to 64 characters
 * @param kind person or organisation
 * @param name the primary name as the list writes it
 * @param aliases further names: a.k.a., f.k.a., names in the original script
 * @param birthDates every birth date the list gives (persons)
 * @param nationalities ISO 3166-1 alpha-2 codes of the nationalities or citizenships the list gives
 * @param countries ISO 3166-1 alpha-2 codes of the countries of the listed addresses
 * @param programme the sanctions programme or list type (e.g. {@code DPRK3}, {@code Al-Qaida}), or
 *     an operator's category; may be empty
 * @param note free text of the list (remarks, designation) or the operator's note; may be empty
 */
public record ListEntry(
    String key,
    EntryKind kind,
    String name,
    List<Alias> aliases,
    List<BirthDate> birthDates,
    List<String> nationalities,
    List<String> countries,
    String programme,
    String note) {
  static final int MAX_KEY_LENGTH = 64;

  public ListEntry {
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException("an entry key is 1 to 64 characters");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("an entry needs a name");
    }
    aliases = List.copyOf(aliases);
    birthDates = List.copyOf(birthDates);
    nationalities = List.copyOf(nationalities);
    countries = List.copyOf(countries);
  }

  /** How much a list trusts one of its aliases. */
  public enum Quality {
    /** A name the person or organisation is known by (UN "Good", "a.k.a."; OFAC a.k.a.). */
    STRONG,
    /** A name of low quality: UN "Low", OFAC's weak a.k.a. in the remarks. */
    WEAK,
    /** The primary name written in its original script (UN). */
    ORIGINAL_SCRIPT
  }

  /**
   * Another name of the entry.
   *
   * @param name as the list writes it
   * @param quality how much the list trusts it
   * @param label the list's own word for it (e.g. {@code a.k.a.}, {@code f.k.a.}, {@code Low})
   */
  public record Alias(String name, Quality quality, String label) {
    public Alias {
      if (name.isBlank()) {
        throw new IllegalArgumentException("an alias needs a name");
      }
    }
  }
}

package org.trademap.server.checks.screening;

import java.util.Comparator;

/**
 * A list entry a party matched with a score at or above the threshold.
 *
 * @param source the list
 * @param listVersion the id of the list version that held the entry
 * @param entryKey the list's id of the entry
 * @param kind person or organisation
 * @param entryName the entry's primary name
 * @param programme the entry's programme or list type
 * @param score in [0, 1]: the name score, adjusted by birth date and nationality
 * @param reasons why
 */
public record Hit(
    ListSource source,
    long listVersion,
    String entryKey,
    EntryKind kind,
    String entryName,
    String programme,
    double score,
    MatchReasons reasons) {

  /** Best score first; then by list and entry key, so that equal scores keep a stable order. */
  public static final Comparator<Hit> BEST_FIRST =
      Comparator.comparingDouble(Hit::score)
          .reversed()
          .thenComparing(Hit::source)
          .thenComparing(Hit::entryKey);
}

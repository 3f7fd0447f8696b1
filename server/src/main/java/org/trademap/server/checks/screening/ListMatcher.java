package org.trademap.server.checks.screening;

import java.time.Instant;
import java.util.List;

/**
 * Screening against a list the consortium does not hold, such as a securities company's own list of
 * anti-social forces: the same normalisation, name scoring and corroboration as the consortium's
 * lists (ADR 0017), over entries the caller keeps. Immutable; build a new one when the list
 * changes.
 *
 * <p>Hits name {@link ListSource#ASF} as their list and version 0: the caller knows which list and
 * version it indexed.
 */
public final class ListMatcher {
  private final ScreeningIndex index;

  private ListMatcher(ScreeningIndex index) {
    this.index = index;
  }

  /** Indexes the entries (keys unique). */
  public static ListMatcher of(List<ListEntry> entries) {
    ListVersion version =
        new ListVersion(0, ListSource.ASF, Instant.EPOCH, "", entries.size(), "caller", null);
    return new ListMatcher(
        ScreeningIndex.build(List.of(new ScreeningIndex.Loaded(version, List.copyOf(entries)))));
  }

  /** Whether a name has anything to match on once normalised (letters or digits). */
  public static boolean matchable(String name, EntryKind kind) {
    return !Names.tokens(name, kind).isEmpty();
  }

  /** The entries the party matches with a score of at least {@code threshold}, best first. */
  public List<Hit> screen(Party party, double threshold) {
    return index.screen(party, threshold);
  }
}

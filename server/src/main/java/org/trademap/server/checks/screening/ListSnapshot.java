package org.trademap.server.checks.screening;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The newest version of every list, one index per list, so that an edit of the small ASF list does
 * not re-index the large UN and OFAC lists. Immutable.
 */
final class ListSnapshot {
  private final Map<ListSource, ScreeningIndex> indexes;

  ListSnapshot(Map<ListSource, ScreeningIndex> indexes) {
    this.indexes = Map.copyOf(indexes);
  }

  static ListSnapshot empty() {
    return new ListSnapshot(Map.of());
  }

  /** A copy with one list's index replaced. */
  ListSnapshot with(ListSource source, ScreeningIndex index) {
    Map<ListSource, ScreeningIndex> copy = new EnumMap<>(ListSource.class);
    copy.putAll(indexes);
    copy.put(source, index);
    return new ListSnapshot(copy);
  }

  /** The version of every list that has one. */
  Map<ListSource, ListVersion> versions() {
    Map<ListSource, ListVersion> out = new EnumMap<>(ListSource.class);
    indexes.values().forEach(i -> out.putAll(i.versions()));
    return out;
  }

  List<ListEntry> entries(ListSource source) {
    ScreeningIndex index = indexes.get(source);
    return index == null ? List.of() : index.entries(source);
  }

  /** The hits of one party on every list, best first. */
  List<Hit> screen(Party party, double threshold) {
    List<Hit> hits = new ArrayList<>();
    for (ListSource source : ListSource.values()) {
      ScreeningIndex index = indexes.get(source);
      if (index != null) {
        hits.addAll(index.screen(party, threshold));
      }
    }
    hits.sort(Hit.BEST_FIRST);
    return hits;
  }
}

package org.trademap.server.checks.screening;

import java.util.List;
import java.util.Map;

/**
 * What re-screening every screened subject found.
 *
 * @param versions the list versions used
 * @param subjects how many subjects were screened again
 * @param skipped subjects whose data was erased (crypto-shredded), not screened
 * @param newHits the subjects with new hits, each with its new hits
 */
public record RescreenReport(
    Map<ListSource, Long> versions, int subjects, int skipped, List<ScreeningHitsFound> newHits) {
  public RescreenReport {
    versions = Map.copyOf(versions);
    newHits = List.copyOf(newHits);
  }

  /** How many new hits in all. */
  public int newHitCount() {
    return newHits.stream().mapToInt(h -> h.hitIds().size()).sum();
  }
}

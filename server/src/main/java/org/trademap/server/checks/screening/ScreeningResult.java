package org.trademap.server.checks.screening;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.trademap.server.vault.SubjectId;

/**
 * The outcome of screening a subject.
 *
 * @param subject the screened subject
 * @param screenedAt when
 * @param versions the list versions it was screened against (id per list)
 * @param hits every standing hit of the subject, old and new, with its status
 * @param newHits the hits this screening found first (a subset of {@code hits})
 */
public record ScreeningResult(
    SubjectId subject,
    Instant screenedAt,
    Map<ListSource, Long> versions,
    List<StoredHit> hits,
    List<StoredHit> newHits) {
  public ScreeningResult {
    versions = Map.copyOf(versions);
    hits = List.copyOf(hits);
    newHits = List.copyOf(newHits);
  }
}

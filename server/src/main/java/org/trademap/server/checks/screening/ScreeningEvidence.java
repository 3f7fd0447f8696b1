package org.trademap.server.checks.screening;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.server.checks.CheckEvidence;
import org.trademap.server.checks.Evidence;
import org.trademap.server.checks.EvidenceRequest;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.Subjects;

/**
 * The screening task's evidence on the case page: when the subject was screened and against which
 * list versions, and its standing hits (who was screened, the list entry, score, matched name,
 * verdict) with the verdict form for each open one (it posts to the screening pages and comes back
 * to the case).
 */
@Component
class ScreeningEvidence implements CheckEvidence {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Screening screening;
  private final ScreeningLists lists;
  private final Subjects subjects;

  ScreeningEvidence(Screening screening, ScreeningLists lists, Subjects subjects) {
    this.screening = screening;
    this.lists = lists;
    this.subjects = subjects;
  }

  /**
   * A hit as the case page lists it.
   *
   * @param id the hit
   * @param role who was screened ({@link PartyRole})
   * @param screened the screened name
   * @param list the list ({@link ListSource#path()})
   * @param entryKey the list's id of the entry
   * @param entryName the entry's primary name
   * @param programme the entry's programme
   * @param matchedName the entry's name that matched
   * @param score the score, two decimals
   * @param status {@code open}, {@code true-positive} or {@code false-positive}
   * @param open whether it waits for a verdict
   * @param verdictReason the operator's reason, or null
   * @param verdictAt when the verdict was given, or null
   */
  record HitLine(
      UUID id,
      String role,
      String screened,
      String list,
      String entryKey,
      String entryName,
      String programme,
      String matchedName,
      String score,
      String status,
      boolean open,
      @Nullable String verdictReason,
      @Nullable String verdictAt) {}

  /** A list version screened against. */
  record VersionLine(String list, long version, String since) {}

  @Override
  public CheckProcess process() {
    return CheckProcess.SANCTIONS_SCREENING;
  }

  @Override
  public Optional<Evidence> evidence(EvidenceRequest request) {
    Optional<Subject> subject = subjects.byRef(request.ref());
    if (subject.isEmpty()) {
      return Optional.empty();
    }
    Assessment assessment = screening.assess(subject.get().id());
    List<HitLine> hits = new ArrayList<>();
    screening.hits(subject.get().id()).stream()
        .filter(StoredHit::standing)
        .sorted(Comparator.comparing(StoredHit::partyIndex).thenComparing(h -> -h.hit().score()))
        .forEach(h -> hits.add(line(h)));
    List<VersionLine> versions = new ArrayList<>();
    Map<ListSource, Long> screened = screening.versionsScreened(subject.get().id());
    screened.forEach(
        (source, id) ->
            versions.add(
                new VersionLine(
                    source.path(),
                    id,
                    lists.versions(source).stream()
                        .filter(v -> v.id() == id)
                        .findFirst()
                        .map(v -> MINUTE.format(v.fetchedAt()))
                        .orElse(""))));
    return Optional.of(
        new Evidence(
            "checks/screening/evidence",
            "screening",
            Map.of(
                "caseId", request.caseId(),
                "state", state(assessment),
                "screenedAt", screenedAt(assessment),
                "hits", hits,
                "openHits", hits.stream().filter(HitLine::open).count(),
                "versions", versions)));
  }

  private static String state(Assessment assessment) {
    return switch (assessment) {
      case Assessment.NotScreened n -> "not-screened";
      case Assessment.Clear c -> "clear";
      case Assessment.NeedsReview r -> "needs-review";
      case Assessment.Confirmed c -> "confirmed";
    };
  }

  private static String screenedAt(Assessment assessment) {
    return switch (assessment) {
      case Assessment.NotScreened n -> "";
      case Assessment.Clear c -> MINUTE.format(c.screenedAt());
      case Assessment.NeedsReview r -> MINUTE.format(r.screenedAt());
      case Assessment.Confirmed c -> MINUTE.format(c.screenedAt());
    };
  }

  private static HitLine line(StoredHit h) {
    StoredHit.Disposition d = h.disposition();
    return new HitLine(
        h.id(),
        h.party().role().name(),
        h.party().name(),
        h.hit().source().path(),
        h.hit().entryKey(),
        h.hit().entryName(),
        h.hit().programme(),
        h.hit().reasons().matchedName(),
        String.format(Locale.ROOT, "%.2f", h.hit().score()),
        ScreeningCases.apiName(h.status()),
        h.status() == HitStatus.OPEN,
        d == null ? null : d.reason(),
        d == null ? null : MINUTE.format(d.at()));
  }
}

package org.trademap.server.checks.screening;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.server.vault.Decrypted;
import org.trademap.server.vault.SubjectId;
import org.trademap.server.vault.Vault;

/**
 * Screens KYC subjects against every list and keeps their hits until operators dispose of them (ADR
 * 0017). The façade the KYC case flow calls:
 *
 * <ul>
 *   <li>{@link #screen} at submission and whenever the subject's data changes: the subject and, for
 *       a company, its beneficial owners and controlling persons, in a stable order;
 *   <li>{@link #assess} for the case: not screened, clear, needs review, or confirmed (high-risk);
 *   <li>{@link #hits} for the case view, {@link #dispose} for the operator's verdict;
 *   <li>{@link #rescreenAll} runs in the background on every {@link ScreeningListChanged} ({@link
 *       ScreeningCases}) and announces new hits with {@link ScreeningHitsFound} (a re-KYC trigger);
 *       it may also be called directly.
 * </ul>
 *
 * <p>What is screened and the reasons of every hit quote personal data: they are sealed by the
 * vault under the subject's key (erasure shreds them) and never logged.
 */
@Service
public final class Screening {
  private static final Logger log = LoggerFactory.getLogger(Screening.class);
  static final String PARTIES = "screening.parties";
  static final int MAX_REASON = 1_000;
  static final int MAX_PARTIES = 52;
  private static final java.util.regex.Pattern VERSION_SEPARATOR =
      java.util.regex.Pattern.compile(",");

  private final ScreeningLists lists;
  private final HitRepository repository;
  private final Vault vault;
  private final TransactionTemplate transaction;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final double threshold;

  @Autowired
  Screening(
      ScreeningLists lists,
      DataSource dataSource,
      Vault vault,
      PlatformTransactionManager transactions,
      ScreeningProperties properties,
      ApplicationEventPublisher events,
      ObjectProvider<Clock> clock) {
    this(
        lists,
        dataSource,
        vault,
        transactions,
        properties,
        events,
        clock.getIfUnique(Clock::systemUTC));
  }

  /** For tests: screening in the given database with the given clock. */
  public Screening(
      ScreeningLists lists,
      DataSource dataSource,
      Vault vault,
      PlatformTransactionManager transactions,
      ScreeningProperties properties,
      ApplicationEventPublisher events,
      Clock clock) {
    this.lists = lists;
    this.repository = new HitRepository(dataSource);
    this.vault = vault;
    this.transaction = new TransactionTemplate(transactions);
    this.events = events;
    this.clock = clock;
    this.threshold = properties.threshold();
  }

  /** The score from which a match is a hit. */
  public double threshold() {
    return threshold;
  }

  /** Screens one party against the newest lists without storing anything (an operator's check). */
  public List<Hit> check(Party party) {
    return lists.snapshot().screen(party, threshold);
  }

  /**
   * Screens the subject's parties against the newest version of every list, stores them (sealed)
   * for re-screening, and stores the hits: new ones open, known ones updated with their verdict
   * kept, ones no longer found cleared. Publishes {@link ScreeningHitsFound} if there are new hits.
   *
   * @param parties the subject first, then the people behind it, always in the same order (a hit
   *     belongs to a party by its position); 1 to 52 (a company, the person acting for it and up to
   *     50 owners)
   */
  public ScreeningResult screen(SubjectId subject, List<Party> parties) {
    return screen(subject, parties, ScreeningHitsFound.Trigger.SCREENING);
  }

  private record HitKey(int party, ListSource source, String entryKey) {}

  private ScreeningResult screen(
      SubjectId subject, List<Party> parties, ScreeningHitsFound.Trigger trigger) {
    if (parties.isEmpty() || parties.size() > MAX_PARTIES) {
      throw new IllegalArgumentException("screen 1 to 52 parties");
    }
    ListSnapshot snapshot = lists.snapshot();
    Map<ListSource, Long> versions = new EnumMap<>(ListSource.class);
    snapshot.versions().forEach((source, version) -> versions.put(source, version.id()));
    List<List<Hit>> found = parties.stream().map(p -> snapshot.screen(p, threshold)).toList();
    Instant now = clock.instant();
    List<UUID> newIds =
        transaction.execute(
            status -> {
              repository.lock(subject);
              repository.saveSubject(
                  subject,
                  vault.encrypt(subject, PARTIES, ScreeningJson.parties(parties)),
                  now,
                  encode(versions));
              Map<HitKey, HitRepository.HitRow> existing = new HashMap<>();
              for (HitRepository.HitRow row : repository.hits(subject)) {
                existing.put(new HitKey(row.partyIndex(), row.source(), row.entryKey()), row);
              }
              Set<HitKey> seen = new HashSet<>();
              List<UUID> fresh = new ArrayList<>();
              for (int i = 0; i < parties.size(); i++) {
                for (Hit hit : found.get(i)) {
                  HitKey key = new HitKey(i, hit.source(), hit.entryKey());
                  seen.add(key);
                  HitRepository.HitRow row = existing.get(key);
                  UUID id = row == null ? UUID.randomUUID() : row.id();
                  byte[] details =
                      vault.encrypt(
                          subject,
                          "screening.hit:" + id,
                          ScreeningJson.hit(parties.get(i), hit.reasons()));
                  if (row == null) {
                    repository.insertHit(
                        new HitRepository.HitRow(
                            id,
                            subject,
                            i,
                            parties.get(i).role(),
                            hit.source(),
                            hit.entryKey(),
                            hit.listVersion(),
                            hit.score(),
                            details,
                            now,
                            now,
                            null,
                            HitStatus.OPEN,
                            null,
                            null,
                            null));
                    fresh.add(id);
                  } else {
                    boolean reopen = row.clearedAt() != null;
                    repository.seenAgain(
                        id,
                        parties.get(i).role(),
                        hit.listVersion(),
                        hit.score(),
                        details,
                        now,
                        reopen);
                    if (reopen) {
                      fresh.add(id);
                    }
                  }
                }
              }
              existing.forEach(
                  (key, row) -> {
                    if (!seen.contains(key) && row.clearedAt() == null) {
                      repository.clear(row.id(), now);
                    }
                  });
              return fresh;
            });
    List<UUID> created = newIds == null ? List.of() : newIds;
    List<StoredHit> standing = hits(subject).stream().filter(StoredHit::standing).toList();
    List<StoredHit> fresh = standing.stream().filter(h -> created.contains(h.id())).toList();
    log.info(
        "subject {} screened ({}) against {}: {} standing hits, {} new",
        subject,
        trigger,
        encode(versions),
        standing.size(),
        created.size());
    if (!created.isEmpty()) {
      events.publishEvent(new ScreeningHitsFound(subject, created, trigger));
    }
    return new ScreeningResult(subject, now, versions, standing, fresh);
  }

  private static String encode(Map<ListSource, Long> versions) {
    List<String> parts = new ArrayList<>();
    versions.forEach((source, id) -> parts.add(source + ":" + id));
    return String.join(",", parts);
  }

  /**
   * Screens every subject that was ever screened again, with what was screened last time, against
   * the newest lists. Subjects whose data was erased are skipped.
   */
  public RescreenReport rescreenAll() {
    int screened = 0;
    int skipped = 0;
    List<ScreeningHitsFound> found = new ArrayList<>();
    Map<ListSource, Long> versions = new EnumMap<>(ListSource.class);
    lists.current().forEach((source, version) -> versions.put(source, version.id()));
    for (SubjectId subject : repository.subjects()) {
      Optional<List<Party>> parties = parties(subject);
      if (parties.isEmpty()) {
        skipped++;
        continue;
      }
      ScreeningResult result =
          screen(subject, parties.get(), ScreeningHitsFound.Trigger.RESCREENING);
      screened++;
      if (!result.newHits().isEmpty()) {
        found.add(
            new ScreeningHitsFound(
                subject,
                result.newHits().stream().map(StoredHit::id).toList(),
                ScreeningHitsFound.Trigger.RESCREENING));
      }
    }
    return new RescreenReport(versions, screened, skipped, found);
  }

  /** The parties screened last time; empty if never screened or erased. */
  private Optional<List<Party>> parties(SubjectId subject) {
    return repository
        .subject(subject)
        .flatMap(row -> plaintext(vault.decrypt(subject, PARTIES, row.sealedParties())))
        .map(ScreeningJson::parties);
  }

  private static Optional<byte[]> plaintext(Decrypted decrypted) {
    return decrypted instanceof Decrypted.Plaintext(byte[] bytes)
        ? Optional.of(bytes)
        : Optional.empty();
  }

  /** The list versions the subject was last screened against (id per list); empty if never. */
  Map<ListSource, Long> versionsScreened(SubjectId subject) {
    Map<ListSource, Long> out = new EnumMap<>(ListSource.class);
    repository
        .subject(subject)
        .ifPresent(
            row -> {
              for (String part : VERSION_SEPARATOR.splitAsStream(row.versions()).toList()) {
                int colon = part.indexOf(':');
                if (colon > 0) {
                  ListSource.fromPath(part.substring(0, colon))
                      .ifPresent(s -> out.put(s, Long.parseLong(part.substring(colon + 1))));
                }
              }
            });
    return out;
  }

  /** Where the subject's screening stands. */
  public Assessment assess(SubjectId subject) {
    Optional<HitRepository.SubjectRow> row = repository.subject(subject);
    if (row.isEmpty()) {
      return new Assessment.NotScreened();
    }
    Set<ListCategory> confirmed = EnumSet.noneOf(ListCategory.class);
    int open = 0;
    for (HitRepository.HitRow hit : repository.hits(subject)) {
      if (hit.clearedAt() != null) {
        continue;
      }
      switch (hit.status()) {
        case OPEN -> open++;
        case TRUE_POSITIVE -> confirmed.add(hit.source().category());
        case FALSE_POSITIVE -> {
          // Decided: does not hold the case up.
        }
      }
    }
    Instant at = row.get().screenedAt();
    if (!confirmed.isEmpty()) {
      return new Assessment.Confirmed(at, confirmed, open);
    }
    return open > 0 ? new Assessment.NeedsReview(at, open) : new Assessment.Clear(at);
  }

  /** Every hit of the subject, cleared ones too; none if its data was erased. */
  public List<StoredHit> hits(SubjectId subject) {
    List<StoredHit> out = new ArrayList<>();
    for (HitRepository.HitRow row : repository.hits(subject)) {
      stored(row).ifPresent(out::add);
    }
    return out;
  }

  /** One hit; empty if unknown or its subject's data was erased. */
  public Optional<StoredHit> hit(UUID id) {
    return repository.hit(id).flatMap(this::stored);
  }

  /** Standing hits that wait for an operator, oldest first. */
  public List<StoredHit> openHits(int limit) {
    List<StoredHit> out = new ArrayList<>();
    for (HitRepository.HitRow row : repository.open(Math.max(1, Math.min(limit, 1_000)))) {
      stored(row).ifPresent(out::add);
    }
    return out;
  }

  private Optional<StoredHit> stored(HitRepository.HitRow row) {
    Optional<ScreeningJson.SealedHit> sealed =
        plaintext(vault.decrypt(row.subject(), "screening.hit:" + row.id(), row.details()))
            .map(ScreeningJson::hit);
    if (sealed.isEmpty()) {
      return Optional.empty();
    }
    Party party = sealed.get().party();
    MatchReasons reasons = sealed.get().reasons();
    Optional<ListEntry> entry = lists.entry(row.versionId(), row.entryKey());
    Hit hit =
        new Hit(
            row.source(),
            row.versionId(),
            row.entryKey(),
            entry.map(ListEntry::kind).orElse(party.kind()),
            entry.map(ListEntry::name).orElse(reasons.matchedName()),
            entry.map(ListEntry::programme).orElse(""),
            row.score(),
            reasons);
    StoredHit.Disposition disposition = null;
    UUID by = row.disposedBy();
    Instant at = row.disposedAt();
    byte[] sealedReason = row.reason();
    if (by != null && at != null && sealedReason != null) {
      String reason =
          plaintext(vault.decrypt(row.subject(), "screening.disposition:" + row.id(), sealedReason))
              .map(b -> new String(b, StandardCharsets.UTF_8))
              .orElse("");
      disposition = new StoredHit.Disposition(by, at, reason);
    }
    return Optional.of(
        new StoredHit(
            row.id(),
            row.subject(),
            row.partyIndex(),
            party,
            hit,
            row.status(),
            row.foundAt(),
            row.seenAt(),
            row.clearedAt(),
            disposition));
  }

  /**
   * Records an operator's verdict on an open, standing hit.
   *
   * @param verdict {@link HitStatus#TRUE_POSITIVE} or {@link HitStatus#FALSE_POSITIVE}
   * @param reason why, 1 to 1,000 characters (kept sealed: it may quote personal data)
   * @param operator the operator's account
   */
  public DispositionOutcome dispose(
      UUID hitId, @Nullable HitStatus verdict, @Nullable String reason, UUID operator) {
    if (verdict == null || verdict == HitStatus.OPEN) {
      return new DispositionOutcome.Refused("screening.verdict-invalid");
    }
    String text = reason == null ? "" : reason.strip();
    if (text.isEmpty() || text.length() > MAX_REASON) {
      return new DispositionOutcome.Refused("screening.reason-required");
    }
    Optional<HitRepository.HitRow> row = repository.hit(hitId);
    if (row.isEmpty()) {
      return new DispositionOutcome.Refused("screening.hit-not-found");
    }
    SubjectId subject = row.get().subject();
    Boolean done =
        transaction.execute(
            status ->
                repository.dispose(
                    hitId,
                    verdict,
                    operator,
                    clock.instant(),
                    vault.encrypt(
                        subject,
                        "screening.disposition:" + hitId,
                        text.getBytes(StandardCharsets.UTF_8))));
    if (!Boolean.TRUE.equals(done)) {
      return new DispositionOutcome.Refused("screening.hit-not-open");
    }
    log.info("screening hit {} disposed as {} by account {}", hitId, verdict, operator);
    return hit(hitId)
        .<DispositionOutcome>map(DispositionOutcome.Disposed::new)
        .orElseGet(() -> new DispositionOutcome.Refused("screening.hit-not-found"));
  }
}

package org.trademap.server.sharing.ownchecks;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.checks.screening.BirthDate;
import org.trademap.server.checks.screening.Corroboration;
import org.trademap.server.checks.screening.EntryKind;
import org.trademap.server.checks.screening.Hit;
import org.trademap.server.checks.screening.ListEntry;
import org.trademap.server.checks.screening.ListMatcher;
import org.trademap.server.checks.screening.Party;
import org.trademap.server.checks.screening.Screening;
import org.trademap.server.sharing.SharingResult;
import org.trademap.server.sharing.ownchecks.CompanyApplications.Reviewed;
import org.trademap.server.sharing.ownchecks.OwnChecksRepository.CheckRow;
import org.trademap.server.sharing.ownchecks.OwnChecksRepository.Kind;
import org.trademap.server.vault.Decrypted;
import org.trademap.server.vault.SubjectId;
import org.trademap.server.vault.Vault;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A securities company's own checks before it opens an account (JPX §5, issue 6 step 4): its own
 * list of anti-social forces, screening the package's parties against that list only (with the
 * consortium's matcher, {@link ListMatcher}), clearing false positives with a reason, and the
 * suitability assessment ({@link Suitability}). {@link ApprovalRule} is the rule the decision
 * follows. Each company's list and results are its own: other companies, the consortium and the
 * person never see them, and nothing goes to the ledger (ADR 0036).
 */
@Service
class OwnChecks {
  static final int MAX_REASON = 1_000;
  private static final Logger log = LoggerFactory.getLogger(OwnChecks.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String APPLIED = "applied";

  /**
   * The company's list.
   *
   * @param version 0 before the first upload
   * @param updatedAt when it was uploaded, or null
   * @param updatedBy by whom, or null
   * @param entries its entries in the file's order
   */
  record AsfListView(
      long version,
      @Nullable Instant updatedAt,
      @Nullable UUID updatedBy,
      List<AsfEntry> entries) {}

  /**
   * A hit of a party on the company's list.
   *
   * @param id the hit, to clear it
   * @param party the party's position (0 is the package's subject)
   * @param partyRole {@code subject}, {@code representative}, {@code beneficial-owner}, {@code
   *     controlling-person}
   * @param entryKey the list entry
   * @param entryName its name on the list
   * @param entryBirthDate its birth date on the list, or null
   * @param entryNote the company's note on it
   * @param matchedName the entry's name that matched
   * @param score in [0, 1], with the birth-date corroboration
   * @param birthDate how the birth dates compare: {@code agrees}, {@code plausible}, {@code
   *     neutral}, {@code conflicts}, {@code unknown}
   * @param status {@code open} or {@code cleared} (a false positive)
   * @param clearedReason why it was cleared, or null
   * @param clearedBy who cleared it, or null
   * @param clearedAt when, or null
   */
  record AsfHit(
      UUID id,
      int party,
      String partyRole,
      String entryKey,
      String entryName,
      @Nullable String entryBirthDate,
      String entryNote,
      String matchedName,
      double score,
      String birthDate,
      String status,
      @Nullable String clearedReason,
      @Nullable UUID clearedBy,
      @Nullable Instant clearedAt) {
    boolean open() {
      return status.equals("open");
    }

    AsfHit cleared(String reason, UUID by, Instant at) {
      return new AsfHit(
          id,
          party,
          partyRole,
          entryKey,
          entryName,
          entryBirthDate,
          entryNote,
          matchedName,
          score,
          birthDate,
          "cleared",
          reason,
          by,
          at);
    }
  }

  /** The sealed detail of a screening. */
  record AsfDetail(int parties, List<AsfHit> hits) {}

  /** The sealed detail of a suitability assessment. */
  record SuitabilityDetail(
      String experience,
      String income,
      String assets,
      String purpose,
      String riskTolerance,
      String result,
      List<String> reasons) {}

  /**
   * The screening against the company's list.
   *
   * @param listVersion the version screened against (0: the company had no list)
   * @param currentListVersion the list's version now; if it differs, screen again
   * @param outcome {@code clear}, {@code hits-open} or {@code hits-cleared}
   * @param blocking whether an open hit keeps the company from approving
   * @param screenedAt when
   * @param screenedBy who
   * @param parties how many parties were screened
   * @param hits the hits, best first
   */
  record AsfView(
      long listVersion,
      long currentListVersion,
      String outcome,
      boolean blocking,
      Instant screenedAt,
      UUID screenedBy,
      int parties,
      List<AsfHit> hits) {}

  /**
   * The suitability assessment.
   *
   * @param detail the answers, the result and its reasons (API names)
   * @param blocking whether the result keeps the company from approving
   * @param assessedAt when
   * @param assessedBy who
   */
  record SuitabilityView(
      SuitabilityDetail detail, boolean blocking, Instant assessedAt, UUID assessedBy) {}

  /**
   * An application's own checks.
   *
   * @param applicationId the application
   * @param state the application's state
   * @param asf the screening, or null before the first
   * @param suitability the assessment, or null before the first
   * @param approvable whether an approval would be accepted now
   * @param refusal the problem code an approval would get ({@code sharing.own-checks-incomplete},
   *     {@code sharing.own-checks-block}), or null
   */
  record View(
      UUID applicationId,
      String state,
      @Nullable AsfView asf,
      @Nullable SuitabilityView suitability,
      boolean approvable,
      @Nullable String refusal) {}

  /**
   * The answers as entered (API names, see {@link Suitability}).
   *
   * @param experience {@code none}, {@code under-1y}, {@code from-1y-to-5y}, {@code over-5y}
   * @param income {@code under-3m}, {@code from-3m-to-5m}, {@code from-5m-to-10m}, {@code over-10m}
   * @param assets {@code under-1m}, {@code from-1m-to-10m}, {@code from-10m-to-50m}, {@code
   *     over-50m}
   * @param purpose {@code capital-preservation}, {@code income}, {@code balanced}, {@code growth},
   *     {@code speculation}
   * @param riskTolerance {@code none}, {@code low}, {@code medium}, {@code high}
   */
  record SuitabilityForm(
      @Nullable String experience,
      @Nullable String income,
      @Nullable String assets,
      @Nullable String purpose,
      @Nullable String riskTolerance) {
    @Override
    public String toString() {
      return "SuitabilityForm[(hidden)]";
    }
  }

  /** A company's list as indexed, with the version it was built from. */
  private record Indexed(long version, ListMatcher matcher, Map<String, AsfEntry> entries) {}

  private final CompanyApplications applications;
  private final ApprovalRule rule;
  private final OwnChecksRepository repository;
  private final Screening screening;
  private final Vault vault;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Map<String, Indexed> indexed = new ConcurrentHashMap<>();

  OwnChecks(
      CompanyApplications applications,
      ApprovalRule rule,
      DataSource dataSource,
      Screening screening,
      Vault vault,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this.applications = applications;
    this.rule = rule;
    this.repository = new OwnChecksRepository(dataSource);
    this.screening = screening;
    this.vault = vault;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  // ---- the company's list
  // ------------------------------------------------------------------------

  /** The staff member's company's list; refused for anyone but company staff. */
  SharingResult<AsfListView> asfList(SignedIn staff) {
    Optional<String> company = applications.companyOf(staff);
    if (company.isEmpty()) {
      return SharingResult.refused(HttpStatus.FORBIDDEN, "auth.forbidden");
    }
    return new SharingResult.Done<>(listView(company.get()));
  }

  private AsfListView listView(String companyId) {
    Optional<OwnChecksRepository.ListRow> row = repository.list(companyId);
    return new AsfListView(
        row.map(OwnChecksRepository.ListRow::version).orElse(0L),
        row.map(OwnChecksRepository.ListRow::updatedAt).orElse(null),
        row.map(OwnChecksRepository.ListRow::updatedBy).orElse(null),
        row.isPresent() ? repository.entries(companyId) : List.of());
  }

  /**
   * Replaces the company's list with the uploaded CSV ({@link AsfListCsv}): a new version. A file
   * with any bad row is refused with every bad row ({@code 422 sharing.asf-list-invalid}, member
   * {@code errors}) and changes nothing.
   */
  SharingResult<AsfListView> uploadAsfList(SignedIn staff, String csv) {
    Optional<String> company = applications.companyOf(staff);
    if (company.isEmpty()) {
      return SharingResult.refused(HttpStatus.FORBIDDEN, "auth.forbidden");
    }
    return switch (AsfListCsv.parse(csv, LocalDate.now(clock))) {
      case AsfListCsv.Invalid invalid ->
          SharingResult.refused(
              HttpStatus.UNPROCESSABLE_CONTENT,
              "sharing.asf-list-invalid",
              Map.of("errors", invalid.errors()));
      case AsfListCsv.Valid valid ->
          inTransaction(
              () -> {
                long version = repository.lockList(company.get()).orElse(0L) + 1;
                repository.replaceList(
                    company.get(), version, valid.entries(), staff.accountId(), clock.instant());
                log.info(
                    "company staff {} uploaded version {} of their company's ASF list ({}"
                        + " entries)",
                    staff.accountId(),
                    version,
                    valid.entries().size());
                return new SharingResult.Done<>(listView(company.get()));
              });
    };
  }

  private Indexed index(String companyId, long version) {
    Indexed known = indexed.get(companyId);
    if (known != null && known.version() == version) {
      return known;
    }
    List<AsfEntry> entries = version == 0 ? List.of() : repository.entries(companyId);
    List<ListEntry> listed = new ArrayList<>();
    Map<String, AsfEntry> byKey = new HashMap<>();
    for (AsfEntry e : entries) {
      byKey.put(e.key(), e);
      String birth = e.birthDate();
      if (birth != null) {
        listed.add(listEntry(e, EntryKind.PERSON, List.of(BirthDate.parse(birth))));
        continue;
      }
      for (EntryKind kind : EntryKind.values()) {
        if (ListMatcher.matchable(e.name(), kind)) {
          listed.add(listEntry(e, kind, List.of()));
        }
      }
    }
    Indexed fresh = new Indexed(version, ListMatcher.of(listed), byKey);
    indexed.put(companyId, fresh);
    return fresh;
  }

  private static ListEntry listEntry(AsfEntry e, EntryKind kind, List<BirthDate> births) {
    return new ListEntry(
        e.key() + "/" + kind.name().toLowerCase(java.util.Locale.ROOT).charAt(0),
        kind,
        e.name(),
        List.of(),
        births,
        List.of(),
        List.of(),
        "ASF",
        e.note());
  }

  private static String entryKeyOf(Hit hit) {
    String key = hit.entryKey();
    return key.substring(0, key.lastIndexOf('/'));
  }

  // ---- an application's own checks
  // ---------------------------------------------------------------

  /** The application's own checks, for its company's staff; 404 for anyone else. */
  SharingResult<View> view(SignedIn staff, UUID applicationId) {
    return switch (applications.reviewed(staff, applicationId)) {
      case CompanyApplications.Refused r -> SharingResult.refused(r.status(), r.code());
      case Reviewed r -> new SharingResult.Done<>(view(r));
    };
  }

  private View view(Reviewed r) {
    List<CheckRow> rows = repository.checks(r.applicationId());
    long current = rule.currentVersion(r.companyId());
    AsfView asf = null;
    SuitabilityView suitability = null;
    for (CheckRow row : rows) {
      if (row.kind() == Kind.ASF) {
        AsfDetail detail = open(r.subject(), row, AsfDetail.class);
        asf =
            new AsfView(
                row.listVersion() == null ? 0 : row.listVersion(),
                current,
                apiName(row.outcome()),
                row.blocking(),
                row.recordedAt(),
                row.recordedBy(),
                detail == null ? 0 : detail.parties(),
                detail == null ? List.of() : detail.hits());
      } else {
        SuitabilityDetail detail = open(r.subject(), row, SuitabilityDetail.class);
        if (detail != null) {
          suitability =
              new SuitabilityView(detail, row.blocking(), row.recordedAt(), row.recordedBy());
        }
      }
    }
    String refusal = rule.refusal(rows, r.companyId());
    return new View(r.applicationId(), r.state(), asf, suitability, refusal == null, refusal);
  }

  /**
   * Screens the package's parties against the company's current list and records the result,
   * replacing an earlier screening; a hit cleared before stays cleared if it is found again.
   */
  SharingResult<View> screen(SignedIn staff, UUID applicationId) {
    return decidable(
        staff,
        applicationId,
        r ->
            inTransaction(
                () -> {
                  long version = repository.lockList(r.companyId()).orElse(0L);
                  Indexed list = index(r.companyId(), version);
                  Map<String, AsfHit> earlier = new HashMap<>();
                  repository
                      .lockCheck(r.applicationId(), Kind.ASF)
                      .map(row -> open(r.subject(), row, AsfDetail.class))
                      .ifPresent(
                          d ->
                              d.hits()
                                  .forEach(h -> earlier.put(h.party() + "|" + h.entryKey(), h)));
                  List<AsfHit> hits = new ArrayList<>();
                  double threshold = screening.threshold();
                  for (int i = 0; i < r.parties().size(); i++) {
                    Party party = r.parties().get(i);
                    for (Hit hit : list.matcher().screen(party, threshold)) {
                      String key = entryKeyOf(hit);
                      AsfHit before = earlier.get(i + "|" + key);
                      hits.add(
                          before != null && !before.open()
                              ? before
                              : hit(i, party, hit, list.entries().get(key)));
                    }
                  }
                  save(
                      r,
                      Kind.ASF,
                      asfOutcome(hits),
                      version,
                      new AsfDetail(r.parties().size(), hits),
                      staff);
                  log.info(
                      "company staff {} screened application {} against their company's ASF list"
                          + " version {}: {} hits",
                      staff.accountId(),
                      r.applicationId(),
                      version,
                      hits.size());
                  return new SharingResult.Done<>(view(r));
                }));
  }

  private static AsfHit hit(int index, Party party, Hit hit, @Nullable AsfEntry entry) {
    String birth =
        hit.reasons().corroborations().stream()
            .filter(c -> c.aspect() == Corroboration.Aspect.BIRTH_DATE)
            .map(c -> c.verdict().name().toLowerCase(java.util.Locale.ROOT))
            .findFirst()
            .orElse("unknown");
    return new AsfHit(
        UUID.randomUUID(),
        index,
        party.role().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
        entryKeyOf(hit),
        hit.entryName(),
        entry == null ? null : entry.birthDate(),
        entry == null ? "" : entry.note(),
        hit.reasons().matchedName(),
        hit.score(),
        birth,
        "open",
        null,
        null,
        null);
  }

  private static String asfOutcome(List<AsfHit> hits) {
    if (hits.isEmpty()) {
      return "CLEAR";
    }
    return hits.stream().anyMatch(AsfHit::open) ? "HITS_OPEN" : "HITS_CLEARED";
  }

  /** Clears a hit as a false positive, with the reason. */
  SharingResult<View> clearHit(
      SignedIn staff, UUID applicationId, UUID hitId, @Nullable String reason) {
    String text = reason == null ? "" : reason.strip();
    return decidable(
        staff,
        applicationId,
        r -> {
          if (text.isEmpty() || text.length() > MAX_REASON) {
            return SharingResult.<View>refused(
                HttpStatus.UNPROCESSABLE_CONTENT, "sharing.own-checks-reason-required");
          }
          return inTransaction(
              () -> {
                Optional<CheckRow> row = repository.lockCheck(r.applicationId(), Kind.ASF);
                AsfDetail detail = row.map(x -> open(r.subject(), x, AsfDetail.class)).orElse(null);
                if (row.isEmpty() || detail == null) {
                  return SharingResult.<View>refused(
                      HttpStatus.NOT_FOUND, "sharing.own-checks-hit-not-found");
                }
                List<AsfHit> hits = new ArrayList<>();
                boolean found = false;
                for (AsfHit h : detail.hits()) {
                  if (h.id().equals(hitId)) {
                    if (!h.open()) {
                      return SharingResult.<View>refused(
                          HttpStatus.CONFLICT, "sharing.own-checks-hit-cleared");
                    }
                    found = true;
                    hits.add(h.cleared(text, staff.accountId(), clock.instant()));
                  } else {
                    hits.add(h);
                  }
                }
                if (!found) {
                  return SharingResult.<View>refused(
                      HttpStatus.NOT_FOUND, "sharing.own-checks-hit-not-found");
                }
                CheckRow old = row.get();
                byte[] sealed =
                    seal(
                        r.subject(),
                        r.applicationId(),
                        Kind.ASF,
                        new AsfDetail(detail.parties(), hits));
                String outcome = asfOutcome(hits);
                repository.save(
                    new CheckRow(
                        old.applicationId(),
                        Kind.ASF,
                        old.companyId(),
                        outcome,
                        outcome.equals("HITS_OPEN"),
                        old.listVersion(),
                        old.recordedAt(),
                        old.recordedBy(),
                        sealed));
                log.info(
                    "company staff {} cleared an ASF hit of application {} as a false positive",
                    staff.accountId(),
                    r.applicationId());
                return new SharingResult.Done<>(view(r));
              });
        });
  }

  /** Records the suitability assessment from the reviewer's answers, replacing an earlier one. */
  SharingResult<View> assessSuitability(SignedIn staff, UUID applicationId, SuitabilityForm form) {
    return decidable(
        staff,
        applicationId,
        r -> {
          Optional<Suitability.Experience> experience =
              Suitability.fromApi(Suitability.Experience.class, form.experience());
          Optional<Suitability.Income> income =
              Suitability.fromApi(Suitability.Income.class, form.income());
          Optional<Suitability.Assets> assets =
              Suitability.fromApi(Suitability.Assets.class, form.assets());
          Optional<Suitability.Purpose> purpose =
              Suitability.fromApi(Suitability.Purpose.class, form.purpose());
          Optional<Suitability.RiskTolerance> risk =
              Suitability.fromApi(Suitability.RiskTolerance.class, form.riskTolerance());
          String field =
              experience.isEmpty()
                  ? "experience"
                  : income.isEmpty()
                      ? "income"
                      : assets.isEmpty()
                          ? "assets"
                          : purpose.isEmpty() ? "purpose" : risk.isEmpty() ? "riskTolerance" : "";
          if (!field.isEmpty()) {
            return SharingResult.<View>refused(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "sharing.suitability-invalid",
                Map.of("field", field));
          }
          Suitability.Answers answers =
              new Suitability.Answers(
                  experience.orElseThrow(),
                  income.orElseThrow(),
                  assets.orElseThrow(),
                  purpose.orElseThrow(),
                  risk.orElseThrow());
          Suitability.Assessment assessment = Suitability.assess(answers);
          SuitabilityDetail detail =
              new SuitabilityDetail(
                  Suitability.apiName(answers.experience()),
                  Suitability.apiName(answers.income()),
                  Suitability.apiName(answers.assets()),
                  Suitability.apiName(answers.purpose()),
                  Suitability.apiName(answers.riskTolerance()),
                  Suitability.apiName(assessment.result()),
                  assessment.reasons());
          return inTransaction(
              () -> {
                save(r, Kind.SUITABILITY, assessment.result().name(), null, detail, staff);
                log.info(
                    "company staff {} recorded the suitability of application {}: {}",
                    staff.accountId(),
                    r.applicationId(),
                    assessment.result());
                return new SharingResult.Done<>(view(r));
              });
        });
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Runs the action on an application of the staff member's company that is not decided yet. */
  private SharingResult<View> decidable(
      SignedIn staff,
      UUID applicationId,
      java.util.function.Function<Reviewed, SharingResult<View>> action) {
    return switch (applications.reviewed(staff, applicationId)) {
      case CompanyApplications.Refused r -> SharingResult.refused(r.status(), r.code());
      case Reviewed r ->
          r.state().equals(APPLIED)
              ? action.apply(r)
              : SharingResult.refused(HttpStatus.CONFLICT, "sharing.already-decided");
    };
  }

  private void save(
      Reviewed r,
      Kind kind,
      String outcome,
      @Nullable Long listVersion,
      Object detail,
      SignedIn by) {
    boolean blocking =
        kind == Kind.ASF ? outcome.equals("HITS_OPEN") : outcome.equals("NOT_SUITABLE");
    repository.save(
        new CheckRow(
            r.applicationId(),
            kind,
            r.companyId(),
            outcome,
            blocking,
            listVersion,
            clock.instant(),
            by.accountId(),
            seal(r.subject(), r.applicationId(), kind, detail)));
  }

  private byte[] seal(SubjectId subject, UUID applicationId, Kind kind, Object detail) {
    return vault.encrypt(subject, purpose(applicationId, kind), JSON.writeValueAsBytes(detail));
  }

  private <T> @Nullable T open(SubjectId subject, CheckRow row, Class<T> type) {
    if (vault.decrypt(subject, purpose(row.applicationId(), row.kind()), row.detailSealed())
        instanceof Decrypted.Plaintext p) {
      try {
        return JSON.readValue(p.bytes(), type);
      } catch (JacksonException e) {
        log.warn("application {}: an own check's detail does not read", row.applicationId());
      }
    }
    return null;
  }

  private static String purpose(UUID applicationId, Kind kind) {
    return "sharing.own-check:"
        + applicationId
        + ":"
        + kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String apiName(String outcome) {
    return outcome.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private <T> SharingResult<T> inTransaction(Supplier<SharingResult<T>> work) {
    SharingResult<T> result =
        transaction.execute(
            status -> {
              SharingResult<T> r = work.get();
              if (r instanceof SharingResult.Refused<T>) {
                status.setRollbackOnly();
              }
              return r;
            });
    if (result == null) {
      throw new IllegalStateException("a transaction without a result");
    }
    return result;
  }
}

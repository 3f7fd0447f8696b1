package org.trademap.server.checks.screening;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.web.ProblemException;

/** Sanctions, PEP and ASF screening over the REST API, for operators and supervisors. */
@RestController
@Tag(
    name = "Screening",
    description =
        "Sanctions (UN, OFAC), PEP and anti-social-forces (ASF) lists and the hits of screened"
            + " subjects. Imports keep list versions (an unchanged file makes none); the ASF and"
            + " PEP lists are edited here, each edit a new version. A new version re-screens every"
            + " screened subject. Operators dispose of each hit as a true or false positive with a"
            + " reason. Operators and supervisors only.")
class ScreeningController {
  static final String PATH = "/api/v1/checks/screening";

  private final ScreeningLists lists;
  private final Screening screening;
  private final Subjects subjects;
  private final ScreeningCases cases;

  ScreeningController(
      ScreeningLists lists, Screening screening, Subjects subjects, ScreeningCases cases) {
    this.lists = lists;
    this.screening = screening;
    this.subjects = subjects;
    this.cases = cases;
  }

  /** A list and its newest version. */
  record ListView(
      String list, ListCategory category, boolean imported, @Nullable ListVersion version) {}

  @GetMapping(PATH + "/lists")
  @Operation(summary = "Every list with its newest version (null before the first import)")
  List<ListView> lists() {
    Map<ListSource, ListVersion> current = lists.current();
    List<ListView> out = new ArrayList<>();
    for (ListSource source : ListSource.values()) {
      out.add(
          new ListView(source.path(), source.category(), source.imported(), current.get(source)));
    }
    return out;
  }

  @GetMapping(PATH + "/lists/{list}/versions")
  @Operation(summary = "Every version of a list, newest first")
  List<ListVersion> versions(@PathVariable String list) {
    return lists.versions(source(list));
  }

  /** What an import came to. */
  record ImportView(String outcome, ListVersion version) {}

  @PostMapping(PATH + "/lists/{list}/imports")
  @Operation(
      summary = "Import the UN or OFAC list now from its configured location",
      description =
          "201 with the new version, or 200 with the newest version when the content is"
              + " unchanged. 422 screening.list-unreadable or screening.list-malformed (the list"
              + " stays as it was), 400 screening.list-not-importable for asf and pep. A new"
              + " version re-screens every screened subject in the background.")
  ResponseEntity<ImportView> importList(
      @PathVariable String list, @AuthenticationPrincipal SignedIn operator) {
    ListSource source = source(list);
    ImportOutcome outcome = lists.importList(source, operator.accountId());
    cases.imported(source, outcome, operator.accountId());
    return switch (outcome) {
      case ImportOutcome.Imported imported ->
          ResponseEntity.status(HttpStatus.CREATED)
              .body(new ImportView("imported", imported.version()));
      case ImportOutcome.Unchanged unchanged ->
          ResponseEntity.ok(new ImportView("unchanged", unchanged.version()));
      case ImportOutcome.Failed failed ->
          throw ProblemException.withDetail(
                  failed.code().equals("screening.list-not-importable")
                      ? HttpStatus.BAD_REQUEST
                      : HttpStatus.UNPROCESSABLE_CONTENT,
                  failed.code(),
                  failed.detail())
              .with("list", list);
    };
  }

  /** An edited list: its newest version and entries. */
  record EditedListView(@Nullable ListVersion version, List<ListEntry> entries) {}

  @GetMapping(PATH + "/{list:asf|pep}")
  @Operation(summary = "The entries of the ASF or PEP list")
  EditedListView edited(@PathVariable String list) {
    ListSource source = source(list);
    return new EditedListView(lists.current().get(source), lists.entries(source));
  }

  /** An edit's new version and the entry it added or removed. */
  record EditView(ListVersion version, String entryKey) {}

  @PostMapping(PATH + "/{list:asf|pep}")
  @Operation(
      summary = "Add an entry to the ASF or PEP list (a new version)",
      description =
          "422 screening.entry-invalid names the refused field: kind (person or entity), name (1"
              + " to 300 characters), aliases (at most 20), birthDate (1984-01-08, 1984-01, 1984,"
              + " ~1984 or 1970..1972; persons only), nationality (ISO 3166-1 alpha-2), note (at"
              + " most 1,000 characters).")
  ResponseEntity<EditView> add(
      @PathVariable String list,
      @RequestBody EntryDraft draft,
      @AuthenticationPrincipal SignedIn operator) {
    ListSource source = source(list);
    EditOutcome outcome = lists.add(source, draft, operator.accountId());
    cases.edited(source, outcome, operator.accountId(), true);
    return ResponseEntity.status(HttpStatus.CREATED).body(edit(outcome));
  }

  @DeleteMapping(PATH + "/{list:asf|pep}/{key}")
  @Operation(summary = "Remove an entry from the ASF or PEP list (a new version)")
  EditView remove(
      @PathVariable String list,
      @PathVariable String key,
      @AuthenticationPrincipal SignedIn operator) {
    ListSource source = source(list);
    EditOutcome outcome = lists.remove(source, key, operator.accountId());
    cases.edited(source, outcome, operator.accountId(), false);
    return edit(outcome);
  }

  private static EditView edit(EditOutcome outcome) {
    return switch (outcome) {
      case EditOutcome.Edited edited -> new EditView(edited.version(), edited.entryKey());
      case EditOutcome.Refused refused -> throw refusal(refused);
    };
  }

  private static ProblemException refusal(EditOutcome.Refused refused) {
    return switch (refused.code()) {
      case "screening.entry-not-found" -> ProblemException.of(HttpStatus.NOT_FOUND, refused.code());
      case "screening.entry-invalid" ->
          ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, refused.code(), refused.field())
              .with("field", refused.field());
      default -> ProblemException.of(HttpStatus.BAD_REQUEST, refused.code());
    };
  }

  /** A name to check. */
  record MatchRequest(
      @Nullable String kind,
      @Nullable String name,
      @Nullable String birthDate,
      @Nullable String country) {}

  /** The hits of a check and what they were measured against. */
  record MatchView(double threshold, Map<ListSource, ListVersion> versions, List<Hit> hits) {}

  @PostMapping(PATH + "/matches")
  @Operation(
      summary = "Check one name against every list without storing anything",
      description =
          "kind person or entity; name 1 to 300 characters; birthDate (ISO) and country (ISO"
              + " 3166-1 alpha-2) optional. 422 screening.party-invalid names the field.")
  MatchView match(@RequestBody MatchRequest request) {
    return new MatchView(screening.threshold(), lists.current(), screening.check(party(request)));
  }

  private static Party party(MatchRequest request) {
    EntryKind kind =
        switch (request.kind() == null ? "" : request.kind().toLowerCase(Locale.ROOT)) {
          case "person" -> EntryKind.PERSON;
          case "entity" -> EntryKind.ENTITY;
          default -> throw partyInvalid("kind");
        };
    String name = request.name() == null ? "" : request.name().strip();
    if (name.isEmpty() || name.length() > Party.MAX_NAME_LENGTH) {
      throw partyInvalid("name");
    }
    LocalDate birthDate = null;
    if (request.birthDate() != null && !request.birthDate().isBlank()) {
      if (kind == EntryKind.ENTITY) {
        throw partyInvalid("birthDate");
      }
      try {
        birthDate = LocalDate.parse(request.birthDate().strip());
      } catch (DateTimeParseException e) {
        throw partyInvalid("birthDate");
      }
    }
    String country = request.country() == null ? "" : request.country().strip();
    if (!country.isEmpty() && !country.matches("[A-Za-z]{2}")) {
      throw partyInvalid("country");
    }
    return new Party(PartyRole.SUBJECT, kind, name, birthDate, country.isEmpty() ? null : country);
  }

  private static ProblemException partyInvalid(String field) {
    return ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "screening.party-invalid", field)
        .with("field", field);
  }

  /** A stored hit as operators see it: the subject by its pseudonymous reference. */
  record HitView(
      UUID id,
      @Nullable String subjectRef,
      int partyIndex,
      Party party,
      Hit hit,
      HitStatus status,
      Instant foundAt,
      Instant seenAt,
      @Nullable Instant clearedAt,
      StoredHit.@Nullable Disposition disposition) {}

  private HitView view(StoredHit hit) {
    return new HitView(
        hit.id(),
        subjects.byId(hit.subject()).map(Subject::ref).map(r -> r.value()).orElse(null),
        hit.partyIndex(),
        hit.party(),
        hit.hit(),
        hit.status(),
        hit.foundAt(),
        hit.seenAt(),
        hit.clearedAt(),
        hit.disposition());
  }

  @GetMapping(PATH + "/hits")
  @Operation(summary = "Standing hits that wait for a verdict, oldest first")
  List<HitView> openHits(@RequestParam(defaultValue = "100") int limit) {
    return screening.openHits(limit).stream().map(this::view).toList();
  }

  @GetMapping(PATH + "/hits/{id}")
  @Operation(summary = "One hit with its reasons")
  HitView hit(@PathVariable UUID id) {
    return screening
        .hit(id)
        .map(this::view)
        .orElseThrow(() -> ProblemException.of(HttpStatus.NOT_FOUND, "screening.hit-not-found"));
  }

  /** An operator's verdict. */
  record DispositionRequest(@Nullable String verdict, @Nullable String reason) {}

  @PostMapping(PATH + "/hits/{id}/disposition")
  @Operation(
      summary = "Dispose of an open hit as a true or false positive",
      description =
          "verdict true-positive or false-positive; reason 1 to 1,000 characters. 409"
              + " screening.hit-not-open if it was decided before or no longer stands.")
  HitView dispose(
      @PathVariable UUID id,
      @RequestBody DispositionRequest request,
      @AuthenticationPrincipal SignedIn operator) {
    HitStatus verdict = ScreeningCases.verdict(request.verdict());
    return switch (cases.dispose(id, verdict, request.reason(), operator.accountId())) {
      case DispositionOutcome.Disposed disposed -> view(disposed.hit());
      case DispositionOutcome.Refused refused ->
          throw ProblemException.of(
              switch (refused.code()) {
                case "screening.hit-not-found" -> HttpStatus.NOT_FOUND;
                case "screening.hit-not-open" -> HttpStatus.CONFLICT;
                default -> HttpStatus.UNPROCESSABLE_CONTENT;
              },
              refused.code());
    };
  }

  private static ListSource source(String list) {
    return ListSource.fromPath(list)
        .orElseThrow(
            () -> ProblemException.of(HttpStatus.NOT_FOUND, "screening.list-unknown", list));
  }
}

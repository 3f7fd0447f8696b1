package org.trademap.server.checks.screening;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.web.ProblemException;

/**
 * The operators' screening pages: {@code /checks/screening} (the lists with their versions and an
 * import button, the open hits), {@code /checks/screening/hits/{id}} (a hit's reasons and the
 * verdict form) and {@code /checks/screening/{asf|pep}} (the consortium's lists: add and remove
 * entries). Post/redirect/get; CSRF tokens come from {@code th:action}.
 */
@Controller
class ScreeningPages {
  static final String PATH = "/checks/screening";
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final ScreeningLists lists;
  private final Screening screening;
  private final ScreeningCases cases;

  ScreeningPages(ScreeningLists lists, Screening screening, ScreeningCases cases) {
    this.lists = lists;
    this.screening = screening;
    this.cases = cases;
  }

  /** The form of a new ASF or PEP entry. */
  record EntryForm(
      @Nullable String kind,
      @Nullable String name,
      @Nullable String aliases,
      @Nullable String birthDate,
      @Nullable String nationality,
      @Nullable String note) {
    EntryDraft draft() {
      List<String> names = new ArrayList<>();
      if (aliases != null) {
        aliases.lines().map(String::strip).filter(a -> !a.isEmpty()).forEach(names::add);
      }
      return new EntryDraft(kind, name, names, birthDate, nationality, note);
    }
  }

  /**
   * The verdict form of a hit: on the hit's page, or on a case page ({@code caseId} set: the answer
   * goes back to the case).
   */
  record VerdictForm(@Nullable String verdict, @Nullable String reason, @Nullable UUID caseId) {}

  @InitBinder("entryForm")
  void entryFields(WebDataBinder binder) {
    binder.setAllowedFields("kind", "name", "aliases", "birthDate", "nationality", "note");
  }

  @InitBinder("verdictForm")
  void verdictFields(WebDataBinder binder) {
    binder.setAllowedFields("verdict", "reason", "caseId");
  }

  /** A list row: its path, category and newest version, for people. */
  record ListRow(
      String list, String category, boolean imported, @Nullable ListVersion version, String at) {}

  @GetMapping(PATH)
  String overview(Model model) {
    Map<ListSource, ListVersion> current = lists.current();
    List<ListRow> rows = new ArrayList<>();
    for (ListSource source : ListSource.values()) {
      ListVersion version = current.get(source);
      rows.add(
          new ListRow(
              source.path(),
              source.category().name(),
              source.imported(),
              version,
              version == null ? "" : MINUTE.format(version.fetchedAt())));
    }
    model.addAttribute("lists", rows);
    model.addAttribute("hits", screening.openHits(200));
    model.addAttribute("threshold", screening.threshold());
    return "checks/screening/overview";
  }

  @PostMapping(PATH + "/lists/{list}/imports")
  String importList(
      @PathVariable String list,
      @AuthenticationPrincipal SignedIn operator,
      RedirectAttributes flash) {
    ListSource source = source(list);
    ImportOutcome outcome = lists.importList(source, operator.accountId());
    cases.imported(source, outcome, operator.accountId());
    switch (outcome) {
      case ImportOutcome.Imported imported -> {
        flash.addFlashAttribute("done", "imported");
        flash.addFlashAttribute("doneList", list);
        flash.addFlashAttribute("doneVersion", imported.version().id());
      }
      case ImportOutcome.Unchanged unchanged -> {
        flash.addFlashAttribute("done", "unchanged");
        flash.addFlashAttribute("doneList", list);
        flash.addFlashAttribute("doneVersion", unchanged.version().id());
      }
      case ImportOutcome.Failed failed -> {
        flash.addFlashAttribute("refusal", failed.code());
        flash.addFlashAttribute("refusalDetail", failed.detail());
      }
    }
    return "redirect:" + PATH;
  }

  @GetMapping(PATH + "/hits/{id}")
  String hit(@PathVariable UUID id, Model model) {
    StoredHit hit =
        screening
            .hit(id)
            .orElseThrow(
                () -> ProblemException.of(HttpStatus.NOT_FOUND, "screening.hit-not-found"));
    model.addAttribute("hit", hit);
    model.addAttribute("foundAt", MINUTE.format(hit.foundAt()));
    model.addAttribute(
        "disposedAt", hit.disposition() == null ? "" : MINUTE.format(hit.disposition().at()));
    return "checks/screening/hit";
  }

  @PostMapping(PATH + "/hits/{id}/disposition")
  String dispose(
      @PathVariable UUID id,
      @ModelAttribute VerdictForm verdictForm,
      @AuthenticationPrincipal SignedIn operator,
      RedirectAttributes flash) {
    HitStatus verdict = ScreeningCases.verdict(verdictForm.verdict());
    DispositionOutcome outcome =
        cases.dispose(id, verdict, verdictForm.reason(), operator.accountId());
    UUID caseId = verdictForm.caseId();
    if (caseId != null) {
      // The case page's notice and problem.
      switch (outcome) {
        case DispositionOutcome.Disposed disposed ->
            flash.addFlashAttribute("notice", "checks.screening.notice.disposed");
        case DispositionOutcome.Refused refused ->
            flash.addFlashAttribute("problem", refused.code());
      }
      return "redirect:/checks/cases/" + caseId + "#task-SANCTIONS_SCREENING";
    }
    switch (outcome) {
      case DispositionOutcome.Disposed disposed -> flash.addFlashAttribute("done", "disposed");
      case DispositionOutcome.Refused refused -> flash.addFlashAttribute("refusal", refused.code());
    }
    return "redirect:" + PATH + "/hits/" + id;
  }

  @GetMapping(PATH + "/{list:asf|pep}")
  String edited(@PathVariable String list, Model model) {
    ListSource source = source(list);
    ListVersion version = lists.current().get(source);
    model.addAttribute("list", list);
    model.addAttribute("version", version);
    model.addAttribute("at", version == null ? "" : MINUTE.format(version.fetchedAt()));
    model.addAttribute("entries", lists.entries(source));
    return "checks/screening/edited";
  }

  @PostMapping(PATH + "/{list:asf|pep}")
  String add(
      @PathVariable String list,
      @ModelAttribute EntryForm entryForm,
      @AuthenticationPrincipal SignedIn operator,
      RedirectAttributes flash) {
    ListSource source = source(list);
    EditOutcome outcome = lists.add(source, entryForm.draft(), operator.accountId());
    cases.edited(source, outcome, operator.accountId(), true);
    switch (outcome) {
      case EditOutcome.Edited edited -> flash.addFlashAttribute("done", "added");
      case EditOutcome.Refused refused -> {
        flash.addFlashAttribute("refusal", refused.code());
        flash.addFlashAttribute("refusalField", refused.field());
        flash.addFlashAttribute("entryForm", entryForm);
      }
    }
    return "redirect:" + PATH + "/" + list;
  }

  @PostMapping(PATH + "/{list:asf|pep}/{key}/remove")
  String remove(
      @PathVariable String list,
      @PathVariable String key,
      @AuthenticationPrincipal SignedIn operator,
      RedirectAttributes flash) {
    ListSource source = source(list);
    EditOutcome outcome = lists.remove(source, key, operator.accountId());
    cases.edited(source, outcome, operator.accountId(), false);
    switch (outcome) {
      case EditOutcome.Edited edited -> flash.addFlashAttribute("done", "removed");
      case EditOutcome.Refused refused -> flash.addFlashAttribute("refusal", refused.code());
    }
    return "redirect:" + PATH + "/" + list;
  }

  private static ListSource source(String list) {
    return ListSource.fromPath(list)
        .orElseThrow(
            () -> ProblemException.of(HttpStatus.NOT_FOUND, "screening.list-unknown", list));
  }
}

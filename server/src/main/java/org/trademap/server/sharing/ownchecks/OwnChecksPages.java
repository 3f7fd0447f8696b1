package org.trademap.server.sharing.ownchecks;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.sharing.SharingResult;
import org.trademap.server.web.ProblemException;

/**
 * The company console's own checks: the company's ASF list ({@code /company/asf-list}: see and
 * upload) and an application's own checks ({@code /company/applications/{id}/own-checks}), which
 * the package page loads into its "Own checks" section (htmx) and which is a page of its own
 * without script. Post/redirect/get back to the package page; a refused input is shown on the own
 * checks page with its problem code.
 */
@Controller
class OwnChecksPages {
  static final String LIST = "/company/asf-list";
  static final String APPLICATION = "/company/applications/{id}";
  static final String CHECKS = APPLICATION + "/own-checks";

  /**
   * An upload of the list.
   *
   * @param file the CSV file, or
   * @param csv the CSV pasted as text
   */
  record AsfListForm(@Nullable MultipartFile file, @Nullable String csv) {}

  /**
   * Clearing a hit.
   *
   * @param reason why it is a false positive
   */
  record ClearForm(@Nullable String reason) {}

  /**
   * A question of the suitability form.
   *
   * @param name the answer's field
   * @param options the API names of its answers, in order
   * @param selected the recorded answer, or null
   */
  record Question(String name, List<String> options, @Nullable String selected) {}

  private final OwnChecks ownChecks;

  OwnChecksPages(OwnChecks ownChecks) {
    this.ownChecks = ownChecks;
  }

  @GetMapping(LIST)
  String list(@AuthenticationPrincipal SignedIn staff, Model model) {
    model.addAttribute("list", SharingResult.unwrap(ownChecks.asfList(staff)));
    return "company/asf-list";
  }

  @PostMapping(LIST)
  String upload(
      @AuthenticationPrincipal SignedIn staff,
      @ModelAttribute AsfListForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect)
      throws IOException {
    MultipartFile file = form.file();
    String text =
        file != null && !file.isEmpty()
            ? new String(file.getBytes(), StandardCharsets.UTF_8)
            : form.csv() == null ? "" : form.csv();
    switch (ownChecks.uploadAsfList(staff, text)) {
      case SharingResult.Done<OwnChecks.AsfListView> done -> {
        redirect.addFlashAttribute("uploaded", done.value().entries().size());
        return "redirect:" + LIST;
      }
      case SharingResult.Refused<OwnChecks.AsfListView> refused -> {
        if (refused.status() != HttpStatus.UNPROCESSABLE_CONTENT) {
          throw ProblemException.of(refused.status(), refused.code());
        }
        response.setStatus(refused.status().value());
        model.addAttribute("problem", refused.code());
        model.addAttribute("errors", refused.properties().get("errors"));
        return list(staff, model);
      }
    }
  }

  @GetMapping(CHECKS)
  String checks(
      @AuthenticationPrincipal SignedIn staff,
      @PathVariable UUID id,
      @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
      Model model,
      HttpServletResponse response) {
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    OwnChecks.View view = SharingResult.unwrap(ownChecks.view(staff, id));
    model.addAttribute("checks", view);
    model.addAttribute("questions", questions(view.suitability()));
    return htmx == null ? "company/own-checks" : "company/own-checks :: section";
  }

  @PostMapping(CHECKS + "/asf-screening")
  String screen(@AuthenticationPrincipal SignedIn staff, @PathVariable UUID id) {
    SharingResult.unwrap(ownChecks.screen(staff, id));
    return back(id);
  }

  @PostMapping(CHECKS + "/asf-screening/hits/{hitId}/clear")
  String clear(
      @AuthenticationPrincipal SignedIn staff,
      @PathVariable UUID id,
      @PathVariable UUID hitId,
      @ModelAttribute ClearForm form,
      Model model,
      HttpServletResponse response) {
    return shown(ownChecks.clearHit(staff, id, hitId, form.reason()), staff, id, model, response);
  }

  @PostMapping(CHECKS + "/suitability")
  String suitability(
      @AuthenticationPrincipal SignedIn staff,
      @PathVariable UUID id,
      @ModelAttribute OwnChecks.SuitabilityForm form,
      Model model,
      HttpServletResponse response) {
    return shown(ownChecks.assessSuitability(staff, id, form), staff, id, model, response);
  }

  /** Back to the package page when done; a refused input shown on the own checks page. */
  private String shown(
      SharingResult<OwnChecks.View> outcome,
      SignedIn staff,
      UUID id,
      Model model,
      HttpServletResponse response) {
    return switch (outcome) {
      case SharingResult.Done<OwnChecks.View> done -> back(id);
      case SharingResult.Refused<OwnChecks.View> refused -> {
        if (refused.status() != HttpStatus.UNPROCESSABLE_CONTENT) {
          throw ProblemException.of(refused.status(), refused.code());
        }
        String page = checks(staff, id, null, model, response);
        response.setStatus(refused.status().value());
        model.addAttribute("problem", refused.code());
        yield page;
      }
    };
  }

  static List<Question> questions(OwnChecks.@Nullable SuitabilityView recorded) {
    OwnChecks.SuitabilityDetail d = recorded == null ? null : recorded.detail();
    return List.of(
        question("experience", Suitability.Experience.class, d == null ? null : d.experience()),
        question("income", Suitability.Income.class, d == null ? null : d.income()),
        question("assets", Suitability.Assets.class, d == null ? null : d.assets()),
        question("purpose", Suitability.Purpose.class, d == null ? null : d.purpose()),
        question(
            "riskTolerance",
            Suitability.RiskTolerance.class,
            d == null ? null : d.riskTolerance()));
  }

  private static <E extends Enum<E>> Question question(
      String name, Class<E> type, @Nullable String selected) {
    return new Question(
        name, Arrays.stream(type.getEnumConstants()).map(Suitability::apiName).toList(), selected);
  }

  private static String back(UUID id) {
    return "redirect:/company/applications/" + id + "#own-checks";
  }
}

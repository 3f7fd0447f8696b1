package org.trademap.server.sharing;

import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.identity.Role;
import org.trademap.server.kyc.ConsentKind;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages of account opening: the person's {@code /me/applications} (apply with the scoped
 * consent, live status, withdraw) and the company console {@code /company} (inbox) and {@code
 * /company/applications/{id}} (the package shown only after it verified against the ledger, the
 * consortium's judgment history, the decision). Post/redirect/get; every refusal shown on the page
 * or as the error page with its problem code.
 */
@Controller
class SharingPages {
  static final String MINE = "/me/applications";
  static final String INBOX = "/company";
  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Applications applications;
  private final Companies companies;
  private final ChangeNotices notices;

  SharingPages(Applications applications, Companies companies, ChangeNotices notices) {
    this.applications = applications;
    this.companies = companies;
    this.notices = notices;
  }

  // ---- the person ------------------------------------------------------------------------------

  @GetMapping(MINE)
  String mine(@AuthenticationPrincipal SignedIn user, Model model) {
    model.addAttribute("approved", applications.approved(user.accountId()));
    model.addAttribute("companies", companies.all());
    model.addAttribute("applications", applications.mine(user.accountId()));
    model.addAttribute("consentVersion", ConsentKind.SHARING.currentVersion());
    model.addAttribute(
        "consentText", ConsentKind.SHARING.messageKey(ConsentKind.SHARING.currentVersion()));
    return "me/applications";
  }

  @PostMapping(MINE)
  String apply(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam(name = "companyId", required = false) @Nullable String companyId,
      @RequestParam(name = "consent", required = false) @Nullable String consent,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    switch (applications.apply(user, companyId, consent)) {
      case SharingResult.Done<Applications.View> done -> {
        redirect.addFlashAttribute("applied", done.value().companyName());
        return "redirect:" + MINE;
      }
      case SharingResult.Refused<Applications.View>(HttpStatus status, String code, _) -> {
        response.setStatus(status.value());
        model.addAttribute("problem", code);
        return mine(user, model);
      }
    }
  }

  @PostMapping(MINE + "/{id}/withdraw")
  String withdraw(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable UUID id,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    switch (applications.withdraw(user, id)) {
      case SharingResult.Done<Applications.View> done -> {
        redirect.addFlashAttribute("withdrawn", done.value().companyName());
        return "redirect:" + MINE;
      }
      case SharingResult.Refused<Applications.View>(HttpStatus status, String code, _) -> {
        response.setStatus(status.value());
        model.addAttribute("problem", code);
        return mine(user, model);
      }
    }
  }

  // ---- the company -----------------------------------------------------------------------------

  @GetMapping(INBOX)
  String inbox(@AuthenticationPrincipal SignedIn staff, Model model) {
    model.addAttribute("applications", SharingResult.unwrap(applications.inbox(staff)));
    model.addAttribute("notices", SharingResult.unwrap(notices.list(staff)));
    model.addAttribute(
        "company", companies.companyOf(staff.accountId()).flatMap(companies::find).orElse(null));
    return "company/inbox";
  }

  @PostMapping(INBOX + "/notices/{id}/acknowledge")
  String acknowledge(@AuthenticationPrincipal SignedIn staff, @PathVariable UUID id) {
    SharingResult.unwrap(notices.acknowledge(staff, id));
    return "redirect:" + INBOX;
  }

  @GetMapping(INBOX + "/applications/{id}")
  String application(
      @AuthenticationPrincipal SignedIn staff,
      @PathVariable UUID id,
      Model model,
      HttpServletResponse response) {
    Applications.Opened opened = SharingResult.unwrap(applications.open(staff, id));
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    model.addAttribute("opened", opened);
    model.addAttribute("profile", PRETTY.writeValueAsString(opened.kycPackage().profile()));
    model.addAttribute("approver", staff.role() == Role.COMPANY_APPROVER);
    model.addAttribute("reason", applications.decisionReason(staff, id).orElse(null));
    return "company/application";
  }

  @PostMapping(INBOX + "/applications/{id}/decision")
  String decide(
      @AuthenticationPrincipal SignedIn staff,
      @PathVariable UUID id,
      @RequestParam(name = "decision", required = false) @Nullable String decision,
      @RequestParam(name = "reason", required = false) @Nullable String reason,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    switch (applications.decide(staff, id, decision, reason)) {
      case SharingResult.Done<Applications.View> done -> {
        redirect.addFlashAttribute("decided", done.value().state());
        return "redirect:" + INBOX + "/applications/" + id;
      }
      case SharingResult.Refused<Applications.View>(HttpStatus status, String code, _) -> {
        // A refusal by the company's own checks is shown on the page, next to them.
        if (status == HttpStatus.NOT_FOUND
            || (status == HttpStatus.CONFLICT && !code.startsWith("sharing.own-checks-"))
            || status == HttpStatus.GONE) {
          throw org.trademap.server.web.ProblemException.of(status, code);
        }
        String page = application(staff, id, model, response);
        response.setStatus(status.value());
        model.addAttribute("problem", code);
        return page;
      }
    }
  }
}

package org.trademap.server.checks.residence;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.checks.Checks;
import org.trademap.server.checks.Staff;
import org.trademap.server.kyc.SubjectRef;

/**
 * The residence actions of the case page (forms, post/redirect/get back to the case): make a
 * letter, download its PDF, mark it sent or returned. Staff only ({@code /checks/**} and {@link
 * Staff#require}); each action is audit-logged by {@link ResidenceCase}. The result shows on the
 * case page as a notice or a problem.
 */
@Controller
class ResidenceCasePages {
  static final String BASE = "/checks/residence";

  private final ResidenceCase actions;
  private final ResidenceConfirmation residence;
  private final Checks checks;

  ResidenceCasePages(ResidenceCase actions, ResidenceConfirmation residence, Checks checks) {
    this.actions = actions;
    this.residence = residence;
    this.checks = checks;
  }

  @PostMapping(BASE + "/subjects/{subject}/letters")
  String generate(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable String subject,
      @RequestParam(name = "language", required = false) @Nullable String language,
      RedirectAttributes redirect) {
    SignedIn staff = Staff.require(user);
    SubjectRef ref = ref(subject);
    GenerateResult result =
        actions.generate(ref, staff.accountId(), language == null ? "en" : language);
    return back(
        ref,
        redirect,
        switch (result) {
          case GenerateResult.Generated g -> null;
          case GenerateResult.Refused r -> r.refusal();
        },
        "checks.residence.notice.generated");
  }

  @GetMapping(BASE + "/letters/{id}/pdf")
  ResponseEntity<byte[]> pdf(@AuthenticationPrincipal SignedIn user, @PathVariable UUID id) {
    SignedIn staff = Staff.require(user);
    return switch (actions.pdf(id, staff.accountId())) {
      case PdfResult.Pdf pdf ->
          ResponseEntity.ok()
              .contentType(MediaType.APPLICATION_PDF)
              .cacheControl(CacheControl.noStore())
              .header("X-Content-Type-Options", "nosniff")
              .header(
                  HttpHeaders.CONTENT_DISPOSITION,
                  ContentDisposition.attachment()
                      .filename("residence-letter-" + id + ".pdf")
                      .build()
                      .toString())
              .body(pdf.bytes());
      case PdfResult.Refused r -> throw ResidenceProblems.of(r.refusal());
    };
  }

  @PostMapping(BASE + "/letters/{id}/sent")
  String sent(
      @AuthenticationPrincipal SignedIn user, @PathVariable UUID id, RedirectAttributes redirect) {
    SignedIn staff = Staff.require(user);
    return moved(id, actions.markSent(id, staff.accountId()), redirect, "sent");
  }

  @PostMapping(BASE + "/letters/{id}/returned")
  String returned(
      @AuthenticationPrincipal SignedIn user, @PathVariable UUID id, RedirectAttributes redirect) {
    SignedIn staff = Staff.require(user);
    return moved(id, actions.markReturned(id, staff.accountId()), redirect, "returned");
  }

  private String moved(
      UUID id, Letter.Transition transition, RedirectAttributes redirect, String what) {
    SubjectRef ref =
        residence
            .letter(id)
            .map(Letter::subject)
            .orElseThrow(() -> ResidenceProblems.of(Refusal.LETTER_NOT_FOUND));
    return back(
        ref,
        redirect,
        switch (transition) {
          case Letter.Transition.Moved m -> null;
          case Letter.Transition.Refused r -> r.refusal();
        },
        "checks.residence.notice." + what);
  }

  /** Back to the subject's case page with the notice, or the refusal as a problem. */
  private String back(
      SubjectRef ref, RedirectAttributes redirect, @Nullable Refusal refusal, String notice) {
    if (refusal == null) {
      redirect.addFlashAttribute("notice", notice);
    } else {
      redirect.addFlashAttribute("problem", refusal.code());
    }
    return checks
        .caseOf(ref)
        .map(c -> "redirect:/checks/cases/" + c.caseId())
        .orElse("redirect:/checks");
  }

  private static SubjectRef ref(String value) {
    try {
      return new SubjectRef(value);
    } catch (IllegalArgumentException e) {
      throw ResidenceProblems.of(Refusal.NO_SUBJECT);
    }
  }
}

package org.trademap.server.accounts;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page the verification mail links to. Opening the link changes nothing (no state change on
 * GET, so mail scanners that follow links cannot use it up); the person confirms with a button that
 * posts the token, and is then redirected to a confirmation (post/redirect/get). A refused link
 * shows the page again with the reason, answered 400. {@code /verify-email/resend} asks for a new
 * link and answers the same whatever the address.
 */
@Controller
class VerifyEmailPage {
  private static final String VIEW = "accounts/verify-email";

  private final Accounts accounts;

  VerifyEmailPage(Accounts accounts) {
    this.accounts = accounts;
  }

  @GetMapping("/verify-email")
  String confirm(
      @RequestParam(name = "token", required = false) @Nullable String token,
      Model model,
      HttpServletResponse response) {
    if (token == null || token.isBlank()) {
      return refused(VerificationResult.Reason.INVALID, model, response);
    }
    model.addAttribute("token", token);
    return VIEW;
  }

  @PostMapping("/verify-email")
  String verify(
      @RequestParam(name = "token", required = false) @Nullable String token,
      Model model,
      HttpServletResponse response) {
    return switch (accounts.verifyEmail(token)) {
      case VerificationResult.Verified v -> "redirect:/verify-email/done";
      case VerificationResult.Refused r -> refused(r.reason(), model, response);
    };
  }

  @GetMapping("/verify-email/done")
  String done() {
    return "accounts/verify-email-done";
  }

  @GetMapping("/verify-email/resend")
  String resendForm() {
    return "accounts/resend-verification";
  }

  /** Always the same answer, so the page does not tell which addresses have accounts. */
  @PostMapping("/verify-email/resend")
  String resend(
      @RequestParam(name = "email", required = false) @Nullable String email, Locale locale) {
    accounts.resendVerification(email, locale);
    return "redirect:/verify-email/resend/sent";
  }

  @GetMapping("/verify-email/resend/sent")
  String resent(Model model) {
    return Notices.show(model, "verify-email.resent");
  }

  private static String refused(
      VerificationResult.Reason reason, Model model, HttpServletResponse response) {
    return Notices.refusedLink(reason, model, response, VIEW);
  }
}

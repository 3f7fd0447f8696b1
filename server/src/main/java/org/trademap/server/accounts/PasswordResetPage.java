package org.trademap.server.accounts;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The password-reset pages. {@code /password-reset} asks for the address and always answers the
 * same. The mailed link opens {@code /password-reset/new?token=…}, which shows the form for the new
 * password and does not use the link (mail scanners may open it); posting the form uses it. A
 * refused link shows the reason, answered 400; a refused password shows the form again, answered
 * 422, and the link still works.
 */
@Controller
class PasswordResetPage {
  private static final String REQUEST_VIEW = "accounts/password-reset";
  private static final String NEW_PASSWORD_VIEW = "accounts/password-reset-new";

  private final PasswordResets resets;
  private final FormMessages messages;

  PasswordResetPage(PasswordResets resets, FormMessages messages) {
    this.resets = resets;
    this.messages = messages;
  }

  @GetMapping("/password-reset")
  String requestForm() {
    return REQUEST_VIEW;
  }

  @PostMapping("/password-reset")
  String request(
      @RequestParam(name = "email", required = false) @Nullable String email, Locale locale) {
    resets.request(email, locale);
    return "redirect:/password-reset/sent";
  }

  @GetMapping("/password-reset/sent")
  String sent(Model model) {
    return Notices.show(model, "password-reset.sent");
  }

  @GetMapping("/password-reset/new")
  String newPasswordForm(
      @RequestParam(name = "token", required = false) @Nullable String token,
      Model model,
      HttpServletResponse response) {
    Optional<VerificationResult.Reason> refusal = resets.refusal(token);
    if (refusal.isPresent() || token == null) {
      return refused(refusal.orElse(VerificationResult.Reason.INVALID), model, response);
    }
    model.addAttribute("token", token);
    model.addAttribute("errors", Map.of());
    return NEW_PASSWORD_VIEW;
  }

  @PostMapping("/password-reset/new")
  String reset(
      @RequestParam(name = "token", required = false) @Nullable String token,
      @RequestParam(name = "password", required = false) @Nullable String password,
      Locale locale,
      Model model,
      HttpServletResponse response) {
    return switch (resets.reset(token, password)) {
      case PasswordResets.Done done -> "redirect:/password-reset/done";
      case PasswordResets.Refused refused -> refused(refused.reason(), model, response);
      case PasswordResets.Invalid invalid -> {
        model.addAttribute("token", token);
        messages.refuse(invalid.errors(), locale, model, response);
        yield NEW_PASSWORD_VIEW;
      }
    };
  }

  @GetMapping("/password-reset/done")
  String done(Model model) {
    return Notices.show(model, "password-reset.done");
  }

  private static String refused(
      VerificationResult.Reason reason, Model model, HttpServletResponse response) {
    return Notices.refusedLink(reason, model, response, NEW_PASSWORD_VIEW);
  }
}

package org.trademap.server.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.trademap.server.identity.TotpAlgorithm;
import org.trademap.server.identity.TotpSecret;
import org.trademap.server.web.ProblemException;

/**
 * The page the invitation mail opens, {@code /staff/invitation?token=…}: the staff member chooses a
 * password and enrols an authenticator app in one form. The page shows a new secret (base32 and an
 * {@code otpauth://} link) kept only in the HTTP session; posting the form with the password and a
 * current code from the app accepts the invitation ({@link StaffAccounts#accept}) and leads to the
 * login. Opening the link does not use it (mail scanners may open it). A refused link shows the
 * reason (400); a refused password or code shows the form again (422) with the same secret.
 */
@Controller
class InvitationPage {
  static final String PATH = "/staff/invitation";
  static final String ENROLMENT = "trademap.staff-enrolment";
  private static final String VIEW = "accounts/staff-invitation";

  private final StaffAccounts staff;
  private final SecondFactors secondFactors;
  private final FormMessages messages;

  InvitationPage(StaffAccounts staff, SecondFactors secondFactors, FormMessages messages) {
    this.staff = staff;
    this.secondFactors = secondFactors;
    this.messages = messages;
  }

  /**
   * The authenticator secret an API client sends, or {@code 422 staff.bad-totp-secret}.
   *
   * @param base32 base32 of at least 128 bits (HMAC-SHA1, 6 digits)
   */
  static TotpSecret secret(@Nullable String base32) {
    try {
      if (base32 != null) {
        return new TotpSecret(base32.strip().toUpperCase(Locale.ROOT), TotpAlgorithm.SHA1, 6);
      }
    } catch (IllegalArgumentException e) {
      // answered below, without echoing the secret
    }
    throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "staff.bad-totp-secret");
  }

  @GetMapping(PATH)
  String form(
      @RequestParam(name = "token", required = false) @Nullable String token,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Optional<VerificationResult.Reason> refusal = staff.refusal(token);
    if (refusal.isPresent() || token == null) {
      return Notices.refusedLink(
          refusal.orElse(VerificationResult.Reason.INVALID), model, response, VIEW);
    }
    return show(token, request, model);
  }

  @PostMapping(PATH)
  String accept(
      @RequestParam(name = "token", required = false) @Nullable String token,
      @RequestParam(name = "password", required = false) @Nullable String password,
      @RequestParam(name = "code", required = false) @Nullable String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale,
      Model model) {
    TotpSecret secret = pending(request);
    if (secret == null || token == null) {
      return form(token, request, response, model);
    }
    return switch (staff.accept(token, password, secret, code)) {
      case StaffAccounts.Accepted accepted -> {
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.removeAttribute(ENROLMENT);
        }
        yield "redirect:" + PATH + "/done";
      }
      case StaffAccounts.LinkRefused refused ->
          Notices.refusedLink(refused.reason(), model, response, VIEW);
      case StaffAccounts.PasswordRefused invalid -> {
        messages.refuse(invalid.errors(), locale, model, response);
        yield show(token, request, model);
      }
      case StaffAccounts.WrongCode wrong -> {
        response.setStatus(422);
        model.addAttribute("codeProblem", "security.totp.wrong-code");
        yield show(token, request, model);
      }
    };
  }

  @GetMapping(PATH + "/done")
  String done(Model model) {
    return Notices.show(model, "staff.invitation.done");
  }

  private String show(String token, HttpServletRequest request, Model model) {
    TotpSecret secret = pending(request);
    if (secret == null) {
      secret = secondFactors.newSecret();
      request.getSession(true).setAttribute(ENROLMENT, secret);
    }
    model.addAttribute("token", token);
    model.addAttribute("secret", secret.base32());
    model.addAttribute("uri", secondFactors.provisioningUri(secret, "TradeMap staff"));
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
    }
    return VIEW;
  }

  private static @Nullable TotpSecret pending(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && session.getAttribute(ENROLMENT) instanceof TotpSecret secret
        ? secret
        : null;
  }
}

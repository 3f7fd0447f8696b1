package org.trademap.server.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.trademap.server.identity.TotpSecret;

/**
 * The security settings {@code /me/security}: switching the TOTP second factor on and off.
 *
 * <p>Switching on takes two steps: a new secret is shown (in base32 and as an {@code otpauth://}
 * URI for authenticator apps) and kept only in the HTTP session; it is stored, sealed, once the
 * person confirms it with a current code from the app. Switching off needs the password and a
 * current code, both throttled like a login. Accounts whose role requires the second factor (staff)
 * cannot switch it off.
 */
@Controller
class SecurityPage {
  static final String ENROLMENT = "trademap.totp-enrolment";
  private static final String VIEW = "me/security";
  private static final String REDIRECT = "redirect:/me/security";

  private final SecondFactors secondFactors;
  private final SignIn signIn;
  private final AccountRepository accounts;

  SecurityPage(SecondFactors secondFactors, SignIn signIn, DataSource dataSource) {
    this.secondFactors = secondFactors;
    this.signIn = signIn;
    this.accounts = new AccountRepository(dataSource);
  }

  @GetMapping("/me/security")
  String show(@AuthenticationPrincipal SignedIn user, HttpServletRequest request, Model model) {
    boolean enabled = secondFactors.enabled(user.accountId());
    model.addAttribute("enabled", enabled);
    model.addAttribute("required", user.role().requiresSecondFactor());
    TotpSecret pending = enabled ? null : pending(request);
    if (pending != null) {
      String email = accounts.findById(user.accountId()).map(Account::email).orElse("");
      model.addAttribute("secret", pending.base32());
      model.addAttribute("uri", secondFactors.provisioningUri(pending, email));
    }
    return VIEW;
  }

  @PostMapping("/me/security/totp/start")
  String start(@AuthenticationPrincipal SignedIn user, HttpServletRequest request) {
    if (!secondFactors.enabled(user.accountId())) {
      request.getSession().setAttribute(ENROLMENT, secondFactors.newSecret());
    }
    return REDIRECT;
  }

  @PostMapping("/me/security/totp/confirm")
  String confirm(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam(name = "code", required = false) @Nullable String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    TotpSecret pending = pending(request);
    if (pending == null) {
      return REDIRECT;
    }
    return switch (secondFactors.enable(user.accountId(), pending, code == null ? "" : code)) {
      case ENABLED -> {
        request.getSession().removeAttribute(ENROLMENT);
        redirect.addFlashAttribute("notice", "security.totp.enabled");
        yield REDIRECT;
      }
      case ALREADY_ENABLED -> {
        request.getSession().removeAttribute(ENROLMENT);
        yield REDIRECT;
      }
      case WRONG_CODE -> {
        response.setStatus(422);
        model.addAttribute("problem", "security.totp.wrong-code");
        yield show(user, request, model);
      }
    };
  }

  @PostMapping("/me/security/totp/disable")
  String disable(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam(name = "password", required = false) @Nullable String password,
      @RequestParam(name = "code", required = false) @Nullable String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    if (user.role().requiresSecondFactor()) {
      response.setStatus(422);
      model.addAttribute("problem", "security.totp.required-by-role");
      return show(user, request, model);
    }
    if (!signIn.reauthenticate(user, password, code, LoginPage.source(request))) {
      response.setStatus(422);
      model.addAttribute("problem", "security.totp.not-you");
      return show(user, request, model);
    }
    secondFactors.disable(user.accountId());
    redirect.addFlashAttribute("notice", "security.totp.disabled");
    return REDIRECT;
  }

  private static @Nullable TotpSecret pending(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && session.getAttribute(ENROLMENT) instanceof TotpSecret secret
        ? secret
        : null;
  }
}

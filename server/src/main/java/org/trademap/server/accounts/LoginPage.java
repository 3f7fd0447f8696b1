package org.trademap.server.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login pages: address and password at {@code /login}, then the one-time code at {@code
 * /login/second-factor} when the account has a second factor.
 *
 * <p>Every refusal shows the same page with the same sentence ({@code auth.failed}), whatever the
 * reason. A completed login replaces the HTTP session by a new one (new session id, new CSRF token;
 * against session fixation) holding only the new session's token, and goes to {@code /me} (staff to
 * their own start page, {@link #landing}). Between the two steps the session holds the pending
 * login for {@code trademap.sessions.second-factor-window}; it too gets a new id.
 */
@Controller
class LoginPage {
  static final String PENDING = "trademap.pending-login";
  private static final String VIEW = "accounts/login";
  private static final String SECOND_FACTOR_VIEW = "accounts/second-factor";

  /**
   * A login waiting for its one-time code.
   *
   * @param login who and the throttle's key
   * @param until when the second step is no longer accepted
   */
  record PendingLogin(SignIn.Pending login, Instant until) {}

  private final SignIn signIn;
  private final Sessions sessions;
  private final SessionProperties properties;
  private final Clock clock;

  LoginPage(
      SignIn signIn, Sessions sessions, SessionProperties properties, ObjectProvider<Clock> clock) {
    this.signIn = signIn;
    this.sessions = sessions;
    this.properties = properties;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  @GetMapping("/login")
  String form(@AuthenticationPrincipal @Nullable SignedIn user) {
    return user != null ? "redirect:" + landing(user) : VIEW;
  }

  @PostMapping("/login")
  String login(
      @RequestParam(name = "email", required = false) @Nullable String email,
      @RequestParam(name = "password", required = false) @Nullable String password,
      HttpServletRequest request,
      Model model) {
    SignIn.Outcome outcome = signIn.password(email, password, source(request));
    model.addAttribute("email", email == null ? "" : email);
    return switch (outcome) {
      case SignIn.Completed completed -> signedIn(request, completed.user());
      case SignIn.SecondFactorNeeded needed -> {
        HttpSession session = renewSession(request);
        session.setAttribute(
            PENDING,
            new PendingLogin(
                needed.pending(), clock.instant().plus(properties.secondFactorWindow())));
        yield "redirect:/login/second-factor";
      }
      case SignIn.EmailUnverified unverified -> refused(model, "auth.email-unverified", VIEW);
      case SignIn.SecondFactorMissing missing -> refused(model, "auth.second-factor-missing", VIEW);
      case SignIn.Refused refused -> refused(model, "auth.failed", VIEW);
    };
  }

  @GetMapping("/login/second-factor")
  String secondFactorForm(HttpServletRequest request) {
    return pending(request) == null ? "redirect:/login" : SECOND_FACTOR_VIEW;
  }

  @PostMapping("/login/second-factor")
  String secondFactor(
      @RequestParam(name = "code", required = false) @Nullable String code,
      HttpServletRequest request,
      Model model) {
    PendingLogin pending = pending(request);
    if (pending == null) {
      return "redirect:/login";
    }
    return switch (signIn.secondFactor(pending.login(), code, source(request))) {
      case SignIn.Completed completed -> signedIn(request, completed.user());
      default -> refused(model, "auth.failed", SECOND_FACTOR_VIEW);
    };
  }

  private @Nullable PendingLogin pending(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(PENDING) instanceof PendingLogin pending)) {
      return null;
    }
    if (!clock.instant().isBefore(pending.until())) {
      session.removeAttribute(PENDING);
      return null;
    }
    return pending;
  }

  private String signedIn(HttpServletRequest request, SignedIn user) {
    Sessions.Opened opened = sessions.open(user.accountId(), SessionRepository.Channel.BROWSER);
    renewSession(request).setAttribute(SessionContexts.BROWSER_TOKEN, opened.token());
    return "redirect:" + landing(user);
  }

  /**
   * Where a signed-in person starts: the back office's work queue for operators and supervisors,
   * the staff list for administrators, My Page for everyone else.
   */
  static String landing(SignedIn user) {
    return switch (user.role()) {
      case KYC_OPERATOR, KYC_SUPERVISOR -> "/checks";
      case ADMINISTRATOR -> StaffAdminPage.PATH;
      case COMPANY_REVIEWER, COMPANY_APPROVER -> "/company";
      default -> "/me";
    };
  }

  /** Ends the current HTTP session (and whatever it held) and starts a new one with a new id. */
  private static HttpSession renewSession(HttpServletRequest request) {
    HttpSession old = request.getSession(false);
    if (old != null) {
      old.invalidate();
    }
    return request.getSession(true);
  }

  private static String refused(Model model, String problem, String view) {
    model.addAttribute("problem", problem);
    return view;
  }

  /** The client's address, as the throttle counts it. */
  static InetAddress source(HttpServletRequest request) {
    return InetAddress.ofLiteral(request.getRemoteAddr());
  }
}

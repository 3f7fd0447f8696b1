package org.trademap.server.kyc.rights;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.trademap.server.accounts.SignedIn;

/**
 * The page {@code /me/privacy}: download all my data, end the business relationship, erase my data.
 * The two changes need a ticked confirmation box; a refused erasure shows the legal reason in
 * words. Plain forms with post/redirect/get; CSRF tokens come from {@code th:action}. After an
 * erasure the browser session is ended and the public page {@code /privacy/erased} confirms it.
 */
@Controller
class PrivacyPage {
  static final String PATH = "/me/privacy";
  static final String ERASED = "/privacy/erased";

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final DataExports exports;
  private final Relationships relationships;
  private final Erasures erasures;
  private final MessageSource messages;

  PrivacyPage(
      DataExports exports, Relationships relationships, Erasures erasures, MessageSource messages) {
    this.exports = exports;
    this.relationships = relationships;
    this.erasures = erasures;
    this.messages = messages;
  }

  @GetMapping(PATH)
  String page(@AuthenticationPrincipal SignedIn user, Model model, Locale locale) {
    Relationship relationship = relationships.of(user.accountId());
    model.addAttribute(
        "relationship",
        relationship.startedAt() == null
            ? "none"
            : relationship.endedAt() == null ? "ongoing" : "ended");
    model.addAttribute("startedAt", minute(relationship.startedAt()));
    model.addAttribute("endedAt", minute(relationship.endedAt()));
    ErasureDecision decision = relationships.erasureDecision(user.accountId());
    model.addAttribute("erasureAllowed", decision instanceof ErasureDecision.Allowed);
    model.addAttribute(
        "erasureRefusal",
        decision instanceof ErasureDecision.Refused refused
            ? messages.getMessage(RightsController.reasonMessage(refused), locale)
            : null);
    model.addAttribute("erased", false);
    return "me/privacy";
  }

  @GetMapping(PATH + "/export")
  ResponseEntity<DataExport> export(@AuthenticationPrincipal SignedIn user) {
    return RightsController.exportResponse(exports.export(user.accountId()));
  }

  @PostMapping(PATH + "/relationship/end")
  String end(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam(name = "confirm", required = false) @Nullable String confirm,
      RedirectAttributes flash) {
    if (confirm == null) {
      flash.addFlashAttribute("unconfirmed", "end");
      return "redirect:" + PATH;
    }
    flash.addFlashAttribute(
        "done",
        switch (relationships.end(user.accountId())) {
          case EndResult.Ended e -> "ended";
          case EndResult.NotStarted n -> "not-started";
        });
    return "redirect:" + PATH;
  }

  @PostMapping(PATH + "/erasure")
  String erase(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam(name = "confirm", required = false) @Nullable String confirm,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale,
      RedirectAttributes flash) {
    if (confirm == null) {
      flash.addFlashAttribute("unconfirmed", "erasure");
      return "redirect:" + PATH;
    }
    return switch (erasures.erase(user.accountId())) {
      case ErasureResult.Refused r -> {
        flash.addFlashAttribute(
            "refusal", messages.getMessage(RightsController.reasonMessage(r.decision()), locale));
        yield "redirect:" + PATH;
      }
      case ErasureResult.Erased e -> {
        // The server side of every session ended with the account; end this browser's too.
        new SecurityContextLogoutHandler()
            .logout(request, response, SecurityContextHolder.getContext().getAuthentication());
        yield "redirect:" + ERASED;
      }
    };
  }

  @GetMapping(ERASED)
  String erased(Model model) {
    model.addAttribute("erased", true);
    return "me/privacy";
  }

  private static String minute(@Nullable Instant at) {
    return at == null ? "" : MINUTE.format(at);
  }
}

package org.trademap.server.checks.residence;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.trademap.server.accounts.SignedIn;

/**
 * The page {@code /me/residence}: where the confirmation of the user's address stands, and the form
 * for the code from the letter. The form posts and redirects back with the result as a flash
 * message (post/redirect/get); htmx boosts it so that only the page's section is swapped.
 */
@Controller
class ResidencePage {
  static final String PATH = LetterWriter.PAGE;
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final ResidenceConfirmation residence;
  private final ResidenceCase actions;

  ResidencePage(ResidenceConfirmation residence, ResidenceCase actions) {
    this.residence = residence;
    this.actions = actions;
  }

  @GetMapping(PATH)
  String page(@AuthenticationPrincipal SignedIn user, Model model) {
    ResidenceStatus status = residence.statusOfAccount(user.accountId()).orElse(null);
    Letter current = status == null ? null : status.current();
    LetterState state = status == null ? null : status.state();
    model.addAttribute("state", status == null ? "none" : status.stateName());
    model.addAttribute("open", state != null && state.open());
    model.addAttribute("attemptsLeft", status == null ? 0 : status.attemptsLeft());
    model.addAttribute(
        "lastDay",
        current == null
            ? null
            : LocalDate.ofInstant(current.expiresAt().minusSeconds(1), ZoneOffset.UTC).toString());
    model.addAttribute(
        "confirmedAt",
        state instanceof LetterState.Confirmed c ? UTC_TIME.format(c.confirmedAt()) : null);
    return "me/residence";
  }

  @PostMapping(PATH)
  String confirm(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam(name = "code", required = false) @Nullable String code,
      RedirectAttributes redirect) {
    String result =
        switch (actions.confirm(user.accountId(), code == null ? "" : code)) {
          case ConfirmResult.Confirmed c -> "confirmed";
          case ConfirmResult.WrongCode w -> {
            redirect.addFlashAttribute("resultArgument", w.attemptsLeft());
            yield "code-wrong";
          }
          case ConfirmResult.Throttled t -> {
            redirect.addFlashAttribute(
                "resultArgument", (ResidenceMeController.retryAfterSeconds(t) + 59) / 60);
            yield "throttled";
          }
          case ConfirmResult.Refused r -> r.refusal().code().substring("residence.".length());
        };
    redirect.addFlashAttribute("result", result);
    return "redirect:" + PATH;
  }
}

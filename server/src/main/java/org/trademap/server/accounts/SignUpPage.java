package org.trademap.server.accounts;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.trademap.server.identity.IdentityProperties;

/**
 * The sign-up page {@code /sign-up}: person or legal entity, email address and password. A taken
 * address is answered exactly like a new one (the owner gets a notice by mail instead of a link):
 * both go on to the same "check your mailbox" page. Refused fields show the form again with the
 * policy's sentences, answered 422; the password is never sent back.
 */
@Controller
class SignUpPage {
  private static final String VIEW = "accounts/sign-up";

  private final Accounts accounts;
  private final FormMessages messages;
  private final int minLength;

  SignUpPage(Accounts accounts, FormMessages messages, IdentityProperties identity) {
    this.accounts = accounts;
    this.messages = messages;
    this.minLength = identity.password().minLength();
  }

  @ModelAttribute("minLength")
  int minLength() {
    return minLength;
  }

  @GetMapping("/sign-up")
  String form(@AuthenticationPrincipal @Nullable SignedIn user, Model model) {
    if (user != null) {
      return "redirect:/me";
    }
    model.addAttribute("kind", AccountKind.PERSON.apiName());
    model.addAttribute("email", "");
    model.addAttribute("errors", Map.of());
    return VIEW;
  }

  @PostMapping("/sign-up")
  String signUp(
      @RequestParam(name = "kind", required = false) @Nullable String kind,
      @RequestParam(name = "email", required = false) @Nullable String email,
      @RequestParam(name = "password", required = false) @Nullable String password,
      Locale locale,
      Model model,
      HttpServletResponse response) {
    return switch (accounts.signUp(kind, email, password, locale)) {
      case SignUpResult.Accepted accepted -> "redirect:/sign-up/check-mail";
      case SignUpResult.Invalid invalid -> {
        model.addAttribute("kind", kind == null ? "" : kind);
        model.addAttribute("email", email == null ? "" : email);
        messages.refuse(invalid.errors(), locale, model, response);
        yield VIEW;
      }
    };
  }

  @GetMapping("/sign-up/check-mail")
  String checkMail(Model model) {
    return Notices.show(model, "sign-up.check-mail");
  }
}

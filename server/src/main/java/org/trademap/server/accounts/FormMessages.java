package org.trademap.server.accounts;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.trademap.server.identity.IdentityProperties;
import org.trademap.server.onboarding.FieldRules;

/**
 * The sentences the account forms show for refused fields: the stable codes of {@link
 * SignUpResult.FieldProblem} (e.g. {@code password.too-short}, {@code email.invalid}) in the
 * request's language, with the limits filled in.
 */
@Component
class FormMessages {
  private final MessageSource messages;
  private final IdentityProperties.Password password;

  FormMessages(MessageSource messages, IdentityProperties identity) {
    this.messages = messages;
    this.password = identity.password();
  }

  /**
   * Shows the form again with the sentences of the refused fields (model attribute {@code errors})
   * and answers 422.
   */
  void refuse(
      List<SignUpResult.FieldProblem> problems,
      Locale locale,
      Model model,
      HttpServletResponse response) {
    response.setStatus(422);
    model.addAttribute("errors", byField(problems, locale));
  }

  /** The sentences by field, in the order the problems came. */
  Map<String, List<String>> byField(List<SignUpResult.FieldProblem> problems, Locale locale) {
    Map<String, List<String>> byField = new LinkedHashMap<>();
    for (SignUpResult.FieldProblem problem : problems) {
      byField
          .computeIfAbsent(problem.field(), f -> new ArrayList<>())
          .add(messages.getMessage(key(problem.code()), arguments(problem.code()), locale));
    }
    return byField;
  }

  private static String key(String code) {
    if (code.startsWith("password.")) {
      return code;
    }
    if (code.startsWith("role.")) {
      return "staff.error." + code;
    }
    return code.equals("kind.unknown") ? "accounts.error.kind.unknown" : "kycdata.error." + code;
  }

  private Object[] arguments(String code) {
    return switch (code) {
      case "password.too-short" -> new Object[] {password.minLength()};
      case "password.too-long" -> new Object[] {password.maxLength()};
      case "email.too-long" -> new Object[] {FieldRules.MAX_EMAIL_LENGTH};
      default -> new Object[0];
    };
  }
}

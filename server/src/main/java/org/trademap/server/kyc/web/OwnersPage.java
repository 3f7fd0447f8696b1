package org.trademap.server.kyc.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.kyc.KycFiles;
import org.trademap.server.kyc.Profile;
import org.trademap.server.kyc.ProfileForm;
import org.trademap.server.onboarding.ControlBasis;
import org.trademap.server.onboarding.Validation;

/**
 * The beneficial-owner page {@code /me/owners} of a legal entity (a person has none and is sent to
 * My Page): Form A or Form K, and one row per owner. "Add another owner" and "Remove" post the form
 * and show it again with one row more or less, without saving (with htmx, only the form is
 * swapped); "Save" validates the whole declaration and replaces the stored one, so sending the same
 * form twice never lists anybody twice.
 */
@Controller
class OwnersPage {
  private static final String VIEW = "me/owners";
  private static final String ERRORS_PREFIX = "beneficialOwners.";

  private final KycFiles files;
  private final FieldMessages messages;

  OwnersPage(KycFiles files, FieldMessages messages) {
    this.files = files;
    this.messages = messages;
  }

  @GetMapping(Steps.OWNERS)
  String form(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam(name = "saved", required = false) @Nullable String saved,
      Locale locale,
      Model model) {
    if (user.kind() != AccountKind.LEGAL_ENTITY) {
      return "redirect:" + Steps.ME;
    }
    Profile profile = files.profile(user.accountId(), user.kind());
    Map<String, String> values =
        profile.beneficialOwners() == null
            ? new LinkedHashMap<>()
            : FormValues.of(profile.beneficialOwners().toForm());
    model.addAttribute("saved", saved != null);
    return show(
        values, Map.of(), messages.flags(profile.reviewFlags(), ERRORS_PREFIX, locale), model);
  }

  @PostMapping(Steps.OWNERS)
  String post(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam Map<String, String> posted,
      @RequestParam(name = "action", defaultValue = "save") String action,
      @RequestParam(name = "remove", required = false) @Nullable Integer remove,
      Locale locale,
      Model model,
      HttpServletResponse response) {
    if (user.kind() != AccountKind.LEGAL_ENTITY) {
      return "redirect:" + Steps.ME;
    }
    Map<String, String> values = new LinkedHashMap<>(posted);
    values.remove("action");
    values.remove("remove");
    values.remove("_csrf");
    int rows = Math.max(1, FormValues.ownerRows(values));
    model.addAttribute("saved", false);
    if (remove != null) {
      Map<String, String> fewer = FormValues.withoutRow(values, remove);
      return show(fewer, Map.of(), Map.of(), Math.max(1, rows - 1), model);
    }
    if (action.equals("add")) {
      return show(values, Map.of(), Map.of(), Math.min(rows + 1, FormValues.MAX_ROWS), model);
    }
    ProfileForm form = new ProfileForm(null, null, FormValues.declaration(values, rows));
    return switch (files.save(user.accountId(), user.kind(), form)) {
      case Validation.Valid<Profile> v -> "redirect:" + Steps.OWNERS + "?saved";
      case Validation.Invalid<Profile> invalid -> {
        response.setStatus(422);
        yield show(
            values,
            messages.errors(invalid.errors(), ERRORS_PREFIX, locale),
            Map.of(),
            rows,
            model);
      }
    };
  }

  private static String show(
      Map<String, String> values,
      Map<String, List<String>> errors,
      Map<String, String> flags,
      Model model) {
    return show(values, errors, flags, Math.max(1, FormValues.ownerRows(values)), model);
  }

  private static String show(
      Map<String, String> values,
      Map<String, List<String>> errors,
      Map<String, String> flags,
      int rows,
      Model model) {
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    model.addAttribute("flags", flags);
    model.addAttribute("rows", rows);
    model.addAttribute("form", values.getOrDefault("form", ""));
    model.addAttribute("bases", ControlBasis.Kind.values());
    return VIEW;
  }
}

package org.trademap.server.kyc.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.accounts.Accounts;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.kyc.KycFiles;
import org.trademap.server.kyc.Profile;
import org.trademap.server.kyc.ProfileForm;
import org.trademap.server.onboarding.FieldError;
import org.trademap.server.onboarding.KycDataValidator;
import org.trademap.server.onboarding.LegalEntityForm;
import org.trademap.server.onboarding.PersonalForm;
import org.trademap.server.onboarding.ReviewFlag;
import org.trademap.server.onboarding.SigningAuthority;
import org.trademap.server.onboarding.Validation;

/**
 * The personal-data page {@code /me/profile}: for a person the AMLO fields; for a legal entity the
 * company's fields, the signing authority and the data of the person acting for it. A refused form
 * comes back (422) with every value as typed and a sentence next to each refused field; a saved one
 * redirects to the page with a notice and, next to names that look like a mix of scripts, that the
 * name will be reviewed. With JavaScript, htmx checks each field when it is left ({@code POST
 * /me/profile/check}) without saving anything.
 */
@Controller
class ProfilePage {
  private static final String VIEW = "me/profile";
  private static final String PERSON = "person.";
  private static final String ENTITY = "entity.";

  private final KycFiles files;
  private final Accounts accounts;
  private final FieldMessages messages;
  private final KycDataValidator validator;

  ProfilePage(
      KycFiles files, Accounts accounts, FieldMessages messages, ObjectProvider<Clock> clock) {
    this.files = files;
    this.accounts = accounts;
    this.messages = messages;
    this.validator = new KycDataValidator(clock.getIfUnique(Clock::systemUTC));
  }

  @GetMapping(Steps.PROFILE)
  String form(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam(name = "saved", required = false) @Nullable String saved,
      Locale locale,
      Model model) {
    Profile profile = files.profile(user.accountId(), user.kind());
    Map<String, String> values = new LinkedHashMap<>();
    PersonalForm person = profile.person() == null ? null : profile.person().toForm();
    if (person != null) {
      FormValues.put(values, PERSON, person);
    } else {
      accounts
          .emailAddress(user.accountId())
          .ifPresent(email -> values.put(PERSON + "email", email.address()));
    }
    if (profile.entity() != null) {
      FormValues.put(values, ENTITY, profile.entity().toForm());
    }
    model.addAttribute("saved", saved != null);
    return show(user, values, Map.of(), messages.flags(profile.reviewFlags(), "", locale), model);
  }

  @PostMapping(Steps.PROFILE)
  String save(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam Map<String, String> posted,
      Locale locale,
      Model model,
      HttpServletResponse response) {
    PersonalForm person = FormValues.person(posted, PERSON);
    LegalEntityForm entity =
        user.kind() == AccountKind.LEGAL_ENTITY ? FormValues.entity(posted, ENTITY) : null;
    return switch (files.save(
        user.accountId(), user.kind(), new ProfileForm(person, entity, null))) {
      case Validation.Valid<Profile> v -> "redirect:" + Steps.PROFILE + "?saved";
      case Validation.Invalid<Profile> invalid -> {
        response.setStatus(422);
        model.addAttribute("saved", false);
        yield show(user, posted, messages.errors(invalid.errors(), "", locale), Map.of(), model);
      }
    };
  }

  /**
   * Checks the posted form without saving it and answers the messages of every field as htmx
   * out-of-band swaps: the sentences of refused fields that are filled in (an empty field is not
   * refused before the form is sent) and the review notes of flagged ones.
   */
  @PostMapping(Steps.PROFILE + "/check")
  String check(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam Map<String, String> posted,
      Locale locale,
      Model model) {
    List<FieldError> errors = new ArrayList<>();
    List<ReviewFlag> flags = new ArrayList<>();
    collect(
        validator.validateAccountHolder(FormValues.person(posted, PERSON)), PERSON, errors, flags);
    List<String> inputs = new ArrayList<>(FormValues.personInputs(PERSON));
    if (user.kind() == AccountKind.LEGAL_ENTITY) {
      collect(validator.validateEntity(FormValues.entity(posted, ENTITY)), ENTITY, errors, flags);
      inputs.addAll(FormValues.entityInputs(ENTITY));
    }
    Map<String, List<String>> sentences = messages.errors(errors, "", locale);
    sentences.keySet().removeIf(field -> blank(posted.get(field)));
    model.addAttribute("inputs", inputs);
    model.addAttribute("errors", sentences);
    model.addAttribute("flags", messages.flags(flags, "", locale));
    return "me/fields :: checked";
  }

  private static boolean blank(@Nullable String value) {
    return value == null || value.isBlank();
  }

  private static <T> void collect(
      Validation<T> validation, String prefix, List<FieldError> errors, List<ReviewFlag> flags) {
    validation
        .errors()
        .forEach(e -> errors.add(new FieldError(prefix + e.field(), e.code(), e.arguments())));
    validation
        .reviewFlags()
        .forEach(f -> flags.add(new ReviewFlag(prefix + f.field(), f.reason(), f.detail())));
  }

  private String show(
      SignedIn user,
      Map<String, String> values,
      Map<String, List<String>> errors,
      Map<String, String> flags,
      Model model) {
    model.addAttribute("company", user.kind() == AccountKind.LEGAL_ENTITY);
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    model.addAttribute("flags", flags);
    model.addAttribute("authorities", SigningAuthority.values());
    return VIEW;
  }
}

package org.trademap.server.kyc.web;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.kyc.Consent;
import org.trademap.server.kyc.ConsentKind;
import org.trademap.server.kyc.ConsentResult;
import org.trademap.server.kyc.Consents;
import org.trademap.server.web.ProblemException;

/**
 * The consents page {@code /me/consents}: each consent onboarding asks for (terms, processing of
 * personal data, video identification, audio recording), separately, with its exact text and
 * version, whether it stands and since when, and a button to give or withdraw it. Both post and
 * redirect back with a notice; the text version given is the one the page showed, so a text that
 * changed in between is refused instead of being accepted unseen.
 */
@Controller
class ConsentsPage {
  /**
   * One consent on the page.
   *
   * @param kind the API name ({@code consent.<kind>.<version>} is its text)
   * @param version the version of the text shown now
   * @param textKey the message key of that text
   * @param given whether a consent to the current text stands
   * @param givenAt when the standing (or last) consent was given (UTC), or null
   * @param withdrawnAt when the last consent was withdrawn (UTC), or null while it stands
   * @param givenVersion the version the last consent was given to, or null
   */
  record ConsentRow(
      String kind,
      String version,
      String textKey,
      boolean given,
      @Nullable String givenAt,
      @Nullable String withdrawnAt,
      @Nullable String givenVersion) {}

  private final Consents consents;

  ConsentsPage(Consents consents) {
    this.consents = consents;
  }

  @GetMapping(Steps.CONSENTS)
  String page(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam(name = "done", required = false) @Nullable String done,
      @RequestParam(name = "kind", required = false) @Nullable String doneKind,
      Model model) {
    List<Consent> latest = consents.latest(user.accountId());
    model.addAttribute("consents", rows(latest));
    boolean known = ConsentKind.ofApiName(doneKind).isPresent();
    model.addAttribute("done", known && isDone(done) ? done : null);
    model.addAttribute("doneKind", known ? doneKind : null);
    return "me/consents";
  }

  @PostMapping(Steps.CONSENTS + "/give")
  String give(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam(name = "kind", required = false) @Nullable String kind,
      @RequestParam(name = "version", required = false) @Nullable String version) {
    return answer(consents.give(user.accountId(), user.kind(), kind, version, null), "given", kind);
  }

  @PostMapping(Steps.CONSENTS + "/withdraw")
  String withdraw(
      @AuthenticationPrincipal SignedIn user,
      @RequestParam(name = "kind", required = false) @Nullable String kind) {
    return answer(consents.withdraw(user.accountId(), user.kind(), kind, null), "withdrawn", kind);
  }

  private static String answer(ConsentResult result, String done, @Nullable String kind) {
    return switch (result) {
      case ConsentResult.Recorded r ->
          "redirect:" + Steps.CONSENTS + "?done=" + done + "&kind=" + r.consent().kind().apiName();
      case ConsentResult.NotGiven n ->
          "redirect:"
              + Steps.CONSENTS
              + "?done=not-given&kind="
              + ConsentKind.ofApiName(kind).map(ConsentKind::apiName).orElse("");
      case ConsentResult.Refused refused ->
          throw ProblemException.of(HttpStatus.BAD_REQUEST, refused.code());
    };
  }

  private static boolean isDone(@Nullable String done) {
    return "given".equals(done) || "withdrawn".equals(done) || "not-given".equals(done);
  }

  static List<ConsentRow> rows(List<Consent> latest) {
    return Arrays.stream(ConsentKind.values())
        .filter(ConsentKind::required)
        .map(
            kind -> {
              Consent last =
                  latest.stream()
                      .filter(c -> c.kind() == kind && c.scope().isEmpty())
                      .findFirst()
                      .orElse(null);
              String version = kind.currentVersion();
              return new ConsentRow(
                  kind.apiName(),
                  version,
                  kind.messageKey(version),
                  last != null && last.current(),
                  last == null ? null : Times.utc(last.givenAt()),
                  last == null ? null : Times.utc(last.withdrawnAt()),
                  last == null ? null : last.version());
            })
        .toList();
  }
}

package org.trademap.server.kyc.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.kyc.KycFiles;
import org.trademap.server.kyc.Progress;
import org.trademap.server.kyc.Requirement;
import org.trademap.server.kyc.Submission;
import org.trademap.server.kyc.SubmissionResult;

/**
 * The submission page {@code /me/submit}: before the submission, what is still missing (each with a
 * link to the page that supplies it) or the button that submits; after it, whether the ledger has
 * recorded the registration, with the transaction linked to the explorer. While the ledger has not
 * answered, htmx asks {@code /me/submit/status} again every two seconds and swaps the answer in;
 * without JavaScript a link reloads the page.
 */
@Controller
class SubmitPage {
  private static final String VIEW = "me/submit";

  /**
   * A missing requirement.
   *
   * @param code its stable code ({@code kyc.requirement.<code>})
   * @param link the page that supplies it
   */
  record MissingRow(String code, String link) {}

  private final KycFiles files;

  SubmitPage(KycFiles files) {
    this.files = files;
  }

  @GetMapping(Steps.SUBMIT)
  String page(@AuthenticationPrincipal SignedIn user, Model model) {
    Progress progress = files.progress(user.accountId(), user.kind());
    model.addAttribute("missing", missing(progress.missing()));
    return show(progress, model, VIEW);
  }

  /** The ledger status of the submission alone, for htmx polling. */
  @GetMapping(Steps.SUBMIT + "/status")
  String status(@AuthenticationPrincipal SignedIn user, Model model) {
    return show(files.progress(user.accountId(), user.kind()), model, VIEW + " :: status");
  }

  @PostMapping(Steps.SUBMIT)
  String submit(@AuthenticationPrincipal SignedIn user, Model model, HttpServletResponse response) {
    return switch (files.submit(user.accountId(), user.kind())) {
      case SubmissionResult.Submitted s -> "redirect:" + Steps.SUBMIT;
      case SubmissionResult.Incomplete incomplete -> {
        response.setStatus(422);
        model.addAttribute("missing", missing(incomplete.missing()));
        yield show(files.progress(user.accountId(), user.kind()), model, VIEW);
      }
    };
  }

  private static String show(Progress progress, Model model, String view) {
    Submission submission = progress.submission();
    model.addAttribute("status", progress.status().apiName());
    model.addAttribute("submitted", submission != null);
    model.addAttribute(
        "submittedAt", submission == null ? null : Times.utc(submission.submittedAt()));
    LedgerLink registration =
        submission == null
            ? null
            : submission.registration().map(e -> LedgerLink.of(e.record())).orElse(null);
    model.addAttribute("registration", registration);
    model.addAttribute("polling", registration != null && registration.pending());
    return view;
  }

  private static List<MissingRow> missing(List<Requirement> missing) {
    return missing.stream().map(r -> new MissingRow(r.code(), Steps.link(r))).toList();
  }
}

package org.trademap.server.kyc.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.trademap.server.accounts.Accounts;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.kyc.KycFiles;
import org.trademap.server.kyc.MyPageNotice;
import org.trademap.server.kyc.Progress;
import org.trademap.server.kyc.ReviewProgress;
import org.trademap.server.kyc.Submission;

/**
 * My Page {@code /me}: who is signed in, every onboarding step with its status in words and a link
 * to the page that completes it, what the back office has to say about the review (with a link to
 * its page {@code /me/checks}), the ledger transactions that recorded the KYC file (linked to the
 * explorer), and the applications to companies (none yet: sharing comes with a later issue).
 */
@Controller
class MyPage {
  /**
   * One row of the steps table.
   *
   * @param kind the step's API name ({@code kyc.step.<kind>})
   * @param status the status's API name ({@code kyc.step-status.<status>})
   * @param link the page that completes it, or null
   * @param ledger the transaction that recorded it, or null
   */
  record StepRow(String kind, String status, @Nullable String link, @Nullable LedgerLink ledger) {}

  /**
   * One transaction of the KYC file.
   *
   * @param method {@code register} or {@code update-commitment} ({@code pages.ledger.method.*})
   * @param revision the file revision it commits to
   * @param ledger where it stands
   */
  record LedgerRow(String method, int revision, LedgerLink ledger) {}

  private final Accounts accounts;
  private final KycFiles files;
  private final ObjectProvider<MyPageNotice> notices;

  MyPage(Accounts accounts, KycFiles files, ObjectProvider<MyPageNotice> notices) {
    this.accounts = accounts;
    this.files = files;
    this.notices = notices;
  }

  @GetMapping(Steps.ME)
  String me(@AuthenticationPrincipal SignedIn user, Model model) {
    Progress progress = files.progress(user.accountId(), user.kind());
    model.addAttribute(
        "email",
        accounts.emailAddress(user.accountId()).map(Accounts.EmailAddress::address).orElse(""));
    model.addAttribute("kind", user.kind().apiName());
    model.addAttribute("status", progress.status().apiName());
    model.addAttribute("steps", steps(progress));
    Submission submission = progress.submission();
    model.addAttribute(
        "submittedAt", submission == null ? null : Times.utc(submission.submittedAt()));
    model.addAttribute("ledger", submission == null ? List.of() : ledger(submission));
    model.addAttribute("missing", progress.missing().size());
    model.addAttribute(
        "reviewNotice",
        files.review(user.accountId()).map(ReviewProgress.Review::notice).orElse(null));
    model.addAttribute(
        "notices",
        notices.orderedStream().flatMap(n -> n.notice(user.accountId()).stream()).toList());
    return "me/index";
  }

  static List<StepRow> steps(Progress progress) {
    return progress.steps().stream()
        .map(
            step ->
                new StepRow(
                    step.kind().apiName(),
                    step.status().apiName(),
                    Steps.link(step.kind()),
                    step.ledger() == null ? null : LedgerLink.of(step.ledger())))
        .toList();
  }

  static List<LedgerRow> ledger(Submission submission) {
    return submission.ledger().stream()
        .map(e -> new LedgerRow(e.method(), e.revision(), LedgerLink.of(e.record())))
        .toList();
  }
}

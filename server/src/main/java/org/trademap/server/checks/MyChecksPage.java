package org.trademap.server.checks;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.trademap.server.accounts.SignedIn;

/**
 * The user's page of their review, {@code /me/checks} (linked from My Page): each check in plain
 * words, the decision with its reason, a notice when checks were reopened, and the KYC key. Asking
 * for the key ({@code POST /me/checks/kyc-key}) answers with the page showing the new key, once:
 * the answer is not stored by the browser ({@code Cache-Control: no-store}) and there is no
 * redirect that could show it again; the server keeps only its commitment.
 */
@Controller
class MyChecksPage {
  static final String PATH = "/me/checks";

  private final UserReview reviews;
  private final KycKeys keys;

  MyChecksPage(UserReview reviews, KycKeys keys) {
    this.reviews = reviews;
    this.keys = keys;
  }

  @GetMapping(PATH)
  String page(@AuthenticationPrincipal SignedIn user, Model model) {
    UserReview.ReviewView review = reviews.of(user.accountId());
    model.addAttribute("review", review);
    model.addAttribute("decidedAt", utc(review.decidedAt()));
    model.addAttribute("reopenedAt", utc(review.reopenedAt()));
    model.addAttribute("keyIssuedAt", review.key() == null ? null : utc(review.key().issuedAt()));
    return "me/checks";
  }

  @PostMapping(PATH + "/kyc-key")
  String issue(@AuthenticationPrincipal SignedIn user, Model model, HttpServletResponse response) {
    switch (keys.issue(user.accountId())) {
      case Outcome.Done<KycKeys.Issued> done -> {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("newKey", done.value().key());
        model.addAttribute("newRevision", done.value().revision());
      }
      case Outcome.Refused<KycKeys.Issued> refused -> {
        response.setStatus(refused.why().status().value());
        model.addAttribute("problem", refused.why().code());
      }
    }
    return page(user, model);
  }

  private static @Nullable String utc(@Nullable Instant at) {
    return at == null ? null : ChecksPages.utc(at);
  }
}

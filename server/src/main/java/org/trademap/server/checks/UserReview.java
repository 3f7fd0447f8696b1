package org.trademap.server.checks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The account's own view of its case, for My Page ({@code /me/checks}) and {@code GET
 * /api/v1/me/checks}: where the checks stand in plain terms, the decision with its reason, whether
 * checks were reopened and why, and the KYC key (never the key itself once shown). Operators'
 * reasons for single checks stay in the back office.
 */
@Component
class UserReview {

  /**
   * One check as the user sees it.
   *
   * @param process id-document, sanctions-screening, residence-confirmation
   * @param status waiting, in-progress, passed, failed or needs-information
   */
  record CheckView(String process, String status) {}

  /**
   * The review.
   *
   * @param state not-submitted, in-review, approved, rejected or needs-information
   * @param checks the checks
   * @param decision the latest decision (approved, rejected, needs-information), or null
   * @param decidedAt when
   * @param decisionReason its reason, or null
   * @param reopenedAt when checks were last reopened, or null
   * @param reopenReason why (document-expired, personal-data-changed, new-list-hit, supervisor)
   * @param keyAvailable whether the user may get a (new) KYC key now
   * @param key the current key's revision, time and ledger record (not the key), or null
   */
  record ReviewView(
      String state,
      List<CheckView> checks,
      @Nullable String decision,
      @Nullable Instant decidedAt,
      @Nullable String decisionReason,
      @Nullable Instant reopenedAt,
      @Nullable String reopenReason,
      boolean keyAvailable,
      KycKeys.@Nullable Current key) {}

  private final Casework casework;
  private final KycKeys keys;

  UserReview(Casework casework, KycKeys keys) {
    this.casework = casework;
    this.keys = keys;
  }

  ReviewView of(UUID accountId) {
    return casework
        .caseOfAccount(accountId)
        .map(c -> view(casework.detail(c)))
        .orElseGet(
            () ->
                new ReviewView(
                    "not-submitted", List.of(), null, null, null, null, null, false, null));
  }

  private ReviewView view(Casework.CaseDetail detail) {
    CheckCase c = detail.checkCase();
    CaseState.Decided decided =
        switch (c.state()) {
          case CaseState.Decided d -> d;
          case CaseState.Open open -> open.previous();
        };
    boolean approved =
        c.state() instanceof CaseState.Decided d && d.decision() == Decision.APPROVED;
    return new ReviewView(
        c.state() instanceof CaseState.Decided d ? d.decision().apiName() : "in-review",
        detail.tasks().stream()
            .map(t -> new CheckView(t.task().process().wireName(), status(t.task())))
            .toList(),
        decided == null ? null : decided.decision().apiName(),
        decided == null ? null : decided.at(),
        detail.decisionReason(),
        c.reopenedAt(),
        c.reopenReason() == null ? null : c.reopenReason().apiName(),
        approved,
        keys.current(c.accountId()).orElse(null));
  }

  private static String status(Task task) {
    return switch (task.state()) {
      case TaskState.Open open -> "waiting";
      case TaskState.Claimed claimed -> "in-progress";
      case TaskState.AwaitingApproval waiting -> "in-progress";
      case TaskState.Done done -> done.completion().result().wireName();
    };
  }
}

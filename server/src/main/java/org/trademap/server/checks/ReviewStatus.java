package org.trademap.server.checks;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.trademap.server.kyc.Progress;
import org.trademap.server.kyc.ReviewProgress;

/**
 * Tells the KYC file's progress (My Page, {@code GET /api/v1/me}) where the account's case stands:
 * the checks are in progress until every task is done, the approval is done once the case is
 * decided, and a notice says what the user should know (checks reopened, a decision, a key to
 * collect).
 */
@Component
class ReviewStatus implements ReviewProgress {
  private final Casework casework;
  private final KycKeys keys;

  ReviewStatus(Casework casework, KycKeys keys) {
    this.casework = casework;
    this.keys = keys;
  }

  @Override
  public Optional<Review> review(UUID accountId) {
    return casework.caseOfAccount(accountId).map(c -> review(c, casework.tasks(c.id())));
  }

  private Review review(CheckCase c, List<Task> tasks) {
    boolean allDone = !tasks.isEmpty() && tasks.stream().allMatch(t -> t.state().result() != null);
    return switch (c.state()) {
      case CaseState.Open open ->
          new Review(
              allDone ? Progress.StepStatus.DONE : Progress.StepStatus.IN_PROGRESS,
              Progress.StepStatus.NOT_STARTED,
              c.reopenReason() != null ? "checks.me.notice.reopened" : null);
      case CaseState.Decided decided ->
          new Review(
              Progress.StepStatus.DONE,
              Progress.StepStatus.DONE,
              switch (decided.decision()) {
                case APPROVED ->
                    keys.current(c.accountId()).isPresent()
                        ? "checks.me.notice.approved"
                        : "checks.me.notice.key-ready";
                case REJECTED -> "checks.me.notice.rejected";
                case NEEDS_INFORMATION -> "checks.me.notice.needs-information";
              });
    };
  }
}

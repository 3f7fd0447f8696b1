package org.trademap.server.kyc;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the back office reports about the review of an account's submitted file, for the account's
 * {@link Progress} and My Page. The checks module implements it; without an implementation the
 * steps {@link Progress.StepKind#CHECKS} and {@link Progress.StepKind#APPROVAL} stay not started.
 */
public interface ReviewProgress {

  /** The account's review, or empty while no case was opened for it. */
  Optional<Review> review(UUID accountId);

  /**
   * Where the review stands.
   *
   * @param checks how far the common checks are
   * @param approval how far the decision is (done once the case is decided)
   * @param notice the message key of a sentence for My Page (e.g. that checks were reopened or a
   *     decision was made), or null
   */
  record Review(
      Progress.StepStatus checks, Progress.StepStatus approval, @Nullable String notice) {}
}

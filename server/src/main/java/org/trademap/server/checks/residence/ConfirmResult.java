package org.trademap.server.checks.residence;

import java.time.Duration;

/** What {@link ResidenceConfirmation#confirm} led to. */
public sealed interface ConfirmResult {
  /** The right code: the letter is confirmed, and its code is used up. */
  record Confirmed(Letter letter) implements ConfirmResult {}

  /**
   * A wrong code, counted against the letter ({@link Refusal#CODE_WRONG}). The last allowed wrong
   * code answers {@link Refused} with {@link Refusal#LOCKED} instead.
   *
   * @param attemptsLeft wrong codes the letter still allows, at least 1
   */
  record WrongCode(int attemptsLeft) implements ConfirmResult {}

  /**
   * The account entered too many wrong codes recently ({@link Refusal#THROTTLED}); the code was not
   * checked and nothing was counted.
   *
   * @param retryAfter when a code may be entered again
   */
  record Throttled(Duration retryAfter) implements ConfirmResult {}

  /** Nothing changed. */
  record Refused(Refusal refusal) implements ConfirmResult {}
}

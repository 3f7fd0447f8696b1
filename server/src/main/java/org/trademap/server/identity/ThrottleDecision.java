package org.trademap.server.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a login attempt may go ahead. For {@link Delayed} and {@link Locked} the caller answers
 * without checking the password (and without recording a failure), with the same answer for known
 * and unknown accounts.
 */
public sealed interface ThrottleDecision {

  /** The attempt may check the password. */
  record Allowed() implements ThrottleDecision {}

  /**
   * Too many recent failures: the next attempt may come after this wait (for {@code Retry-After}).
   *
   * @param retryAfter how long to wait, positive
   */
  record Delayed(Duration retryAfter) implements ThrottleDecision {}

  /**
   * Locked until the given instant; the lock ends by itself.
   *
   * @param until when attempts are possible again
   */
  record Locked(Instant until) implements ThrottleDecision {}
}

package org.trademap.server.identity;

/**
 * The outcome of checking a one-time code. Only {@link Accepted} signs the person in; the caller
 * must then store {@link Accepted#step()} as the new last used step, with a conditional update
 * ({@code where last_step < :step}) so that of two concurrent logins with one code only one wins.
 * {@link Replayed} and {@link Wrong} count as failed logins.
 */
public sealed interface TotpCheck {

  /**
   * The code is right and fresh.
   *
   * @param step the time step it belongs to: the new last used step
   */
  record Accepted(long step) implements TotpCheck {}

  /** The code is right but for a step at or before the last used one: a replay. */
  record Replayed() implements TotpCheck {}

  /** The code is wrong, malformed or outside the window. */
  record Wrong() implements TotpCheck {}
}

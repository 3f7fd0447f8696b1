package org.trademap.server.checks;

/**
 * What became of a back-office action: done, with its value, or refused with the reason, having
 * changed nothing.
 *
 * @param <T> the value of a done action
 */
sealed interface Outcome<T> {

  /**
   * Done.
   *
   * @param value what the action produced
   */
  record Done<T>(T value) implements Outcome<T> {}

  /**
   * Refused; nothing changed.
   *
   * @param why the reason
   */
  record Refused<T>(Refusal why) implements Outcome<T> {}

  static <T> Outcome<T> done(T value) {
    return new Done<>(value);
  }

  static <T> Outcome<T> refused(Refusal why) {
    return new Refused<>(why);
  }
}

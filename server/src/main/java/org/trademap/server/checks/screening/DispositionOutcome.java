package org.trademap.server.checks.screening;

/** What an operator's verdict on a hit came to. */
public sealed interface DispositionOutcome {

  /** Recorded. */
  record Disposed(StoredHit hit) implements DispositionOutcome {}

  /**
   * Nothing changed.
   *
   * @param code {@code screening.hit-not-found}, {@code screening.hit-not-open} (decided before, or
   *     cleared), {@code screening.verdict-invalid}, {@code screening.reason-required} (1 to 1,000
   *     characters)
   */
  record Refused(String code) implements DispositionOutcome {}
}

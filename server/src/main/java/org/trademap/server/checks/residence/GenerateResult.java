package org.trademap.server.checks.residence;

/** What {@link ResidenceConfirmation#generate} led to. */
public sealed interface GenerateResult {
  /**
   * A new letter, the subject's current one; the previous letter's code no longer works. Its PDF
   * can be downloaded until it is marked sent.
   *
   * @param letter the new letter; check {@link Letter#unprintable()} before posting it
   */
  record Generated(Letter letter) implements GenerateResult {}

  /** No letter was made. */
  record Refused(Refusal refusal) implements GenerateResult {}
}

package org.trademap.server.kyc;

/** What became of giving or withdrawing a consent. */
public sealed interface ConsentResult {

  /**
   * The consent stands (giving) or was withdrawn (withdrawing).
   *
   * @param consent the record
   * @param changed false if nothing was recorded because it already stood as asked (the same
   *     version given again)
   */
  record Recorded(Consent consent, boolean changed) implements ConsentResult {}

  /** There was no standing consent of that kind (and scope) to withdraw. */
  record NotGiven() implements ConsentResult {}

  /**
   * The request was refused and nothing was recorded.
   *
   * @param code {@code consent.unknown-kind}, {@code consent.unknown-version}, {@code
   *     consent.scope-required}, {@code consent.scope-not-allowed} or {@code consent.scope-invalid}
   */
  record Refused(String code) implements ConsentResult {}
}

package org.trademap.server.kyc.rights;

/** What became of a request to end the business relationship. */
public sealed interface EndResult {

  /**
   * The relationship is ended.
   *
   * @param relationship with its end
   * @param now whether this request ended it (false: it had ended before; nothing changed)
   */
  record Ended(Relationship relationship, boolean now) implements EndResult {}

  /** The KYC file was never submitted, so there is no relationship to end; nothing changed. */
  record NotStarted() implements EndResult {}
}

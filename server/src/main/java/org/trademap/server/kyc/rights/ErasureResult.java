package org.trademap.server.kyc.rights;

import java.time.Instant;

/** What became of an erasure request. */
public sealed interface ErasureResult {

  /**
   * The personal data is erased.
   *
   * @param erasedAt when it was erased
   * @param now whether this request erased it (false: it was erased before)
   */
  record Erased(Instant erasedAt, boolean now) implements ErasureResult {}

  /**
   * The law requires the data to be kept; nothing changed.
   *
   * @param decision the legal reason and the first day erasure is possible
   */
  record Refused(ErasureDecision.Refused decision) implements ErasureResult {}
}

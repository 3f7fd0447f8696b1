package org.trademap.ledger.core.governance;

import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.contract.Args;

/**
 * What a governance transaction ({@code propose} or {@code approve}) decides: a contract upgrade or
 * a change of a channel's members. Both go through the same proposal and approval rules.
 */
public sealed interface Decision permits Upgrade, MemberChange {

  /** The transaction arguments. */
  byte[] toArgs();

  /**
   * Reads the arguments of a governance transaction: three fields are an {@link Upgrade} (the
   * encoding of ADR 0028, unchanged), four a {@link MemberChange}.
   *
   * @throws EncodingException if they are neither
   */
  static Decision fromArgs(byte[] args) {
    int fields = new CanonicalReader(args).count(Args.MAX_FIELDS, "arguments");
    return fields == MemberChange.FIELDS ? MemberChange.fromArgs(args) : Upgrade.fromArgs(args);
  }
}

package org.trademap.ledger.core.governance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.contract.Args;
import org.trademap.ledger.api.tx.Transaction;

/**
 * What a governance transaction names: version {@code version} of contract {@code contractId},
 * active from block {@code activationHeight} on. The arguments of both {@code propose} and {@code
 * approve}.
 *
 * @param contractId the contract to upgrade
 * @param version the version to activate: exactly one above the current one
 * @param activationHeight the first block executed with it
 */
public record Upgrade(String contractId, int version, long activationHeight) implements Decision {

  public Upgrade {
    Transaction.checkName(contractId, "contract id");
    if (version < 1) {
      throw new IllegalArgumentException("a contract version starts at 1");
    }
    if (activationHeight < 1) {
      throw new IllegalArgumentException("an activation height starts at 1");
    }
  }

  /** The transaction arguments: contract id, version (i32), activation height (i64). */
  @Override
  public byte[] toArgs() {
    return Args.encode(
        contractId.getBytes(StandardCharsets.UTF_8),
        new CanonicalWriter(4).i32(version).toByteArray(),
        new CanonicalWriter(8).i64(activationHeight).toByteArray());
  }

  /**
   * Reads the arguments of a governance transaction.
   *
   * @throws EncodingException if they are not three fields of the right shape
   */
  public static Upgrade fromArgs(byte[] args) {
    List<byte[]> f = Args.decode(args, 3);
    CanonicalReader v = new CanonicalReader(f.get(1));
    int version = v.i32("version");
    v.end();
    CanonicalReader h = new CanonicalReader(f.get(2));
    long height = h.i64("activation height");
    h.end();
    try {
      return new Upgrade(new String(f.get(0), StandardCharsets.UTF_8), version, height);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(String.valueOf(e.getMessage()));
    }
  }

  @Override
  public String toString() {
    return contractId + " version " + version + " from height " + activationHeight;
  }
}

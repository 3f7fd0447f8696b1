package org.trademap.server.checks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.trademap.contracts.kyc.Commitment;
import org.trademap.server.identity.Base32;

/**
 * A KYC key: 32 random bytes the approved user holds, shown once. Its readable form is base32 in
 * groups of four ({@code ABCD-EFGH-…}, 13 groups, 52 characters: no padding, no 0/O or 1/I
 * confusion in the alphabet). Only its {@link #commitment()} is stored and put on the ledger:
 * SHA-256 over the label {@code trademap.kyc-key.v1}, a zero byte and the 32 bytes. The key has 256
 * bits of entropy, so the commitment needs no salt, and anyone the user shows the key to can check
 * it against the ledger.
 */
final class KycKey {
  static final int BYTES = 32;
  private static final int GROUP = 4;
  private static final byte[] LABEL = "trademap.kyc-key.v1\0".getBytes(StandardCharsets.US_ASCII);

  private final byte[] bytes;

  private KycKey(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  /** A new random key. */
  static KycKey random(SecureRandom random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return new KycKey(bytes);
  }

  /**
   * The key a person typed or pasted: its groups with or without hyphens, spaces, any case.
   *
   * @return empty if it is not a key
   */
  static Optional<KycKey> parse(@Nullable String text) {
    if (text == null) {
      return Optional.empty();
    }
    String compact = text.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    try {
      byte[] decoded = Base32.decode(compact);
      return decoded.length == BYTES ? Optional.of(new KycKey(decoded)) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The readable form: base32 in groups of four joined by hyphens. */
  String text() {
    String plain = Base32.encode(bytes);
    StringBuilder out = new StringBuilder(plain.length() + plain.length() / GROUP);
    for (int i = 0; i < plain.length(); i += GROUP) {
      if (i > 0) {
        out.append('-');
      }
      out.append(plain, i, Math.min(plain.length(), i + GROUP));
    }
    return out.toString();
  }

  /** The commitment that is stored and recorded on the ledger. */
  Commitment commitment() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(LABEL);
      return new Commitment(sha256.digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof KycKey other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Hides the key, which must never reach a log. */
  @Override
  public String toString() {
    return "KycKey[(hidden)]";
  }
}

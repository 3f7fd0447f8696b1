package org.trademap.server.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The vault's two secrets from configuration: the key-encryption key that wraps every subject's
 * data key, and the pepper that keys the commitments.
 *
 * @param kek a 256-bit AES key
 * @param pepper at least 32 bytes; copied, so later changes to the caller's array do not matter
 */
public record VaultKeys(SecretKey kek, byte[] pepper) {

  /** Bytes in a KEK. */
  public static final int KEK_BYTES = 32;

  /** The fewest bytes a pepper may have. */
  public static final int MIN_PEPPER_BYTES = 32;

  private static final byte[] KEK_ID_LABEL =
      "trademap.vault.kek-id/1".getBytes(StandardCharsets.US_ASCII);

  /**
   * Checks the sizes.
   *
   * @throws IllegalArgumentException if the KEK is not a 256-bit AES key or the pepper is shorter
   *     than 32 bytes; the message never contains key material
   */
  public VaultKeys {
    byte[] encoded = kek.getEncoded();
    if (!"AES".equalsIgnoreCase(kek.getAlgorithm())
        || encoded == null
        || encoded.length != KEK_BYTES) {
      throw new IllegalArgumentException("the key-encryption key must be a 256-bit AES key");
    }
    Arrays.fill(encoded, (byte) 0);
    if (pepper.length < MIN_PEPPER_BYTES) {
      throw new IllegalArgumentException(
          "the pepper must have at least " + MIN_PEPPER_BYTES + " bytes");
    }
    pepper = pepper.clone();
  }

  /** New random keys. */
  public static VaultKeys generate(SecureRandom random) {
    byte[] kek = new byte[KEK_BYTES];
    byte[] pepper = new byte[MIN_PEPPER_BYTES];
    random.nextBytes(kek);
    random.nextBytes(pepper);
    try {
      return new VaultKeys(aesKey(kek), pepper);
    } finally {
      Arrays.fill(kek, (byte) 0);
      Arrays.fill(pepper, (byte) 0);
    }
  }

  /** A 256-bit AES key from its raw bytes (copied). */
  public static SecretKey aesKey(byte[] raw) {
    if (raw.length != KEK_BYTES) {
      throw new IllegalArgumentException("an AES-256 key has " + KEK_BYTES + " bytes");
    }
    return new SecretKeySpec(raw, "AES");
  }

  /** These keys with another KEK and the same pepper (for KEK rotation). */
  public VaultKeys withKek(SecretKey newKek) {
    return new VaultKeys(newKek, pepper);
  }

  @Override
  public byte[] pepper() {
    return pepper.clone();
  }

  /**
   * A public fingerprint of the KEK (16 hex digits): HMAC-SHA256 under the KEK of a fixed label,
   * truncated. It names the key in the database and in logs without revealing it.
   */
  public String kekId() {
    return kekId(kek);
  }

  static String kekId(SecretKey kek) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      byte[] raw = kek.getEncoded();
      mac.init(new SecretKeySpec(raw, "HmacSHA256"));
      Arrays.fill(raw, (byte) 0);
      return HexFormat.of().formatHex(Arrays.copyOf(mac.doFinal(KEK_ID_LABEL), 8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** Never shows key material. */
  @Override
  public String toString() {
    return "VaultKeys[kek=" + kekId() + ", pepper=(" + pepper.length + " bytes)]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VaultKeys k
        && kekId().equals(k.kekId())
        && Arrays.equals(pepper, k.pepper);
  }

  @Override
  public int hashCode() {
    return kekId().hashCode();
  }
}

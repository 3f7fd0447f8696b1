package org.trademap.ledger.api.crypto;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** A 32-byte Ed25519 public key as encoded by RFC 8032. Validity is checked on verification. */
public record PublicKey(byte[] bytes) implements Comparable<PublicKey> {
  public static final int SIZE = 32;

  public PublicKey {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + bytes.length);
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public static PublicKey ofBase64(String base64) {
    return new PublicKey(Base64.getDecoder().decode(base64));
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** A short, stable label for logs and pages: the first 8 bytes of the key in hex. */
  public String shortId() {
    return HexFormat.of().formatHex(bytes, 0, 8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(PublicKey o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}

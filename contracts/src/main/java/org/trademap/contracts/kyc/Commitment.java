package org.trademap.contracts.kyc;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A salted 32-byte commitment to a subject's personal data (in TradeMap an HMAC-SHA256 over the
 * salt and the canonical fields). It reveals nothing about the data; the holder of the data and
 * salt can show that they match. Immutable; compares by content.
 */
public record Commitment(byte[] bytes) {
  /** Size of a commitment in bytes. */
  public static final int SIZE = Wire.COMMITMENT_SIZE;

  /**
   * Wraps a copy of the bytes.
   *
   * @throws IllegalArgumentException unless there are exactly 32 bytes
   */
  public Commitment {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("a commitment has 32 bytes, not " + bytes.length);
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Parses 64 hexadecimal characters. */
  public static Commitment ofHex(String hex) {
    if (hex.length() != SIZE * 2) {
      throw new IllegalArgumentException("a commitment is 64 hexadecimal characters");
    }
    return new Commitment(HexFormat.of().parseHex(hex));
  }

  /** The 64 lower-case hexadecimal characters. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Commitment c && Arrays.equals(bytes, c.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}

package org.trademap.ledger.api.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/** A 64-byte Ed25519 signature (R ‖ S). */
public record Signature(byte[] bytes) {
  public static final int SIZE = 64;

  public Signature {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("an Ed25519 signature has 64 bytes, not " + bytes.length);
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature s && Arrays.equals(bytes, s.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}

package org.trademap.ledger.api.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 digest. Immutable; compares by content. */
public record Hash(byte[] bytes) implements Comparable<Hash> {
  public static final int SIZE = 32;
  public static final Hash ZERO = new Hash(new byte[SIZE]);

  public Hash {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("a hash has 32 bytes, not " + bytes.length);
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public static Hash sha256(byte[] data) {
    return new Hash(digest().digest(data));
  }

  /** SHA-256 over the concatenation of the parts, without copying them together. */
  public static Hash sha256(byte[]... parts) {
    MessageDigest md = digest();
    for (byte[] part : parts) {
      md.update(part);
    }
    return new Hash(md.digest());
  }

  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Parses 64 hexadecimal characters. */
  public static Hash ofHex(String hex) {
    if (hex.length() != SIZE * 2) {
      throw new IllegalArgumentException("a hash is 64 hexadecimal characters");
    }
    return new Hash(HexFormat.of().parseHex(hex));
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(Hash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}

package org.trademap.ledger.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Small byte-array helpers for building and corrupting encodings in tests. */
public final class TestBytes {
  private TestBytes() {}

  public static byte[] filled(int size, int value) {
    byte[] out = new byte[size];
    Arrays.fill(out, (byte) value);
    return out;
  }

  public static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** A big-endian int, as the canonical encoding writes counts and lengths. */
  public static byte[] int32(int value) {
    return ByteBuffer.allocate(4).putInt(value).array();
  }

  public static byte[] concat(byte[]... parts) {
    int size = 0;
    for (byte[] part : parts) {
      size += part.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    for (byte[] part : parts) {
      out.put(part);
    }
    return out.array();
  }

  /** A copy of {@code bytes} with the big-endian int at {@code offset} replaced. */
  public static byte[] withIntAt(byte[] bytes, int offset, int value) {
    byte[] copy = bytes.clone();
    ByteBuffer.wrap(copy).putInt(offset, value);
    return copy;
  }

  /** A copy of {@code bytes} with one byte replaced. */
  public static byte[] withByteAt(byte[] bytes, int offset, int value) {
    byte[] copy = bytes.clone();
    copy[offset] = (byte) value;
    return copy;
  }
}

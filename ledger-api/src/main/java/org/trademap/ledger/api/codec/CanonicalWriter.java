package org.trademap.ledger.api.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Appends values in the canonical encoding. Not thread-safe; one writer per value. */
public final class CanonicalWriter {
  private byte[] buf;
  private int size;

  public CanonicalWriter() {
    this(256);
  }

  public CanonicalWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }

  public CanonicalWriter u8(int value) {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException("u8 out of range: " + value);
    }
    ensure(1);
    buf[size++] = (byte) value;
    return this;
  }

  public CanonicalWriter bool(boolean value) {
    return u8(value ? 1 : 0);
  }

  public CanonicalWriter i32(int value) {
    ensure(4);
    buf[size++] = (byte) (value >>> 24);
    buf[size++] = (byte) (value >>> 16);
    buf[size++] = (byte) (value >>> 8);
    buf[size++] = (byte) value;
    return this;
  }

  public CanonicalWriter i64(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (value >>> shift);
    }
    return this;
  }

  /** Exactly {@code bytes.length} bytes, no length prefix: for fixed-size values such as hashes. */
  public CanonicalWriter fixed(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /** A u32 length followed by the bytes. */
  public CanonicalWriter bytes(byte[] bytes) {
    i32(bytes.length);
    return fixed(bytes);
  }

  /** UTF-8 bytes with a length prefix. */
  public CanonicalWriter string(String value) {
    return bytes(value.getBytes(StandardCharsets.UTF_8));
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}

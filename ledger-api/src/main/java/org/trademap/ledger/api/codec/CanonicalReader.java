package org.trademap.ledger.api.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads values written by {@link CanonicalWriter}, rejecting anything that is not canonical:
 * truncated input, lengths beyond a limit, malformed UTF-8, booleans other than 0 or 1 and (through
 * {@link #end()}) trailing bytes.
 */
public final class CanonicalReader {
  /** Upper bound for any single length-prefixed field unless the caller names a smaller one. */
  public static final int MAX_FIELD = 16 * 1024 * 1024;

  private final byte[] data;
  private int pos;

  public CanonicalReader(byte[] data) {
    this.data = data;
  }

  private void need(int n, String what) {
    if (n < 0 || data.length - pos < n) {
      throw new EncodingException("truncated input while reading " + what + " at byte " + pos);
    }
  }

  public int u8(String what) {
    need(1, what);
    return data[pos++] & 0xFF;
  }

  public boolean bool(String what) {
    int v = u8(what);
    if (v > 1) {
      throw new EncodingException(what + " must be 0 or 1, was " + v);
    }
    return v == 1;
  }

  public int i32(String what) {
    need(4, what);
    int v =
        ((data[pos] & 0xFF) << 24)
            | ((data[pos + 1] & 0xFF) << 16)
            | ((data[pos + 2] & 0xFF) << 8)
            | (data[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }

  public long i64(String what) {
    need(8, what);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (data[pos + i] & 0xFF);
    }
    pos += 8;
    return v;
  }

  public byte[] fixed(int length, String what) {
    need(length, what);
    byte[] out = Arrays.copyOfRange(data, pos, pos + length);
    pos += length;
    return out;
  }

  public byte[] bytes(int maxLength, String what) {
    int len = i32(what + " length");
    if (len < 0 || len > maxLength) {
      throw new EncodingException(what + " length " + len + " is outside 0.." + maxLength);
    }
    return fixed(len, what);
  }

  public byte[] bytes(String what) {
    return bytes(MAX_FIELD, what);
  }

  /** A UTF-8 string; malformed UTF-8 is rejected rather than replaced. */
  public String string(int maxBytes, String what) {
    byte[] raw = bytes(maxBytes, what);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new EncodingException(what + " is not valid UTF-8");
    }
  }

  /** A count that prefixes a list, bounded so a forged count cannot make us allocate. */
  public int count(int max, String what) {
    int n = i32(what + " count");
    if (n < 0 || n > max) {
      throw new EncodingException(what + " count " + n + " is outside 0.." + max);
    }
    return n;
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return data.length - pos;
  }

  /** Fails unless every byte was consumed. */
  public void end() {
    if (pos != data.length) {
      throw new EncodingException((data.length - pos) + " trailing bytes after the value");
    }
  }
}

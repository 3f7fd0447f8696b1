package org.trademap.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Function;
import org.trademap.ledger.api.codec.EncodingException;

/** Assertions shared by every canonical-encoding test. */
public final class CodecAssertions {
  private CodecAssertions() {}

  /**
   * Encoding, decoding and encoding again gives an equal value and the very same bytes.
   *
   * @return the decoded value
   */
  public static <T> T assertRoundTrip(
      T value, Function<T, byte[]> encode, Function<byte[], T> decode) {
    byte[] bytes = encode.apply(value);
    T decoded = decode.apply(bytes);
    assertThat(decoded).isEqualTo(value);
    assertThat(decoded.hashCode()).isEqualTo(value.hashCode());
    assertThat(encode.apply(decoded)).isEqualTo(bytes);
    return decoded;
  }

  /** Every proper prefix of a valid encoding is refused as truncated. */
  public static void assertRejectsEveryTruncation(byte[] bytes, Function<byte[], ?> decode) {
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] prefix = Arrays.copyOf(bytes, cut);
      assertThatThrownBy(() -> decode.apply(prefix))
          .as("prefix of %d of %d bytes", cut, bytes.length)
          .isInstanceOf(EncodingException.class)
          .hasMessageContaining("truncated input while reading");
    }
  }

  /** A valid encoding followed by extra bytes is refused. */
  public static void assertRejectsTrailingBytes(
      byte[] bytes, byte[] extra, Function<byte[], ?> decode) {
    byte[] longer = concat(bytes, extra);
    assertThatThrownBy(() -> decode.apply(longer))
        .isInstanceOf(EncodingException.class)
        .hasMessage(extra.length + " trailing bytes after the value");
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

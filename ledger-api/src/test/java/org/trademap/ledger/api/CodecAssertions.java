package org.trademap.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    byte[] longer = TestBytes.concat(bytes, extra);
    assertThatThrownBy(() -> decode.apply(longer))
        .isInstanceOf(EncodingException.class)
        .hasMessage(extra.length + " trailing bytes after the value");
  }

  /**
   * The decoder is the inverse of the encoder on everything it accepts: after {@code bytes} are
   * corrupted at one position, they are either refused or they decode to a value whose encoding is
   * exactly the corrupted bytes. A decoder that accepted two spellings of one value would let two
   * nodes hash the same value differently.
   */
  public static <T> void assertCorruptionIsRefusedOrCanonical(
      byte[] bytes,
      int position,
      int value,
      Function<T, byte[]> encode,
      Function<byte[], T> decode) {
    if (bytes.length == 0) {
      return;
    }
    byte[] corrupted = TestBytes.withByteAt(bytes, Math.floorMod(position, bytes.length), value);
    T decoded;
    try {
      decoded = decode.apply(corrupted);
    } catch (EncodingException refused) {
      return;
    }
    assertThat(encode.apply(decoded)).isEqualTo(corrupted);
  }
}

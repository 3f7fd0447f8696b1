package org.trademap.ledger.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trademap.ledger.api.LedgerArbitraries;

class CanonicalEncodingTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void writesIntegersBigEndianAndBytesWithALengthPrefix() {
    byte[] bytes =
        new CanonicalWriter(1)
            .u8(0xAB)
            .bool(true)
            .bool(false)
            .i32(0x01020304)
            .i64(-2L)
            .bytes(new byte[] {9, 8})
            .string("é")
            .fixed(new byte[] {7})
            .toByteArray();

    assertThat(HEX.formatHex(bytes))
        .isEqualTo(
            "ab"
                + "01"
                + "00"
                + "01020304"
                + "fffffffffffffffe"
                + "00000002"
                + "0908"
                + "00000002"
                + "c3a9"
                + "07");
  }

  @Test
  void readsBackWhatWasWritten() {
    byte[] bytes =
        new CanonicalWriter()
            .u8(200)
            .bool(true)
            .i32(-7)
            .i64(Long.MIN_VALUE)
            .bytes(new byte[] {1, 2, 3})
            .string("日本")
            .toByteArray();
    CanonicalReader r = new CanonicalReader(bytes);

    assertThat(r.u8("a")).isEqualTo(200);
    assertThat(r.bool("b")).isTrue();
    assertThat(r.i32("c")).isEqualTo(-7);
    assertThat(r.i64("d")).isEqualTo(Long.MIN_VALUE);
    assertThat(r.bytes("e")).containsExactly(1, 2, 3);
    assertThat(r.remaining()).isEqualTo(4 + 6);
    assertThat(r.string(6, "f")).isEqualTo("日本");
    assertThat(r.position()).isEqualTo(bytes.length);
    r.end();
  }

  @Property(tries = 100)
  void stringsRoundTripAsUtf8(@ForAll("text") String value) {
    byte[] bytes = new CanonicalWriter().string(value).toByteArray();
    CanonicalReader r = new CanonicalReader(bytes);

    assertThat(r.string(CanonicalReader.MAX_FIELD, "text")).isEqualTo(value);
    r.end();
  }

  @Provide
  Arbitrary<String> text() {
    return LedgerArbitraries.text(200);
  }

  @Test
  void refusesU8OutsideItsRange() {
    CanonicalWriter w = new CanonicalWriter();
    assertThatThrownBy(() -> w.u8(256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("u8 out of range: 256");
    assertThatThrownBy(() -> w.u8(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesBooleansOtherThanZeroOrOne() {
    CanonicalReader r = new CanonicalReader(new byte[] {2});

    assertThatThrownBy(() -> r.bool("flag"))
        .isInstanceOf(EncodingException.class)
        .hasMessage("flag must be 0 or 1, was 2");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "80", // a continuation byte on its own
        "c328", // a lead byte followed by a non-continuation byte
        "c0af", // over-long encoding of '/'
        "e080af", // over-long three-byte encoding of '/'
        "eda080", // an encoded UTF-16 surrogate (U+D800)
        "e282", // a three-byte sequence cut short
        "f4908080", // above U+10FFFF
        "f888808080", // a five-byte form
        "ff"
      })
  void refusesMalformedUtf8(String hex) {
    byte[] bytes = new CanonicalWriter().bytes(HEX.parseHex(hex)).toByteArray();
    CanonicalReader r = new CanonicalReader(bytes);

    assertThatThrownBy(() -> r.string(64, "member role"))
        .isInstanceOf(EncodingException.class)
        .hasMessage("member role is not valid UTF-8");
  }

  @Test
  void refusesLengthsAboveTheLimitBeforeReadingTheBytes() {
    byte[] bytes = new CanonicalWriter().string("x".repeat(65)).toByteArray();

    assertThatThrownBy(() -> new CanonicalReader(bytes).string(64, "channel"))
        .isInstanceOf(EncodingException.class)
        .hasMessage("channel length 65 is outside 0..64");
  }

  @Test
  void refusesNegativeLengths() {
    byte[] bytes = new CanonicalWriter().i32(-1).toByteArray();

    assertThatThrownBy(() -> new CanonicalReader(bytes).bytes("value"))
        .isInstanceOf(EncodingException.class)
        .hasMessage("value length -1 is outside 0.." + CanonicalReader.MAX_FIELD);
  }

  @Test
  void refusesALengthBeyondTheInput() {
    byte[] bytes = new CanonicalWriter().i32(10).fixed(new byte[3]).toByteArray();

    assertThatThrownBy(() -> new CanonicalReader(bytes).bytes("value"))
        .isInstanceOf(EncodingException.class)
        .hasMessage("truncated input while reading value at byte 4");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE, 33, Integer.MAX_VALUE})
  void refusesCountsOutsideTheirBounds(int count) {
    byte[] bytes = new CanonicalWriter().i32(count).toByteArray();

    assertThatThrownBy(() -> new CanonicalReader(bytes).count(32, "events"))
        .isInstanceOf(EncodingException.class)
        .hasMessage("events count " + count + " is outside 0..32");
  }

  @Test
  void refusesTruncatedFixedSizeValues() {
    CanonicalReader r = new CanonicalReader(new byte[] {1, 2, 3});

    assertThatThrownBy(() -> r.i32("height"))
        .isInstanceOf(EncodingException.class)
        .hasMessage("truncated input while reading height at byte 0");
    assertThatThrownBy(() -> r.fixed(4, "hash"))
        .isInstanceOf(EncodingException.class)
        .hasMessage("truncated input while reading hash at byte 0");
  }

  @Test
  void endRefusesUnreadBytes() {
    CanonicalReader r = new CanonicalReader(new byte[] {1, 2, 3});
    r.u8("tag");

    assertThatThrownBy(r::end)
        .isInstanceOf(EncodingException.class)
        .hasMessage("2 trailing bytes after the value");
  }
}

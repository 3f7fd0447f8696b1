package org.trademap.ledger.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trademap.ledger.api.CodecAssertions.assertCorruptionIsRefusedOrCanonical;
import static org.trademap.ledger.api.CodecAssertions.assertRejectsEveryTruncation;
import static org.trademap.ledger.api.CodecAssertions.assertRejectsTrailingBytes;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trademap.ledger.api.LedgerArbitraries;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;

class ArgsTest {
  private static final HexFormat HEX = HexFormat.of();

  @Provide
  Arbitrary<List<byte[]>> fields() {
    return LedgerArbitraries.argFields();
  }

  @Property
  void roundTrips(@ForAll("fields") List<byte[]> fields) {
    byte[] bytes = Args.encode(fields);
    List<byte[]> decoded = Args.decode(bytes, fields.size());

    assertThat(decoded).usingElementComparator(Arrays::compare).isEqualTo(fields);
    assertThat(Args.encode(decoded)).isEqualTo(bytes);
    assertThat(Args.encode(fields.toArray(new byte[0][]))).isEqualTo(bytes);
  }

  @Property(tries = 50)
  void refusesEveryTruncation(@ForAll("fields") List<byte[]> fields) {
    assertRejectsEveryTruncation(Args.encode(fields), b -> Args.decode(b, fields.size()));
  }

  @Property(tries = 50)
  void refusesTrailingBytes(
      @ForAll("fields") List<byte[]> fields, @ForAll @Size(min = 1, max = 40) byte[] extra) {
    assertRejectsTrailingBytes(Args.encode(fields), extra, b -> Args.decode(b, fields.size()));
  }

  @Property(tries = 300)
  void corruptedBytesAreRefusedOrDecodeCanonically(
      @ForAll("fields") List<byte[]> fields, @ForAll int position, @ForAll byte value) {
    assertCorruptionIsRefusedOrCanonical(
        Args.encode(fields), position, value, Args::encode, b -> Args.decode(b, fields.size()));
  }

  @Test
  void encodesACountAndLengthPrefixedFields() {
    byte[] bytes = Args.encode(new byte[] {1, 2}, new byte[0]);

    assertThat(HEX.formatHex(bytes)).isEqualTo("00000002" + "00000002" + "0102" + "00000000");
  }

  @Test
  void refusesAnotherNumberOfFieldsThanExpected() {
    byte[] bytes = Args.encode(new byte[] {1}, new byte[] {2}, new byte[] {3});

    assertThatThrownBy(() -> Args.decode(bytes, 2))
        .isInstanceOf(EncodingException.class)
        .hasMessage("expected 2 arguments, got 3");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE, Args.MAX_FIELDS + 1, Integer.MAX_VALUE})
  void refusesNegativeOrOversizedCounts(int count) {
    byte[] bytes = new CanonicalWriter().i32(count).toByteArray();

    assertThatThrownBy(() -> Args.decode(bytes, 1))
        .isInstanceOf(EncodingException.class)
        .hasMessage("arguments count " + count + " is outside 0..32");
  }

  @Test
  void refusesANegativeFieldLength() {
    byte[] bytes = new CanonicalWriter().i32(1).i32(-5).toByteArray();

    assertThatThrownBy(() -> Args.decode(bytes, 1))
        .isInstanceOf(EncodingException.class)
        .hasMessageStartingWith("argument 0 length -5 is outside 0..");
  }

  @Test
  void decodesTheMaximumNumberOfFields() {
    byte[][] fields = new byte[Args.MAX_FIELDS][];
    Arrays.setAll(fields, i -> new byte[] {(byte) i});

    assertThat(Args.decode(Args.encode(fields), Args.MAX_FIELDS)).hasSize(Args.MAX_FIELDS);
  }
}

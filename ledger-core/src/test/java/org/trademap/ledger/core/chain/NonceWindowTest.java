package org.trademap.ledger.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trademap.ledger.core.chain.NonceWindow.WIDTH;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.trademap.ledger.core.store.StorageException;

/**
 * {@link NonceWindow}: which nonces it accepts (the edges of the window, reuse inside it, the
 * window sliding and jumping far ahead), its stored form, and, as a property, agreement with a
 * plain set of used nonces over random sequences with a round trip through the stored form at every
 * step.
 */
class NonceWindowTest {

  /** The window after using {@code nonces} in this order, each required to be accepted. */
  static NonceWindow after(long... nonces) {
    NonceWindow w = NonceWindow.EMPTY;
    for (long n : nonces) {
      assertThat(w.accepts(n)).as("nonce %d in %s", n, w).isTrue();
      w = w.use(n);
    }
    return w;
  }

  @Test
  void aSignerThatNeverSignedStartsAtOneAndMayStartAnywhereAbove() {
    assertThat(NonceWindow.EMPTY.highest()).isZero();
    assertThat(NonceWindow.EMPTY.accepts(0)).isFalse();
    assertThat(NonceWindow.EMPTY.accepts(1)).isTrue();
    assertThat(NonceWindow.EMPTY.accepts(Long.MAX_VALUE)).isTrue();
    assertThat(NonceWindow.decode(null)).isEqualTo(NonceWindow.EMPTY);
  }

  @Test
  void aDenseSequenceIsStoredAsJustTheHighestNonceAsBefore() {
    NonceWindow w = after(1, 2, 3, 4, 5);

    assertThat(w.encode()).isEqualTo(Keys.longBytes(5));
    assertThat(w.highest()).isEqualTo(5);
    for (long n = 0; n <= 5; n++) {
      assertThat(w.accepts(n)).as("nonce %d", n).isFalse();
    }
    assertThat(w.accepts(6)).isTrue();
  }

  @Test
  void acceptsTheSkippedNoncesInAnyOrderAndEachOnlyOnce() {
    NonceWindow w = after(5, 3, 1, 4, 2);

    assertThat(w.highest()).isEqualTo(5);
    assertThat(w.encode()).isEqualTo(Keys.longBytes(5));
    for (long n = 1; n <= 5; n++) {
      assertThat(w.accepts(n)).as("nonce %d used", n).isFalse();
    }
  }

  @Test
  void refusesReuseInsideTheWindowButKeepsTheOtherFreeNonces() {
    NonceWindow w = after(10, 7);

    assertThat(w.accepts(7)).isFalse();
    assertThat(w.accepts(10)).isFalse();
    assertThat(w.accepts(8)).isTrue();
    assertThat(w.accepts(9)).isTrue();
    assertThatThrownBy(() -> w.use(7)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theOldestNonceInTheWindowIsAcceptedAndTheOneBelowItIsNot() {
    long h = 100_000;
    NonceWindow w = after(h);

    assertThat(w.accepts(h - (WIDTH - 1))).isTrue();
    assertThat(w.accepts(h - WIDTH)).isFalse();
    assertThat(w.accepts(h - WIDTH - 1)).isFalse();
    assertThat(w.accepts(1)).isFalse();
    assertThat(w.use(h - (WIDTH - 1)).accepts(h - (WIDTH - 1))).isFalse();
  }

  @Test
  void slidingTheWindowDropsTheFreeNoncesThatFallOutOfIt() {
    long h = 100_000;
    NonceWindow w = after(h, h + 10);

    // h - WIDTH + 11 is now exactly the oldest slot; h - WIDTH + 10 slid out.
    assertThat(w.accepts(h - WIDTH + 11)).isTrue();
    assertThat(w.accepts(h - WIDTH + 10)).isFalse();
    // The previous highest stays used, the nonces skipped between it and the new one are free.
    assertThat(w.accepts(h)).isFalse();
    for (long n = h + 1; n < h + 10; n++) {
      assertThat(w.accepts(n)).as("nonce %d", n).isTrue();
    }
    assertThat(w.accepts(h - 1)).isTrue();
  }

  @Test
  void aJumpOfExactlyTheWidthKeepsOnlyTheSkippedNonces() {
    long h = 100_000;
    NonceWindow w = after(h - 2, h, h + WIDTH);

    assertThat(w.accepts(h)).isFalse();
    assertThat(w.accepts(h - 1)).isFalse();
    assertThat(w.accepts(h + 1)).isTrue();
    assertThat(w.accepts(h + WIDTH - 1)).isTrue();
  }

  @Test
  void aJumpOneShortOfTheWidthKeepsTheOldHighestUsedAtTheOldestSlot() {
    long h = 100_000;
    NonceWindow w = after(h - 2, h, h + WIDTH - 1);

    assertThat(w.accepts(h)).isFalse();
    assertThat(w.accepts(h + 1)).isTrue();
    assertThat(w.accepts(h - 1)).isFalse();
  }

  @Test
  void aJumpFarAheadFreesTheWholeWindowAndForgetsEverythingBelow() {
    NonceWindow w = after(3, 5, 5 + 10_000_000_000L);

    assertThat(w.highest()).isEqualTo(10_000_000_005L);
    assertThat(w.accepts(4)).isFalse();
    assertThat(w.accepts(w.highest() - 1)).isTrue();
    assertThat(w.accepts(w.highest() - (WIDTH - 1))).isTrue();
    assertThat(w.accepts(w.highest() - WIDTH)).isFalse();
    assertThat(w.encode()).hasSize(8 + WIDTH / 8);
    assertThat(NonceWindow.decode(w.encode())).isEqualTo(w);
  }

  @Test
  void theLargestNonceCanBeUsedAndThenOnlyTheFreeOnesBelowIt() {
    NonceWindow w = after(7, Long.MAX_VALUE);

    assertThat(w.accepts(Long.MAX_VALUE)).isFalse();
    assertThat(w.accepts(Long.MAX_VALUE - 1)).isTrue();
    assertThat(NonceWindow.decode(w.encode())).isEqualTo(w);
  }

  @Test
  void theStoredFormKeepsTheFreeBitsLeastSignificantFirstWithoutTrailingZeros() {
    // Highest 20; 19 (offset 1) used, 18 (offset 2) free, 17 used, 16 (offset 4) free.
    NonceWindow w = after(15, 17, 19, 20);
    // Offsets 2 and 4 free, and nonces 1 to 14 (offsets 6 to 19): bits 1, 3 and 5 to 18.
    long bits = (1L << 1) | (1L << 3);
    for (int b = 5; b <= 18; b++) {
      bits |= 1L << b;
    }
    byte[] expected = new byte[8 + 3];
    System.arraycopy(Keys.longBytes(20), 0, expected, 0, 8);
    expected[8] = (byte) bits;
    expected[9] = (byte) (bits >>> 8);
    expected[10] = (byte) (bits >>> 16);

    assertThat(w.encode()).isEqualTo(expected);
    assertThat(NonceWindow.decode(expected)).isEqualTo(w);
  }

  @Test
  void refusesStoredFormsItNeverWrites() {
    byte[] trailingZero = new byte[10];
    System.arraycopy(Keys.longBytes(20), 0, trailingZero, 0, 8);
    trailingZero[8] = 1;
    byte[] freeBelowOne = new byte[9];
    System.arraycopy(Keys.longBytes(3), 0, freeBelowOne, 0, 8);
    freeBelowOne[8] = 0b100; // offset 3 of highest 3 would be nonce 0
    byte[] negative = Keys.longBytes(-1);
    byte[] tooLong = new byte[8 + WIDTH / 8 + 1];
    System.arraycopy(Keys.longBytes(1L << 40), 0, tooLong, 0, 8);
    tooLong[tooLong.length - 1] = 1;
    byte[] pastTheWindow = new byte[8 + WIDTH / 8];
    System.arraycopy(Keys.longBytes(1L << 40), 0, pastTheWindow, 0, 8);
    pastTheWindow[pastTheWindow.length - 1] = (byte) 0x80; // offset WIDTH

    for (byte[] bad :
        List.of(new byte[7], trailingZero, freeBelowOne, negative, tooLong, pastTheWindow)) {
      assertThatThrownBy(() -> NonceWindow.decode(bad)).isInstanceOf(StorageException.class);
    }
  }

  /** The rule in its plainest form: every used nonce remembered, nonce 0 never usable. */
  static final class Model {
    final Set<Long> used = new HashSet<>(Set.of(0L));
    long highest;

    boolean accepts(long n) {
      return n > highest || (highest - n < WIDTH && !used.contains(n));
    }

    void use(long n) {
      used.add(n);
      highest = Math.max(highest, n);
    }
  }

  @Property(tries = 300)
  void agreesWithASetOfUsedNoncesOverRandomSequences(
      @ForAll("steps") List<Long> steps, @ForAll("starts") long start) {
    Model model = new Model();
    NonceWindow w = NonceWindow.EMPTY;
    long base = start;
    for (long step : steps) {
      // Steps pick nonces around the current highest, mostly inside the window.
      long from = Math.max(base, model.highest);
      long sum = from + step;
      long n = step > 0 && sum < from ? Long.MAX_VALUE : Math.max(0, sum);
      assertThat(w.accepts(n)).as("nonce %d after %s", n, model.used).isEqualTo(model.accepts(n));
      if (model.accepts(n)) {
        model.use(n);
        w = NonceWindow.decode(w.use(n).encode());
        assertThat(w.highest()).isEqualTo(model.highest);
      }
      base = 0;
    }
    for (long d = -2; d <= WIDTH + 2; d++) {
      long n = model.highest - d;
      if (n >= 0) {
        assertThat(w.accepts(n)).as("nonce %d at the end", n).isEqualTo(model.accepts(n));
      }
    }
  }

  @Provide
  Arbitrary<List<Long>> steps() {
    return Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.longs().between(-WIDTH - 3, 3)),
            Tuple.of(2, Arbitraries.longs().between(1, 70)),
            Tuple.of(1, Arbitraries.longs().between(WIDTH - 70, 3L * WIDTH)))
        .list()
        .ofMaxSize(400);
  }

  @Provide
  Arbitrary<Long> starts() {
    return Arbitraries.oneOf(
        Arbitraries.just(0L),
        Arbitraries.longs().between(1, 3L * WIDTH),
        Arbitraries.just(Long.MAX_VALUE - 5_000));
  }
}

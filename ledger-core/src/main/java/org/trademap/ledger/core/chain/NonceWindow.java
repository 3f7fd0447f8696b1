package org.trademap.ledger.core.chain;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.core.store.StorageException;

/**
 * A signer's anti-replay window (ADR 0027): the highest nonce it used and which of the {@link
 * #WIDTH} − 1 nonces just below it are still free. A nonce is accepted if it is above the highest,
 * or within the window ({@code highest − WIDTH < nonce < highest}) and free; anything else was used
 * or is too old. A signer that never signed has highest 0 and nothing free, so its nonces start at
 * 1.
 *
 * <p>Stored under {@link Keys#nonce} as the highest nonce (8 bytes, big-endian) followed by the
 * bitmap of free nonces, bit {@code d − 1} (least significant bit first) standing for nonce {@code
 * highest − d}, with trailing zero bytes left off. A signer whose nonces never left a gap stores
 * just the 8 bytes of its highest nonce. Immutable.
 */
public final class NonceWindow {

  /** How many nonces the window spans: the highest and the {@code WIDTH − 1} below it. */
  public static final int WIDTH = 4096;

  /** Free-bit slots: offsets 1 to {@code WIDTH − 1}. */
  private static final int BITS = WIDTH - 1;

  private static final int WORDS = (BITS + 63) / 64;
  private static final int MAX_BYTES = 8 + (BITS + 7) / 8;

  /** A signer that never signed. */
  public static final NonceWindow EMPTY = new NonceWindow(0, new long[WORDS]);

  private final long highest;

  /** Bit {@code d − 1} set: nonce {@code highest − d} is free. */
  private final long[] free;

  private NonceWindow(long highest, long[] free) {
    this.highest = highest;
    this.free = free;
  }

  /**
   * The window as stored; {@link #EMPTY} for {@code null}.
   *
   * @throws StorageException if the bytes are not an encoding this class writes
   */
  public static NonceWindow decode(byte @Nullable [] stored) {
    if (stored == null) {
      return EMPTY;
    }
    if (stored.length < 8 || stored.length > MAX_BYTES) {
      throw new StorageException("a stored nonce window has " + stored.length + " bytes");
    }
    if (stored.length > 8 && stored[stored.length - 1] == 0) {
      throw new StorageException("a stored nonce window ends in a zero byte");
    }
    long highest = Keys.getLong(stored, 0);
    if (highest < 0) {
      throw new StorageException("a stored nonce window has a negative highest nonce");
    }
    long[] free = new long[WORDS];
    for (int i = 8; i < stored.length; i++) {
      int bit = (i - 8) * 8;
      free[bit >>> 6] |= (stored[i] & 0xFFL) << (bit & 63);
    }
    int top = bitLength(free);
    // Free offsets run from 1 to WIDTH − 1, and only up to highest − 1: nonces start at 1.
    if (top > BITS || (top > 0 && top >= highest)) {
      throw new StorageException("a stored nonce window marks a nonce outside it as free");
    }
    return new NonceWindow(highest, free);
  }

  /** The highest nonce the signer used; 0 if it never signed. */
  public long highest() {
    return highest;
  }

  /** Whether a transaction with this nonce may take effect. */
  public boolean accepts(long nonce) {
    if (nonce > highest) {
      return true;
    }
    long d = highest - nonce;
    return d >= 1 && d <= BITS && isFree((int) d);
  }

  /**
   * The window after {@code nonce} was used.
   *
   * @throws IllegalArgumentException if the window does not accept it
   */
  public NonceWindow use(long nonce) {
    if (!accepts(nonce)) {
      throw new IllegalArgumentException("nonce " + nonce + " is not free in " + this);
    }
    if (nonce <= highest) {
      long[] next = free.clone();
      int bit = (int) (highest - nonce) - 1;
      next[bit >>> 6] &= ~(1L << (bit & 63));
      return new NonceWindow(highest, next);
    }
    long delta = nonce - highest;
    long[] next = new long[WORDS];
    if (delta <= BITS) {
      // The old free offsets move up by delta; the old highest (offset delta) is used.
      shiftUp(free, next, (int) delta);
    }
    // The nonces skipped between the old highest and this one (offsets 1 to delta − 1) are free.
    setLowBits(next, (int) Math.min(delta - 1, BITS));
    return new NonceWindow(nonce, next);
  }

  /** The stored form: see the class comment. */
  public byte[] encode() {
    int bytes = (bitLength(free) + 7) / 8;
    byte[] out = new byte[8 + bytes];
    Keys.putLong(out, 0, highest);
    for (int i = 0; i < bytes; i++) {
      int bit = i * 8;
      out[8 + i] = (byte) (free[bit >>> 6] >>> (bit & 63));
    }
    return out;
  }

  private boolean isFree(int offset) {
    int bit = offset - 1;
    return (free[bit >>> 6] & (1L << (bit & 63))) != 0;
  }

  /** One more than the index of the highest set bit; 0 if none is set. */
  private static int bitLength(long[] bits) {
    for (int w = bits.length - 1; w >= 0; w--) {
      if (bits[w] != 0) {
        return w * 64 + 64 - Long.numberOfLeadingZeros(bits[w]);
      }
    }
    return 0;
  }

  /** {@code to = from << shift}, cut to {@link #BITS} bits; {@code 0 < shift <= BITS}. */
  private static void shiftUp(long[] from, long[] to, int shift) {
    int words = shift >>> 6;
    int bits = shift & 63;
    for (int i = WORDS - 1; i >= words; i--) {
      long v = from[i - words] << bits;
      if (bits != 0 && i - words - 1 >= 0) {
        v |= from[i - words - 1] >>> (64 - bits);
      }
      to[i] = v;
    }
    clearAbove(to);
  }

  /** Sets bits 0 to {@code n − 1}. */
  private static void setLowBits(long[] bits, int n) {
    int full = n >>> 6;
    Arrays.fill(bits, 0, full, -1L);
    if ((n & 63) != 0) {
      bits[full] |= (1L << (n & 63)) - 1;
    }
  }

  private static void clearAbove(long[] bits) {
    int rest = BITS & 63;
    if (rest != 0) {
      bits[WORDS - 1] &= (1L << rest) - 1;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NonceWindow w && w.highest == highest && Arrays.equals(w.free, free);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(highest) * 31 + Arrays.hashCode(free);
  }

  @Override
  public String toString() {
    return "NonceWindow[highest " + highest + ", " + freeCount() + " free below]";
  }

  private int freeCount() {
    int n = 0;
    for (long w : free) {
      n += Long.bitCount(w);
    }
    return n;
  }
}

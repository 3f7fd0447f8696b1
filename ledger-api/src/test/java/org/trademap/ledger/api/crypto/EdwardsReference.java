package org.trademap.ledger.api.crypto;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A slow, obviously-written edwards25519 in affine coordinates with {@link BigInteger}, used only
 * to check that the test's points are what the tests claim (on the curve, of small order, of mixed
 * order). Curve: -x² + y² = 1 + d·x²·y² over GF(2²⁵⁵ - 19).
 */
final class EdwardsReference {
  static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  /** The prime order of the base point's subgroup. */
  static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  static final BigInteger D =
      BigInteger.valueOf(-121665).multiply(inverse(BigInteger.valueOf(121666))).mod(P);

  private static final BigInteger SQRT_MINUS_ONE =
      BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

  static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE);

  private EdwardsReference() {}

  record Point(BigInteger x, BigInteger y) {
    Point plus(Point o) {
      BigInteger xx = x.multiply(o.x);
      BigInteger yy = y.multiply(o.y);
      BigInteger dxy = D.multiply(xx).multiply(yy).mod(P);
      BigInteger x3 =
          x.multiply(o.y).add(o.x.multiply(y)).multiply(inverse(BigInteger.ONE.add(dxy)));
      BigInteger y3 = yy.add(xx).multiply(inverse(BigInteger.ONE.subtract(dxy)));
      return new Point(x3.mod(P), y3.mod(P));
    }

    Point times(BigInteger k) {
      Point result = IDENTITY;
      Point addend = this;
      for (int i = 0; i < k.bitLength(); i++) {
        if (k.testBit(i)) {
          result = result.plus(addend);
        }
        addend = addend.plus(addend);
      }
      return result;
    }

    boolean isIdentity() {
      return equals(IDENTITY);
    }

    /** RFC 8032 §5.1.2: y little-endian, the low bit of x in the top bit. */
    byte[] encode() {
      BigInteger v = x.testBit(0) ? y.setBit(255) : y;
      return littleEndian(v);
    }
  }

  /** RFC 8032 §5.1.3 decoding, empty for encodings that are not canonical curve points. */
  static Optional<Point> decode(byte[] encoding) {
    BigInteger v = fromLittleEndian(encoding);
    boolean sign = v.testBit(255);
    BigInteger y = v.clearBit(255);
    if (y.compareTo(P) >= 0) {
      return Optional.empty();
    }
    BigInteger y2 = y.multiply(y).mod(P);
    BigInteger x2 =
        y2.subtract(BigInteger.ONE).multiply(inverse(D.multiply(y2).add(BigInteger.ONE))).mod(P);
    if (x2.signum() == 0) {
      return sign ? Optional.empty() : Optional.of(new Point(BigInteger.ZERO, y));
    }
    BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
    if (!x.multiply(x).mod(P).equals(x2)) {
      x = x.multiply(SQRT_MINUS_ONE).mod(P);
    }
    if (!x.multiply(x).mod(P).equals(x2)) {
      return Optional.empty();
    }
    if (x.testBit(0) != sign) {
      x = P.subtract(x);
    }
    return Optional.of(new Point(x, y));
  }

  static byte[] littleEndian(BigInteger v) {
    if (v.signum() < 0 || v.bitLength() > 256) {
      throw new IllegalArgumentException("does not fit in 32 bytes: " + v);
    }
    byte[] out = new byte[32];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.shiftRight(8 * i).byteValue();
    }
    return out;
  }

  static BigInteger fromLittleEndian(byte[] bytes) {
    byte[] big = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      big[i] = bytes[bytes.length - 1 - i];
    }
    return new BigInteger(1, big);
  }

  private static BigInteger inverse(BigInteger v) {
    return v.mod(P).modInverse(P);
  }
}

package org.trademap.contracts.kyc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Test data shared by the registry's tests: commitments, ASCII fields and number fields. */
final class KycTestData {
  private KycTestData() {}

  /** A commitment whose 32 bytes all equal {@code fill}. */
  static Commitment commitment(int fill) {
    byte[] b = new byte[Commitment.SIZE];
    Arrays.fill(b, (byte) fill);
    return new Commitment(b);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** An 8-byte big-endian number field, written independently of the production code. */
  static byte[] longBytes(long v) {
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (v >>> (56 - 8 * i));
    }
    return out;
  }
}

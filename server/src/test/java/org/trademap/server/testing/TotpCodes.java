package org.trademap.server.testing;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An authenticator app for tests: RFC 6238 codes (HMAC-SHA1, 6 digits, 30-second steps) computed
 * here, independently of the server's {@code TotpService}, from the base32 key the page shows.
 */
public final class TotpCodes {
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private TotpCodes() {}

  /** The code for the step that contains {@code at}, shifted by {@code steps} steps. */
  public static String code(String base32Key, Instant at, int steps) {
    long step = Math.floorDiv(at.getEpochSecond(), 30) + steps;
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(decode(base32Key), "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
      return String.format("%06d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] decode(String base32) {
    ByteBuffer out = ByteBuffer.allocate(base32.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < base32.length(); i++) {
      buffer = (buffer << 5) | BASE32.indexOf(base32.charAt(i));
      bits += 5;
      if (bits >= 8) {
        out.put((byte) (buffer >>> (bits - 8)));
        bits -= 8;
      }
    }
    return java.util.Arrays.copyOf(out.array(), out.position());
  }
}

package org.trademap.server.identity;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * RFC 4648 base32 without padding, the encoding authenticator apps expect for secrets (and the KYC
 * key's readable form).
 */
public final class Base32 {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Base32() {}

  /** The bytes in base32, upper case, without padding. */
  public static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 0x1f));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1f));
    }
    return out.toString();
  }

  /**
   * Decodes base32, ignoring case and trailing padding.
   *
   * @throws IllegalArgumentException on any other character or an impossible length
   */
  public static byte[] decode(String text) {
    String digits = text.toUpperCase(Locale.ROOT).replaceFirst("=+$", "");
    int rest = digits.length() % 8;
    if (rest == 1 || rest == 3 || rest == 6) {
      throw new IllegalArgumentException("not a base32 length");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(digits.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < digits.length(); i++) {
      int value = ALPHABET.indexOf(digits.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException("not a base32 character at " + i);
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >>> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    if ((buffer & ((1 << bits) - 1)) != 0) {
      throw new IllegalArgumentException("non-zero trailing bits in base32");
    }
    return out.toByteArray();
  }
}

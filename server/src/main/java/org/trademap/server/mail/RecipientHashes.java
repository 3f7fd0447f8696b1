package org.trademap.server.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names a recipient in logs and in the rate limiter without its address: an HMAC-SHA-256 of the
 * lower-cased address under a key made at start-up. A plain hash of an address would be reversed by
 * hashing a list of addresses; the keyed one only lets the lines of one run be matched up.
 */
final class RecipientHashes {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int HEX_CHARS = 16;

  private final SecretKeySpec key;

  RecipientHashes(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    this.key = new SecretKeySpec(bytes, ALGORITHM);
  }

  /** 16 hex characters standing for the address (case-insensitively) for this run. */
  String of(String address) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] digest =
          mac.doFinal(address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HEX_CHARS);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}

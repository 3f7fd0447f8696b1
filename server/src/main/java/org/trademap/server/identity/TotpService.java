package org.trademap.server.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238, on HOTP of RFC 4226) for the optional second factor:
 * 30-second steps from the Unix epoch, codes accepted one step early or late to allow for clock
 * drift, and each step usable once.
 *
 * <p>Replay protection needs the caller's help, and the API makes it explicit: {@link
 * #verify(TotpSecret, String, long)} takes the last step the account used and accepts only later
 * steps; {@link TotpCheck.Accepted#step()} is what the caller stores next.
 */
public final class TotpService {
  /** The step length in seconds (RFC 6238's default, the only one all apps support). */
  public static final int PERIOD_SECONDS = 30;

  /** The {@code lastUsedStep} of an authenticator that has never been used. */
  public static final long NO_STEP_USED = -1;

  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  private final IdentityProperties.Totp settings;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** A service that enrols with the given settings and reads time from the clock. */
  public TotpService(IdentityProperties.Totp settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** A new random secret (160 bits for SHA-1, 256 for SHA-256) with the configured parameters. */
  public TotpSecret newSecret() {
    byte[] key = new byte[settings.algorithm().keyBytes()];
    random.nextBytes(key);
    return new TotpSecret(Base32.encode(key), settings.algorithm(), settings.digits());
  }

  /**
   * The {@code otpauth://totp/…} URI that authenticator apps read (usually from a QR code).
   *
   * @param accountName what the app shows under the issuer, usually the email address
   */
  public String provisioningUri(TotpSecret secret, String accountName) {
    String issuer = settings.issuer();
    return "otpauth://totp/"
        + encode(issuer)
        + ":"
        + encode(accountName)
        + "?secret="
        + secret.base32()
        + "&issuer="
        + encode(issuer)
        + "&algorithm="
        + secret.algorithm().name()
        + "&digits="
        + secret.digits()
        + "&period="
        + PERIOD_SECONDS;
  }

  /**
   * Checks a code typed by the person against the current time step and its two neighbours.
   *
   * @param code the digits, spaces allowed (apps show "123 456")
   * @param lastUsedStep the step of the last accepted code, or {@link #NO_STEP_USED}
   */
  public TotpCheck verify(TotpSecret secret, String code, long lastUsedStep) {
    String digits = code.replace(" ", "");
    if (digits.length() != secret.digits() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return new TotpCheck.Wrong();
    }
    byte[] presented = digits.getBytes(StandardCharsets.US_ASCII);
    byte[] key = secret.key();
    long now = step(clock.instant());
    long accepted = -1;
    boolean replayed = false;
    // All three candidates are computed and compared, so the time taken does not say which matched.
    for (long step = now - 1; step <= now + 1; step++) {
      if (step < 0) {
        continue;
      }
      byte[] expected =
          format(hotp(key, step, secret.algorithm()), secret.digits())
              .getBytes(StandardCharsets.US_ASCII);
      if (MessageDigest.isEqual(expected, presented)) {
        if (step > lastUsedStep) {
          accepted = accepted < 0 ? step : accepted;
        } else {
          replayed = true;
        }
      }
    }
    if (accepted >= 0) {
      return new TotpCheck.Accepted(accepted);
    }
    return replayed ? new TotpCheck.Replayed() : new TotpCheck.Wrong();
  }

  /** The time step of an instant: whole periods since the Unix epoch. */
  public static long step(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), PERIOD_SECONDS);
  }

  /**
   * The code for a step, as an authenticator app shows it (the demo seeding enrols its staff with
   * it, as a person would with an app).
   */
  public static String code(TotpSecret secret, long step) {
    return format(hotp(secret.key(), step, secret.algorithm()), secret.digits());
  }

  /**
   * HOTP (RFC 4226 §5.3): the HMAC of the 8-byte big-endian counter, dynamically truncated to a
   * 31-bit number.
   */
  static int hotp(byte[] key, long counter, TotpAlgorithm algorithm) {
    byte[] message = new byte[8];
    for (int i = 7; i >= 0; i--) {
      message[i] = (byte) (counter >>> (8 * (7 - i)));
    }
    byte[] mac;
    try {
      Mac hmac = Mac.getInstance(algorithm.jcaName());
      hmac.init(new SecretKeySpec(key, algorithm.jcaName()));
      mac = hmac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has " + algorithm.jcaName(), e);
    }
    int offset = mac[mac.length - 1] & 0x0f;
    return ((mac[offset] & 0x7f) << 24)
        | ((mac[offset + 1] & 0xff) << 16)
        | ((mac[offset + 2] & 0xff) << 8)
        | (mac[offset + 3] & 0xff);
  }

  static String format(int truncated, int digits) {
    String code = Integer.toString(truncated % POWERS_OF_TEN[digits]);
    return "0".repeat(digits - code.length()) + code;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

package org.trademap.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpServiceTest {
  /** The RFC 6238 Appendix B seeds: 20 ASCII bytes for SHA-1, 32 for SHA-256. */
  private static final TotpSecret RFC_SHA1_8 =
      secret("12345678901234567890", TotpAlgorithm.SHA1, 8);

  private static final TotpSecret RFC_SHA256_8 =
      secret("12345678901234567890123456789012", TotpAlgorithm.SHA256, 8);
  private static final TotpSecret RFC_SHA1_6 =
      secret("12345678901234567890", TotpAlgorithm.SHA1, 6);

  private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_111_111_111));
  private final TotpService totp = new TotpService(IdentityProperties.Totp.defaults(), clock);

  private static TotpSecret secret(String ascii, TotpAlgorithm algorithm, int digits) {
    return new TotpSecret(
        Base32.encode(ascii.getBytes(StandardCharsets.US_ASCII)), algorithm, digits);
  }

  @ParameterizedTest
  @CsvSource({
    "59, 94287082",
    "1111111109, 07081804",
    "1111111111, 14050471",
    "1234567890, 89005924",
    "2000000000, 69279037",
    "20000000000, 65353130"
  })
  void matchesTheRfc6238Sha1TestVectors(long unixTime, String code) {
    clock.set(Instant.ofEpochSecond(unixTime));

    assertThat(TotpService.code(RFC_SHA1_8, TotpService.step(clock.instant()))).isEqualTo(code);
    assertThat(totp.verify(RFC_SHA1_8, code, TotpService.NO_STEP_USED))
        .isEqualTo(new TotpCheck.Accepted(unixTime / 30));
  }

  @ParameterizedTest
  @CsvSource({
    "59, 46119246",
    "1111111109, 68084774",
    "1111111111, 67062674",
    "1234567890, 91819424",
    "2000000000, 90698825",
    "20000000000, 77737706"
  })
  void matchesTheRfc6238Sha256TestVectors(long unixTime, String code) {
    clock.set(Instant.ofEpochSecond(unixTime));

    assertThat(totp.verify(RFC_SHA256_8, code, TotpService.NO_STEP_USED))
        .isEqualTo(new TotpCheck.Accepted(unixTime / 30));
  }

  @ParameterizedTest
  @CsvSource({
    "59, 287082",
    "1111111109, 081804",
    "1111111111, 050471",
    "1234567890, 005924",
    "2000000000, 279037",
    "20000000000, 353130"
  })
  void truncatesToSixDigitsKeepingLeadingZeros(long unixTime, String code) {
    clock.set(Instant.ofEpochSecond(unixTime));

    assertThat(totp.verify(RFC_SHA1_6, code, TotpService.NO_STEP_USED))
        .isEqualTo(new TotpCheck.Accepted(unixTime / 30));
  }

  /** RFC 4226 Appendix D: HOTP of the same seed for counters 0 to 9. */
  @Test
  void matchesTheRfc4226HotpTestVectors() {
    String[] expected = {
      "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
      "520489"
    };
    for (int counter = 0; counter < expected.length; counter++) {
      assertThat(TotpService.code(RFC_SHA1_6, counter)).isEqualTo(expected[counter]);
    }
  }

  @Test
  void acceptsTheCodeOfTheStepBeforeAndTheStepAfter() {
    long now = TotpService.step(clock.instant());

    assertThat(totp.verify(RFC_SHA1_6, TotpService.code(RFC_SHA1_6, now - 1), -1))
        .isEqualTo(new TotpCheck.Accepted(now - 1));
    assertThat(totp.verify(RFC_SHA1_6, TotpService.code(RFC_SHA1_6, now + 1), -1))
        .isEqualTo(new TotpCheck.Accepted(now + 1));
  }

  @Test
  void refusesCodesTwoStepsAway() {
    long now = TotpService.step(clock.instant());

    assertThat(totp.verify(RFC_SHA1_6, TotpService.code(RFC_SHA1_6, now - 2), -1))
        .isEqualTo(new TotpCheck.Wrong());
    assertThat(totp.verify(RFC_SHA1_6, TotpService.code(RFC_SHA1_6, now + 2), -1))
        .isEqualTo(new TotpCheck.Wrong());
  }

  @Test
  void theWindowMovesAtTheStepBoundary() {
    clock.set(Instant.ofEpochSecond(30 * 1_000L));
    String previous = TotpService.code(RFC_SHA1_6, 999);
    String beforeThat = TotpService.code(RFC_SHA1_6, 998);

    assertThat(totp.verify(RFC_SHA1_6, previous, -1)).isEqualTo(new TotpCheck.Accepted(999));
    assertThat(totp.verify(RFC_SHA1_6, beforeThat, -1)).isEqualTo(new TotpCheck.Wrong());

    clock.set(Instant.ofEpochSecond(30 * 1_000L - 1));
    assertThat(totp.verify(RFC_SHA1_6, beforeThat, -1)).isEqualTo(new TotpCheck.Accepted(998));
  }

  @Test
  void aCodeAcceptedOnceIsAReplayTheSecondTime() {
    String code = TotpService.code(RFC_SHA1_6, TotpService.step(clock.instant()));
    TotpCheck first = totp.verify(RFC_SHA1_6, code, TotpService.NO_STEP_USED);
    long lastUsed = ((TotpCheck.Accepted) first).step();

    assertThat(totp.verify(RFC_SHA1_6, code, lastUsed)).isEqualTo(new TotpCheck.Replayed());
  }

  @Test
  void anEarlierCodeAfterALaterOneIsAReplay() {
    long now = TotpService.step(clock.instant());

    assertThat(totp.verify(RFC_SHA1_6, TotpService.code(RFC_SHA1_6, now - 1), now))
        .isEqualTo(new TotpCheck.Replayed());
    assertThat(totp.verify(RFC_SHA1_6, TotpService.code(RFC_SHA1_6, now + 1), now))
        .isEqualTo(new TotpCheck.Accepted(now + 1));
  }

  @Test
  void aUsedCodeStaysRefusedWhileStillInsideTheWindow() {
    long now = TotpService.step(clock.instant());
    String code = TotpService.code(RFC_SHA1_6, now);
    clock.advance(Duration.ofSeconds(30));

    // Still inside the window, but the step was used.
    assertThat(totp.verify(RFC_SHA1_6, code, now)).isEqualTo(new TotpCheck.Replayed());
  }

  @Test
  void refusesMalformedCodes() {
    String code = TotpService.code(RFC_SHA1_6, TotpService.step(clock.instant()));

    for (String malformed :
        new String[] {"", "12345", "1234567", "12345a", code + "0", "٠١٢٣٤٥", "-12345"}) {
      assertThat(totp.verify(RFC_SHA1_6, malformed, -1)).isEqualTo(new TotpCheck.Wrong());
    }
  }

  @Test
  void acceptsCodesTypedWithASpace() {
    long now = TotpService.step(clock.instant());
    String code = TotpService.code(RFC_SHA1_6, now);

    assertThat(totp.verify(RFC_SHA1_6, code.substring(0, 3) + " " + code.substring(3), -1))
        .isEqualTo(new TotpCheck.Accepted(now));
  }

  @Test
  void aNewSecretHas160RandomBitsInBase32() {
    TotpSecret secret = totp.newSecret();

    assertThat(secret.base32()).matches("[A-Z2-7]{32}");
    assertThat(secret.key()).hasSize(20);
    assertThat(secret.algorithm()).isEqualTo(TotpAlgorithm.SHA1);
    assertThat(secret.digits()).isEqualTo(6);
    assertThat(totp.newSecret()).isNotEqualTo(secret);
  }

  @Test
  void aNewSha256SecretHas256Bits() {
    TotpService sha256 =
        new TotpService(new IdentityProperties.Totp("TradeMap", TotpAlgorithm.SHA256, 8), clock);

    TotpSecret secret = sha256.newSecret();

    assertThat(secret.key()).hasSize(32);
    assertThat(secret.digits()).isEqualTo(8);
  }

  @Test
  void aNewSecretVerifiesItsOwnCodes() {
    TotpSecret secret = totp.newSecret();
    long now = TotpService.step(clock.instant());

    assertThat(totp.verify(secret, TotpService.code(secret, now), -1))
        .isEqualTo(new TotpCheck.Accepted(now));
  }

  @Test
  void theProvisioningUriIsWhatAuthenticatorAppsRead() {
    TotpSecret secret = new TotpSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", TotpAlgorithm.SHA1, 6);

    assertThat(totp.provisioningUri(secret, "anna lena@example.org"))
        .isEqualTo(
            "otpauth://totp/TradeMap:anna%20lena%40example.org"
                + "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=TradeMap"
                + "&algorithm=SHA1&digits=6&period=30");
  }

  @Test
  void theSecretIsNeverPrinted() {
    TotpSecret secret = totp.newSecret();

    assertThat(secret.toString()).doesNotContain(secret.base32());
  }

  @Test
  void refusesSecretsShorterThan128Bits() {
    assertThatThrownBy(() -> new TotpSecret(Base32.encode(new byte[15]), TotpAlgorithm.SHA1, 6))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anIssuerWithAColonIsRefusedByTheConfiguration() {
    assertThatThrownBy(() -> new IdentityProperties.Totp("Trade:Map", TotpAlgorithm.SHA1, 6))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

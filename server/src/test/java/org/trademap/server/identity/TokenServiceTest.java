package org.trademap.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokenServiceTest {
  private final MutableClock clock = new MutableClock();
  private final TokenService tokens = new TokenService(IdentityProperties.Tokens.defaults(), clock);

  @Test
  void aTokenIs256RandomBitsInUrlSafeBase64() {
    String raw = tokens.issue(TokenPurpose.EMAIL_VERIFICATION).rawToken();

    assertThat(raw).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(raw)).hasSize(32);
  }

  @Test
  void everyTokenIsNew() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      seen.add(tokens.issue(TokenPurpose.PASSWORD_RESET).rawToken());
    }

    assertThat(seen).hasSize(1_000);
  }

  @Test
  void onlyAHashOfTheTokenIsStored() {
    IssuedToken issued = tokens.issue(TokenPurpose.EMAIL_VERIFICATION);

    assertThat(issued.stored().hash())
        .matches("[0-9a-f]{64}")
        .isEqualTo(tokens.hashOf(TokenPurpose.EMAIL_VERIFICATION, issued.rawToken()));
    assertThat(issued.stored().toString()).doesNotContain(issued.rawToken());
    assertThat(issued.toString()).doesNotContain(issued.rawToken());
  }

  @Test
  void aFreshTokenIsValidForItsPurpose() {
    IssuedToken issued = tokens.issue(TokenPurpose.EMAIL_VERIFICATION);

    assertThat(tokens.check(issued.stored(), issued.rawToken(), TokenPurpose.EMAIL_VERIFICATION))
        .isEqualTo(new TokenCheck.Valid());
  }

  @Test
  void anActivationTokenIsNeverAResetToken() {
    IssuedToken activation = tokens.issue(TokenPurpose.EMAIL_VERIFICATION);

    // Looked up under the reset purpose, it is not found at all ...
    assertThat(tokens.hashOf(TokenPurpose.PASSWORD_RESET, activation.rawToken()))
        .isNotEqualTo(activation.stored().hash());
    // ... and checked against its own record, it is the wrong kind.
    assertThat(
            tokens.check(activation.stored(), activation.rawToken(), TokenPurpose.PASSWORD_RESET))
        .isEqualTo(new TokenCheck.WrongPurpose());
  }

  @Test
  void aResetTokenIsNeverAnActivationToken() {
    IssuedToken reset = tokens.issue(TokenPurpose.PASSWORD_RESET);

    assertThat(tokens.hashOf(TokenPurpose.EMAIL_VERIFICATION, reset.rawToken()))
        .isNotEqualTo(reset.stored().hash());
    assertThat(tokens.check(reset.stored(), reset.rawToken(), TokenPurpose.EMAIL_VERIFICATION))
        .isEqualTo(new TokenCheck.WrongPurpose());
  }

  @Test
  void aVerificationLinkIsValidUntilJustBefore24Hours() {
    IssuedToken issued = tokens.issue(TokenPurpose.EMAIL_VERIFICATION);

    clock.advance(Duration.ofHours(24).minusNanos(1));
    assertThat(tokens.check(issued.stored(), issued.rawToken(), TokenPurpose.EMAIL_VERIFICATION))
        .isEqualTo(new TokenCheck.Valid());

    clock.advance(Duration.ofNanos(1));
    assertThat(tokens.check(issued.stored(), issued.rawToken(), TokenPurpose.EMAIL_VERIFICATION))
        .isEqualTo(new TokenCheck.Expired());
  }

  @Test
  void aResetLinkExpiresAfter30Minutes() {
    IssuedToken issued = tokens.issue(TokenPurpose.PASSWORD_RESET);

    clock.advance(Duration.ofMinutes(30).minusSeconds(1));
    assertThat(tokens.check(issued.stored(), issued.rawToken(), TokenPurpose.PASSWORD_RESET))
        .isEqualTo(new TokenCheck.Valid());

    clock.advance(Duration.ofSeconds(1));
    assertThat(tokens.check(issued.stored(), issued.rawToken(), TokenPurpose.PASSWORD_RESET))
        .isEqualTo(new TokenCheck.Expired());
  }

  @ParameterizedTest
  @EnumSource(TokenPurpose.class)
  void eachPurposeExpiresAfterItsConfiguredLifetime(TokenPurpose purpose) {
    IdentityProperties.Tokens lifetimes =
        new IdentityProperties.Tokens(
            Duration.ofHours(2),
            Duration.ofMinutes(10),
            Duration.ofMinutes(20),
            Duration.ofDays(3));
    TokenService service = new TokenService(lifetimes, clock);

    StoredToken stored = service.issue(purpose).stored();

    assertThat(Duration.between(stored.issuedAt(), stored.expiresAt()))
        .isEqualTo(lifetimes.ttl(purpose));
    assertThat(stored.issuedAt()).isEqualTo(clock.instant());
  }

  @Test
  void aUsedTokenCannotBeUsedAgain() {
    IssuedToken issued = tokens.issue(TokenPurpose.PASSWORD_RESET);
    StoredToken used = issued.stored().usedAt(clock.instant());

    assertThat(tokens.check(used, issued.rawToken(), TokenPurpose.PASSWORD_RESET))
        .isEqualTo(new TokenCheck.Used());
  }

  @Test
  void aTokenWithNoStoredRecordIsUnknown() {
    IssuedToken issued = tokens.issue(TokenPurpose.PASSWORD_RESET);

    assertThat(tokens.check(null, issued.rawToken(), TokenPurpose.PASSWORD_RESET))
        .isEqualTo(new TokenCheck.Unknown());
  }

  @Test
  void anotherTokenAgainstAStoredRecordIsUnknown() {
    IssuedToken issued = tokens.issue(TokenPurpose.PASSWORD_RESET);
    String other = tokens.issue(TokenPurpose.PASSWORD_RESET).rawToken();

    assertThat(tokens.check(issued.stored(), other, TokenPurpose.PASSWORD_RESET))
        .isEqualTo(new TokenCheck.Unknown());
  }

  @Test
  void aMalformedTokenIsUnknown() {
    IssuedToken issued = tokens.issue(TokenPurpose.PASSWORD_RESET);
    String raw = issued.rawToken();

    for (String malformed :
        new String[] {"", raw + "=", raw.substring(1), raw + "A", "' or 1=1 --"}) {
      assertThat(tokens.check(issued.stored(), malformed, TokenPurpose.PASSWORD_RESET))
          .isEqualTo(new TokenCheck.Unknown());
    }
  }

  @Test
  void lifetimesOutsideOneMinuteTo30DaysAreRefusedByTheConfiguration() {
    assertThatThrownBy(
            () ->
                new IdentityProperties.Tokens(
                    Duration.ofHours(24), Duration.ZERO, Duration.ofHours(1), Duration.ofDays(7)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new IdentityProperties.Tokens(
                    Duration.ofDays(31),
                    Duration.ofMinutes(30),
                    Duration.ofHours(1),
                    Duration.ofDays(7)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aStoredTokenMustExpireAfterItWasIssued() {
    assertThatThrownBy(
            () ->
                new StoredToken(
                    TokenPurpose.PASSWORD_RESET,
                    "0".repeat(64),
                    clock.instant(),
                    clock.instant(),
                    null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

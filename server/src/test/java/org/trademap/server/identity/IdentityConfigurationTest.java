package org.trademap.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class IdentityConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(WithProperties.class, IdentityConfiguration.class);

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(IdentityProperties.class)
  static class WithProperties {}

  @Test
  void bindsTheDocumentedDefaults() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(IdentityProperties.class))
              .isEqualTo(IdentityProperties.defaults());
          assertThat(context)
              .hasSingleBean(PasswordPolicy.class)
              .hasSingleBean(PasswordHasher.class)
              .hasSingleBean(TokenService.class)
              .hasSingleBean(TotpService.class)
              .hasSingleBean(LoginThrottle.class);
        });
  }

  @Test
  void bindsChangedSettings() {
    runner
        .withPropertyValues(
            "trademap.identity.password.min-length=16",
            "trademap.identity.password.context-words=trademap,kyc-portal",
            "trademap.identity.hashing.iterations=3",
            "trademap.identity.tokens.password-reset=15m",
            "trademap.identity.totp.algorithm=SHA256",
            "trademap.identity.throttle.pair-lock-after=5")
        .run(
            context -> {
              IdentityProperties properties = context.getBean(IdentityProperties.class);
              assertThat(properties.password().minLength()).isEqualTo(16);
              assertThat(properties.password().contextWords())
                  .containsExactly("trademap", "kyc-portal");
              assertThat(properties.hashing().iterations()).isEqualTo(3);
              assertThat(properties.tokens().passwordReset()).isEqualTo(Duration.ofMinutes(15));
              assertThat(properties.totp().algorithm()).isEqualTo(TotpAlgorithm.SHA256);
              assertThat(properties.throttle().pairLockAfter()).isEqualTo(5);
              assertThat(context.getBean(PasswordPolicy.class).minLength()).isEqualTo(16);
            });
  }

  @Test
  void refusesToStartWithAMinimumLengthBelowEight() {
    runner
        .withPropertyValues("trademap.identity.password.min-length=6")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("password.min-length must be at least 8"));
  }

  @Test
  void refusesToStartWithAWeakArgon2Cost() {
    runner
        .withPropertyValues("trademap.identity.hashing.memory-kib=1024")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("OWASP's weakest Argon2id configuration"));
  }

  @Test
  void readsTimeFromTheApplicationsClock() {
    Instant fixed = Instant.parse("2031-01-02T03:04:05Z");
    runner
        .withBean(Clock.class, () -> Clock.fixed(fixed, ZoneOffset.UTC))
        .run(
            context ->
                assertThat(
                        context
                            .getBean(TokenService.class)
                            .issue(TokenPurpose.EMAIL_VERIFICATION)
                            .stored()
                            .issuedAt())
                    .isEqualTo(fixed));
  }
}

package org.trademap.server.identity;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the identity primitives beans from {@link IdentityProperties}. They read time from the
 * application's {@link Clock} bean if it has one (tests inject a fixed or moving clock), else from
 * the system clock in UTC.
 */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

  @Bean
  PasswordPolicy passwordPolicy(IdentityProperties properties) {
    return new PasswordPolicy(properties.password());
  }

  @Bean
  PasswordHasher passwordHasher(IdentityProperties properties) {
    return new PasswordHasher(properties.hashing());
  }

  @Bean
  TokenService tokenService(IdentityProperties properties, ObjectProvider<Clock> clock) {
    return new TokenService(properties.tokens(), clockOf(clock));
  }

  @Bean
  TotpService totpService(IdentityProperties properties, ObjectProvider<Clock> clock) {
    return new TotpService(properties.totp(), clockOf(clock));
  }

  @Bean
  LoginThrottle loginThrottle(IdentityProperties properties, ObjectProvider<Clock> clock) {
    return new LoginThrottle(properties.throttle(), clockOf(clock));
  }

  private static Clock clockOf(ObjectProvider<Clock> clock) {
    return clock.getIfUnique(Clock::systemUTC);
  }
}

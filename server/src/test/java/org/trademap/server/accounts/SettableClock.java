package org.trademap.server.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A clock that follows the system clock plus an offset the test can move forward. A server test
 * makes it the application's clock with {@code @Import(SettableClock.AsBean.class)}.
 */
public final class SettableClock extends Clock {

  /** Makes a {@link SettableClock} the application's {@link Clock} bean. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class AsBean {
    @Bean
    SettableClock clock() {
      return new SettableClock();
    }
  }

  private volatile Duration offset = Duration.ZERO;

  public void advance(Duration by) {
    offset = offset.plus(by);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }
}

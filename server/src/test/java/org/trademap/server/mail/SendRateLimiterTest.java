package org.trademap.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SendRateLimiterTest {
  private static final Duration WINDOW = Duration.ofMinutes(10);

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-03-01T09:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();

  private SendRateLimiter limiter(int perRecipient, int global) {
    return new SendRateLimiter(clock, new MailProperties.RateLimit(WINDOW, perRecipient, global));
  }

  @Test
  void admitsUpToTheRecipientLimitThenSaysHowLongToWait() {
    SendRateLimiter limiter = limiter(3, 100);

    assertThat(limiter.tryAcquire("ann")).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(limiter.tryAcquire("ann")).isEmpty();
    assertThat(limiter.tryAcquire("ann")).isEmpty();
    clock.advance(Duration.ofMinutes(2));

    assertThat(limiter.tryAcquire("ann")).contains(Duration.ofMinutes(7));
    assertThat(limiter.tryAcquire("bob")).isEmpty();
  }

  @Test
  void refusedAttemptsDoNotCountAndTheWindowSlides() {
    SendRateLimiter limiter = limiter(2, 100);
    limiter.tryAcquire("ann");
    clock.advance(Duration.ofMinutes(5));
    limiter.tryAcquire("ann");
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.tryAcquire("ann")).isPresent();
    }

    clock.advance(Duration.ofMinutes(5));

    assertThat(limiter.tryAcquire("ann")).as("the first send left the window").isEmpty();
    assertThat(limiter.tryAcquire("ann")).contains(Duration.ofMinutes(5));
  }

  @Test
  void aSendExactlyOneWindowOldNoLongerCounts() {
    SendRateLimiter limiter = limiter(1, 100);
    limiter.tryAcquire("ann");

    clock.advance(WINDOW.minusMillis(1));
    assertThat(limiter.tryAcquire("ann")).contains(Duration.ofMillis(1));
    clock.advance(Duration.ofMillis(1));
    assertThat(limiter.tryAcquire("ann")).isEmpty();
  }

  @Test
  void theGlobalLimitStopsSendsToManyDifferentRecipients() {
    SendRateLimiter limiter = limiter(2, 5);
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.tryAcquire("recipient-" + i)).isEmpty();
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(limiter.tryAcquire("someone-new")).contains(WINDOW.minusSeconds(5));

    clock.advance(WINDOW.minusSeconds(5));
    assertThat(limiter.tryAcquire("someone-new")).isEmpty();
    assertThat(limiter.tryAcquire("someone-else")).as("recipient-1 is still inside").isPresent();
  }

  @Test
  void forgetsRecipientsOnceTheirSendsLeaveTheWindow() {
    SendRateLimiter limiter = limiter(1, 1000);
    for (int i = 0; i < 300; i++) {
      limiter.tryAcquire("recipient-" + i);
    }
    assertThat(limiter.rememberedRecipients()).isEqualTo(300);

    clock.advance(WINDOW);

    assertThat(limiter.rememberedRecipients()).isZero();
    assertThat(limiter.tryAcquire("recipient-0")).isEmpty();
  }
}

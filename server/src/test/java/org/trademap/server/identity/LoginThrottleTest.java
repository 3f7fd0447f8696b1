package org.trademap.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private static final String ANNA = "anna@example.org";

  private final MutableClock clock = new MutableClock();
  private final IdentityProperties.Throttle settings =
      new IdentityProperties.Throttle(
          3,
          Duration.ofSeconds(1),
          Duration.ofMinutes(1),
          10,
          Duration.ofMinutes(15),
          30,
          Duration.ofHours(1),
          20,
          Duration.ofHours(1),
          Duration.ofHours(24),
          Duration.ofDays(30),
          1_000);
  private final LoginThrottle throttle = new LoginThrottle(settings, clock);

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static final InetAddress ATTACKER = ip("203.0.113.66");
  private static final InetAddress OWNER = ip("198.51.100.7");

  private void fail(String account, InetAddress source, int times) {
    for (int i = 0; i < times; i++) {
      throttle.recordFailure(account, source);
    }
  }

  @Test
  void theFirstFailuresCostNoDelay() {
    fail(ANNA, ATTACKER, 3);

    assertThat(throttle.check(ANNA, ATTACKER)).isEqualTo(new ThrottleDecision.Allowed());
  }

  @Test
  void eachFurtherFailureDoublesTheDelay() {
    fail(ANNA, ATTACKER, 4);
    assertThat(throttle.check(ANNA, ATTACKER))
        .isEqualTo(new ThrottleDecision.Delayed(Duration.ofSeconds(1)));

    clock.advance(Duration.ofSeconds(1));
    assertThat(throttle.check(ANNA, ATTACKER)).isEqualTo(new ThrottleDecision.Allowed());

    fail(ANNA, ATTACKER, 1);
    assertThat(throttle.check(ANNA, ATTACKER))
        .isEqualTo(new ThrottleDecision.Delayed(Duration.ofSeconds(2)));

    clock.advance(Duration.ofMillis(500));
    assertThat(throttle.check(ANNA, ATTACKER))
        .isEqualTo(new ThrottleDecision.Delayed(Duration.ofMillis(1_500)));

    fail(ANNA, ATTACKER, 1);
    assertThat(throttle.check(ANNA, ATTACKER))
        .isEqualTo(new ThrottleDecision.Delayed(Duration.ofSeconds(4)));
  }

  @Test
  void theDelayStopsGrowingAtTheMaximum() {
    assertThat(throttle.delayAfter(3)).isEqualTo(Duration.ZERO);
    assertThat(throttle.delayAfter(9)).isEqualTo(Duration.ofSeconds(32));
    assertThat(throttle.delayAfter(10)).isEqualTo(Duration.ofMinutes(1));
    assertThat(throttle.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void tenFailuresLockTheSourceOutOfTheAccountFor15Minutes() {
    Instant start = clock.instant();
    fail(ANNA, ATTACKER, 10);

    assertThat(throttle.check(ANNA, ATTACKER))
        .isEqualTo(new ThrottleDecision.Locked(start.plus(Duration.ofMinutes(15))));
  }

  @Test
  void theLockExpiresByItself() {
    fail(ANNA, ATTACKER, 10);

    clock.advance(Duration.ofMinutes(15).minusSeconds(1));
    assertThat(throttle.check(ANNA, ATTACKER)).isInstanceOf(ThrottleDecision.Locked.class);

    clock.advance(Duration.ofSeconds(1));
    assertThat(throttle.check(ANNA, ATTACKER)).isEqualTo(new ThrottleDecision.Allowed());
  }

  @Test
  void aFailureAfterTheLockLocksAgainAtOnce() {
    fail(ANNA, ATTACKER, 10);
    clock.advance(Duration.ofMinutes(15));

    fail(ANNA, ATTACKER, 1);

    assertThat(throttle.check(ANNA, ATTACKER))
        .isEqualTo(new ThrottleDecision.Locked(clock.instant().plus(Duration.ofMinutes(15))));
  }

  @Test
  void aLockedSourceDoesNotLockTheOwnersSource() {
    fail(ANNA, ATTACKER, 10);

    assertThat(throttle.check(ANNA, ATTACKER)).isInstanceOf(ThrottleDecision.Locked.class);
    assertThat(throttle.check(ANNA, OWNER)).isEqualTo(new ThrottleDecision.Allowed());
  }

  @Test
  void oneSourceThatFollowsTheThrottleCanNeverLockTheOwnerOut() {
    // The attacker tries whenever allowed, for two days, and every try fails.
    for (int second = 0; second < 2 * 24 * 3600; second++) {
      if (throttle.check(ANNA, ATTACKER) instanceof ThrottleDecision.Allowed) {
        throttle.recordFailure(ANNA, ATTACKER);
      }
      if (second % 60 == 0) {
        assertThat(throttle.check(ANNA, OWNER)).isEqualTo(new ThrottleDecision.Allowed());
      }
      clock.advance(Duration.ofSeconds(1));
    }
  }

  @Test
  void manySourcesLockTheAccountUntilTheWindowEnds() {
    Instant windowEnd = clock.instant().plus(Duration.ofHours(1));
    for (int i = 1; i <= 3; i++) {
      fail(ANNA, ip("203.0.113." + i), 10);
    }

    assertThat(throttle.check(ANNA, ip("192.0.2.1")))
        .isEqualTo(new ThrottleDecision.Locked(windowEnd));

    clock.set(windowEnd);
    assertThat(throttle.check(ANNA, ip("192.0.2.1"))).isEqualTo(new ThrottleDecision.Allowed());
  }

  @Test
  void theAccountWideLockSparesSourcesWhereTheOwnerCompletedALogin() {
    throttle.recordCompletedLogin(ANNA, OWNER);
    clock.advance(Duration.ofDays(3));
    for (int i = 1; i <= 3; i++) {
      fail(ANNA, ip("203.0.113." + i), 10);
    }

    assertThat(throttle.check(ANNA, ip("192.0.2.1"))).isInstanceOf(ThrottleDecision.Locked.class);
    assertThat(throttle.check(ANNA, OWNER)).isEqualTo(new ThrottleDecision.Allowed());
  }

  @Test
  void theTrustInASourceEnds() {
    throttle.recordCompletedLogin(ANNA, OWNER);
    clock.advance(Duration.ofDays(30));
    for (int i = 1; i <= 3; i++) {
      fail(ANNA, ip("203.0.113." + i), 10);
    }

    assertThat(throttle.check(ANNA, OWNER)).isInstanceOf(ThrottleDecision.Locked.class);
  }

  @Test
  void aCompletedPasswordResetLiftsTheAccountWideLock() {
    for (int i = 1; i <= 3; i++) {
      fail(ANNA, ip("203.0.113." + i), 10);
    }

    throttle.recordPasswordReset(ANNA);

    assertThat(throttle.check(ANNA, OWNER)).isEqualTo(new ThrottleDecision.Allowed());
    assertThat(throttle.check(ANNA, ip("203.0.113.1"))).isInstanceOf(ThrottleDecision.Locked.class);
  }

  @Test
  void aSourceFailingOnManyAccountsIsLockedOutOfAllOfThem() {
    Instant windowEnd = clock.instant().plus(Duration.ofHours(1));
    for (int i = 0; i < 20; i++) {
      fail("user" + i + "@example.org", ATTACKER, 1);
    }

    assertThat(throttle.check(ANNA, ATTACKER)).isEqualTo(new ThrottleDecision.Locked(windowEnd));
    assertThat(throttle.check(ANNA, OWNER)).isEqualTo(new ThrottleDecision.Allowed());

    clock.set(windowEnd);
    assertThat(throttle.check(ANNA, ATTACKER)).isEqualTo(new ThrottleDecision.Allowed());
  }

  @Test
  void aCompletedLoginClearsTheFailures() {
    fail(ANNA, OWNER, 5);
    assertThat(throttle.check(ANNA, OWNER)).isInstanceOf(ThrottleDecision.Delayed.class);

    throttle.recordCompletedLogin(ANNA, OWNER);
    assertThat(throttle.check(ANNA, OWNER)).isEqualTo(new ThrottleDecision.Allowed());

    fail(ANNA, OWNER, 3);
    assertThat(throttle.check(ANNA, OWNER)).isEqualTo(new ThrottleDecision.Allowed());
  }

  @Test
  void failuresAreForgottenADayAfterTheLastOne() {
    fail(ANNA, OWNER, 5);

    clock.advance(Duration.ofHours(24));
    fail(ANNA, OWNER, 3);

    assertThat(throttle.check(ANNA, OWNER)).isEqualTo(new ThrottleDecision.Allowed());
  }

  @Test
  void accountNamesAreComparedIgnoringCase() {
    fail("Anna@Example.ORG ", ATTACKER, 10);

    assertThat(throttle.check(ANNA, ATTACKER)).isInstanceOf(ThrottleDecision.Locked.class);
  }

  @Test
  void ipv6SourcesCountPerSlash64() {
    fail(ANNA, ip("2001:db8:0:0::1"), 10);

    assertThat(throttle.check(ANNA, ip("2001:db8::ffff:ffff")))
        .isInstanceOf(ThrottleDecision.Locked.class);
    assertThat(throttle.check(ANNA, ip("2001:db8:0:1::1")))
        .isEqualTo(new ThrottleDecision.Allowed());
  }

  @Test
  void ipv4MappedAddressesCountAsIpv4() {
    assertThat(LoginThrottle.sourceKey(ip("::ffff:203.0.113.66")))
        .isEqualTo(LoginThrottle.sourceKey(ATTACKER));
  }

  @Test
  void rememberedEntriesAreBounded() {
    LoginThrottle small =
        new LoginThrottle(
            new IdentityProperties.Throttle(
                3,
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                10,
                Duration.ofMinutes(15),
                30,
                Duration.ofHours(1),
                20,
                Duration.ofHours(1),
                Duration.ofHours(24),
                Duration.ofDays(30),
                10),
            clock);

    for (int i = 0; i < 1_000; i++) {
      small.recordFailure("user" + i + "@example.org", ip("10.0." + (i / 250) + "." + (i % 250)));
    }

    assertThat(small.trackedEntries()).isLessThanOrEqualTo(30);
  }

  @Test
  void theAccountThresholdMustExceedTheSourceThreshold() {
    assertThatThrownBy(
            () ->
                new IdentityProperties.Throttle(
                    3,
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(1),
                    10,
                    Duration.ofMinutes(15),
                    10,
                    Duration.ofHours(1),
                    20,
                    Duration.ofHours(1),
                    Duration.ofHours(24),
                    Duration.ofDays(30),
                    1_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("account-lock-after");
  }
}

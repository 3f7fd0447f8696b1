package org.trademap.server.kyc.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
  private static final Instant STARTED = Instant.parse("2020-05-04T09:00:00Z");
  private static final Instant ENDED = Instant.parse("2026-03-01T23:59:59Z");
  private final RetentionPolicy policy = RetentionPolicy.amla();

  @Test
  void allowsErasureWhenNoRelationshipWasEverEstablished() {
    assertThat(policy.decide(null, null, STARTED)).isEqualTo(new ErasureDecision.Allowed());
  }

  @Test
  void refusesWhileTheRelationshipGoesOnWithoutADate() {
    assertThat(policy.decide(STARTED, null, Instant.parse("2099-01-01T00:00:00Z")))
        .isEqualTo(new ErasureDecision.Refused(ErasureDecision.Reason.RELATIONSHIP_ONGOING, null));
  }

  @Test
  void refusesUntilTenYearsAfterTheEndCountedInUtcDays() {
    LocalDate until = LocalDate.of(2036, 3, 1);

    assertThat(policy.decide(STARTED, ENDED, Instant.parse("2036-02-29T23:59:59Z")))
        .isEqualTo(
            new ErasureDecision.Refused(ErasureDecision.Reason.RETENTION_PERIOD_RUNNING, until));
    assertThat(policy.decide(STARTED, ENDED, Instant.parse("2036-03-01T00:00:00Z")))
        .isEqualTo(new ErasureDecision.Allowed());
  }

  @Test
  void aRelationshipEndingOnTheTwentyNinthOfFebruaryIsKeptUntilTheTwentyEighth() {
    Instant leapDay = Instant.parse("2028-02-29T12:00:00Z");

    assertThat(policy.decide(STARTED, leapDay, Instant.parse("2038-02-27T12:00:00Z")))
        .isInstanceOf(ErasureDecision.Refused.class);
    assertThat(policy.decide(STARTED, leapDay, Instant.parse("2038-02-28T00:00:00Z")))
        .isEqualTo(new ErasureDecision.Allowed());
  }

  @Test
  void refusesANegativePeriod() {
    assertThatThrownBy(() -> new RetentionPolicy(Period.ofYears(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property
  void neverAllowsErasureBeforeTheEndPlusTheRetentionPeriod(
      @ForAll @LongRange(min = 0, max = 4_000_000_000L) long endedSeconds,
      @ForAll @LongRange(min = 0, max = 4_000_000_000L) long nowSeconds) {
    Instant ended = Instant.ofEpochSecond(endedSeconds);
    Instant now = Instant.ofEpochSecond(nowSeconds);
    boolean allowed = policy.decide(STARTED, ended, now) instanceof ErasureDecision.Allowed;
    LocalDate firstDay = LocalDate.ofInstant(ended, ZoneOffset.UTC).plusYears(10);

    assertThat(allowed).isEqualTo(!LocalDate.ofInstant(now, ZoneOffset.UTC).isBefore(firstDay));
  }
}

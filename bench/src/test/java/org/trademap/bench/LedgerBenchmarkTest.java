package org.trademap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LedgerBenchmarkTest {

  @Test
  void splitsTheDurationEvenlyOverTheFiveSteps() {
    assertThat(LedgerBenchmark.stepDuration(Duration.ofSeconds(30)))
        .isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void warmsUpForATenthOfTheRunBetweenThreeAndFiveSeconds() {
    assertThat(LedgerBenchmark.warmUp(Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(4));
    assertThat(LedgerBenchmark.warmUp(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(3));
    assertThat(LedgerBenchmark.warmUp(Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void stopsRaisingConcurrencyWhenAStepGainsLessThanFivePercent() {
    assertThat(LedgerBenchmark.keepsRising(1000, 1050)).isTrue();
    assertThat(LedgerBenchmark.keepsRising(1000, 1049)).isFalse();
    assertThat(LedgerBenchmark.keepsRising(1000, 900)).isFalse();
  }

  @Test
  void namesTheDefaultResultFileAfterTheUtcStartTime() {
    assertThat(LedgerBenchmark.defaultOut(Instant.parse("2026-11-23T10:05:09Z")))
        .isEqualTo(Path.of("bench-results", "ledger-20261123T100509Z.json"));
  }

  @Test
  void takesTheNearestRankPercentile() {
    long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(Percentiles.of(sorted, 10, 50)).isEqualTo(5);
    assertThat(Percentiles.of(sorted, 10, 99)).isEqualTo(10);
    assertThat(Percentiles.of(sorted, 4, 50)).isEqualTo(2);
    assertThat(Percentiles.of(sorted, 0, 99)).isZero();
  }
}

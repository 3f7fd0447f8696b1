package org.trademap.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScalingPointTest {

  private static Map<String, Long> cpu(Object... idAndMillis) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < idAndMillis.length; i += 2) {
      m.put((String) idAndMillis[i], ((Integer) idAndMillis[i + 1]) * 1_000_000L);
    }
    return m;
  }

  @Test
  void theBusiestNodesCpuPerTransactionGivesTheProjection() {
    // 1,000 acknowledged in 4 s; the consortium spent 2,000 ms of CPU, a company 500 ms.
    ScalingPoint p =
        ScalingPoint.of(
            "a",
            2,
            4.0,
            1000,
            3,
            1,
            cpu("consortium", 2000, "sec-1", 500, "notary", 1500),
            Map.of(),
            2);

    assertThat(p.measuredTps()).isEqualTo(250.0);
    assertThat(p.cpuMsPerTxByNode())
        .containsExactly(
            Map.entry("consortium", 2.0), Map.entry("sec-1", 0.5), Map.entry("notary", 1.5));
    assertThat(p.busiestNode()).isEqualTo("consortium");
    assertThat(p.cpuMsPerTxPerNode()).isEqualTo(2.0);
    // 2 cores × 1000 ms / 2 ms per transaction
    assertThat(p.projectedTpsAllCpu()).isEqualTo(1000.0);
    // with no idle CPU the projection above idle is the same
    assertThat(p.projectedTps()).isEqualTo(1000.0);
    assertThat(p.limitingNode()).isEqualTo("consortium");
    assertThat(p.nodes()).isEqualTo(3);
    assertThat(p.companies()).isEqualTo(2);
    assertThat(p.acknowledged()).isEqualTo(1000);
    assertThat(p.refused()).isEqualTo(3);
    assertThat(p.errors()).isEqualTo(1);
    assertThat(p.cores()).isEqualTo(2);
  }

  @Test
  void figuresAreRounded() {
    ScalingPoint p =
        ScalingPoint.of("b", 1, 3.0, 7, 0, 0, cpu("a", 10, "b", 20, "c", 0), Map.of("a", 1.0), 4);

    assertThat(p.measuredTps()).isEqualTo(2.3);
    assertThat(p.cpuMsPerTxPerNode()).isEqualTo(2.8571);
    assertThat(p.projectedTpsAllCpu()).isEqualTo(1400.0);
    assertThat(p.projectedTps()).isEqualTo(1400.0);
    // (10 ms − 1 ms/s × 3 s) / 7
    assertThat(p.marginalCpuMsPerTxByNode().get("a")).isEqualTo(1.0);
    assertThat(p.cpuMsPerTxByNode().get("c")).isZero();
  }

  @Test
  void nothingAcknowledgedHasNoProjection() {
    assertThatThrownBy(() -> ScalingPoint.of("a", 4, 3.0, 0, 0, 9, cpu("x", 1), Map.of(), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no transaction was acknowledged at model a, 4 companies");
    assertThatThrownBy(() -> ScalingPoint.of("a", 4, 3.0, 5, 0, 0, Map.of(), Map.of(), 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theProjectionAboveIdleTakesEachNodesIdleRateOffItsCoresAndItsTransactions() {
    // 1,000 acknowledged in 10 s. The consortium spent 3,000 ms, 100 ms/s of it idle: 2,000 ms
    // above idle, 2 ms per transaction, (2,000 − 100) / 2 = 950 tx/s. The notary spent 2,600 ms,
    // 10 ms/s idle: 2.5 ms per transaction, (2,000 − 10) / 2.5 = 796 tx/s: the notary limits.
    ScalingPoint p =
        ScalingPoint.of(
            "a",
            20,
            10.0,
            1000,
            0,
            0,
            cpu("consortium", 3000, "notary", 2600, "sec-1", 50),
            Map.of("consortium", 100.0, "notary", 10.0, "sec-1", 5.0),
            2);

    assertThat(p.marginalCpuMsPerTxByNode())
        .containsExactly(
            Map.entry("consortium", 2.0), Map.entry("notary", 2.5), Map.entry("sec-1", 0.0));
    assertThat(p.idleCpuMsPerSecByNode())
        .containsExactly(
            Map.entry("consortium", 100.0), Map.entry("notary", 10.0), Map.entry("sec-1", 5.0));
    assertThat(p.limitingNode()).isEqualTo("notary");
    assertThat(p.idleCpuMsPerSec()).isEqualTo(10.0);
    assertThat(p.marginalCpuMsPerTx()).isEqualTo(2.5);
    assertThat(p.projectedTps()).isEqualTo(796.0);
    // all CPU: the consortium's 3 ms per transaction, 2,000 / 3
    assertThat(p.busiestNode()).isEqualTo("consortium");
    assertThat(p.projectedTpsAllCpu()).isEqualTo(666.7);
  }

  @Test
  void aNodeTheLoadCostNothingAboveIdleLimitsNothing() {
    // sec-1's CPU in the measured time is below its idle rate × seconds: noise, not a limit
    ScalingPoint p =
        ScalingPoint.of(
            "a",
            1,
            2.0,
            100,
            0,
            0,
            cpu("consortium", 200, "sec-1", 10),
            Map.of("consortium", 50.0, "sec-1", 20.0),
            2);

    assertThat(p.marginalCpuMsPerTxByNode().get("sec-1")).isEqualTo(-0.3);
    assertThat(p.limitingNode()).isEqualTo("consortium");
    // (200 − 100) / 100 = 1 ms per transaction; (2,000 − 50) / 1
    assertThat(p.projectedTps()).isEqualTo(1950.0);

    ScalingPoint none = ScalingPoint.of("a", 1, 2.0, 100, 0, 0, cpu("x", 10), Map.of("x", 20.0), 2);
    assertThat(none.projectedTps()).isZero();
    assertThat(none.limitingNode()).isEmpty();
  }

  @Test
  void idleRatesTakeTheLowerSampleNodeByNode() {
    assertThat(NodeCpu.lower(Map.of("a", 5.0, "b", 7.0), Map.of("a", 6.0, "b", 3.0)))
        .containsEntry("a", 5.0)
        .containsEntry("b", 3.0);
    assertThat(NodeCpu.lower(Map.of("a", 5.0), Map.of())).containsEntry("a", 5.0);
  }

  @Test
  void cpuDifferencesAreTakenNodeByNode() {
    assertThat(NodeCpu.minus(Map.of("a", 50L, "b", 70L), Map.of("a", 20L, "b", 70L)))
        .containsEntry("a", 30L)
        .containsEntry("b", 0L);
  }
}

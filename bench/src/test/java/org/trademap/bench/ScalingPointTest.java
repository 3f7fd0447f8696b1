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
            "a", 2, 4.0, 1000, 3, 1, cpu("consortium", 2000, "sec-1", 500, "notary", 1500), 2);

    assertThat(p.measuredTps()).isEqualTo(250.0);
    assertThat(p.cpuMsPerTxByNode())
        .containsExactly(
            Map.entry("consortium", 2.0), Map.entry("sec-1", 0.5), Map.entry("notary", 1.5));
    assertThat(p.busiestNode()).isEqualTo("consortium");
    assertThat(p.cpuMsPerTxPerNode()).isEqualTo(2.0);
    // 2 cores × 1000 ms / 2 ms per transaction
    assertThat(p.projectedTps()).isEqualTo(1000.0);
    assertThat(p.nodes()).isEqualTo(3);
    assertThat(p.companies()).isEqualTo(2);
    assertThat(p.acknowledged()).isEqualTo(1000);
    assertThat(p.refused()).isEqualTo(3);
    assertThat(p.errors()).isEqualTo(1);
    assertThat(p.cores()).isEqualTo(2);
  }

  @Test
  void figuresAreRounded() {
    ScalingPoint p = ScalingPoint.of("b", 1, 3.0, 7, 0, 0, cpu("a", 10, "b", 20, "c", 0), 4);

    assertThat(p.measuredTps()).isEqualTo(2.3);
    assertThat(p.cpuMsPerTxPerNode()).isEqualTo(2.8571);
    assertThat(p.projectedTps()).isEqualTo(1400.0);
    assertThat(p.cpuMsPerTxByNode().get("c")).isZero();
  }

  @Test
  void nothingAcknowledgedHasNoProjection() {
    assertThatThrownBy(() -> ScalingPoint.of("a", 4, 3.0, 0, 0, 9, cpu("x", 1), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no transaction was acknowledged at model a, 4 companies");
    assertThatThrownBy(() -> ScalingPoint.of("a", 4, 3.0, 5, 0, 0, Map.of(), 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cpuDifferencesAreTakenNodeByNode() {
    assertThat(NodeCpu.minus(Map.of("a", 50L, "b", 70L), Map.of("a", 20L, "b", 70L)))
        .containsEntry("a", 30L)
        .containsEntry("b", 0L);
  }
}

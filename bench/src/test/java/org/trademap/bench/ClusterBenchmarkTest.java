package org.trademap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterBenchmarkTest {

  /** How many of {@code requests} requests each holder index gets. */
  private static Map<Integer, Integer> spread(int requests, int channels, int holders) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = 0; i < requests; i++) {
      counts.merge(ClusterBenchmark.holderFor(i, channels, holders), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void aboutOneRequestPerChannelIsSpreadOverTheChannelsMembersAlike() {
    // model a at 20 companies: 22 requests over 20 channels of 3 members each
    assertThat(spread(22, 20, 3))
        .containsOnlyKeys(0, 1, 2)
        .allSatisfy((h, n) -> assertThat(n).isBetween(7, 8));
  }

  @Test
  void theRequestsOfOneChannelGoToItsMembersInTurn() {
    // model b: one channel, every node in turn
    assertThat(spread(8, 1, 4)).containsExactlyInAnyOrderEntriesOf(Map.of(0, 2, 1, 2, 2, 2, 3, 2));
    for (int c = 0; c < 4; c++) {
      // the two requests of channel c go to two different members
      assertThat(ClusterBenchmark.holderFor(c, 4, 3))
          .isNotEqualTo(ClusterBenchmark.holderFor(c + 4, 4, 3));
    }
  }
}

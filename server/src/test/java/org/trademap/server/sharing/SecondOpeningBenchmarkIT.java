package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench second-opening} on its shortest setting, so the benchmark keeps working: it starts
 * the embedded default with the demo data, approves the demo's submitted person, opens at the first
 * company and measures three second openings. No time is asserted.
 */
class SecondOpeningBenchmarkIT {

  @Test
  void theBenchmarkMeasuresEverySecondOpeningAndPrintsItsReport() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    List<Double> millis =
        SecondOpeningBenchmark.run(3, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(millis).hasSize(3).allMatch(m -> m > 0);
    String report = bytes.toString(StandardCharsets.UTF_8);
    assertThat(report).contains("p50", "p95", "p99", "cores", "Java", "3 openings");
  }

  @Test
  void percentilesAreNearestRank() {
    List<Double> sorted = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
    assertThat(SecondOpeningBenchmark.percentile(sorted, 50)).isEqualTo(5.0);
    assertThat(SecondOpeningBenchmark.percentile(sorted, 95)).isEqualTo(10.0);
    assertThat(SecondOpeningBenchmark.percentile(List.of(7.0), 99)).isEqualTo(7.0);
  }
}

package org.trademap.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.core.config.ConsortiumLayout.Model;

class ScalingOptionsTest {
  @TempDir Path tmp;

  @Test
  void defaultsAndEveryOption() throws Exception {
    ScalingOptions d = ScalingOptions.parse(List.of("--model", "a"));
    assertThat(d.models()).containsExactly(Model.A);
    assertThat(d.companies()).containsExactly(4, 8, 12, 16, 20);
    assertThat(d.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.warmup()).isEqualTo(Duration.ofSeconds(60));
    assertThat(d.idle()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.concurrency()).isEqualTo(ClusterOptions.DEFAULT_CONCURRENCY);
    assertThat(d.out()).isNull();

    ScalingOptions o =
        ScalingOptions.parse(
            List.of(
                "--model=b,a",
                "--companies",
                "2,1",
                "--duration",
                "3s",
                "--warmup=0s",
                "--idle",
                "2s",
                "--concurrency",
                "8",
                "--out",
                "r"));
    assertThat(o.models()).containsExactly(Model.B, Model.A);
    assertThat(o.companies()).containsExactly(1, 2);
    assertThat(o.duration()).isEqualTo(Duration.ofSeconds(3));
    assertThat(o.warmup()).isZero();
    assertThat(o.idle()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.concurrency()).isEqualTo(8);
    assertThat(o.out()).isEqualTo(Path.of("r"));
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThatThrownBy(() -> ScalingOptions.parse(List.of()))
        .hasMessageContaining("--model a, b or a,b");
    assertThatThrownBy(() -> ScalingOptions.parse(List.of("--model", "c")))
        .hasMessageContaining("not 'c'");
    assertThatThrownBy(() -> ScalingOptions.parse(List.of("--model", "a,a")))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> ScalingOptions.parse(List.of("--model", "a,")))
        .hasMessageContaining("not 'a,'");
    assertThatThrownBy(() -> ScalingOptions.parse(List.of("--model", "a", "--companies", "0")))
        .hasMessageContaining("1 to 98, not 0");
    assertThatThrownBy(() -> ScalingOptions.parse(List.of("--model", "a", "--companies", "99")))
        .hasMessageContaining("1 to 98, not 99");
    assertThatThrownBy(() -> ScalingOptions.parse(List.of("--model", "a", "--companies", "4,x")))
        .hasMessageContaining("'4,x'");
    assertThatThrownBy(() -> ScalingOptions.parse(List.of("--model", "a", "--companies", "4,4")))
        .hasMessageContaining("4 twice");
    assertThatThrownBy(() -> ScalingOptions.parse(List.of("--model", "a", "--duration", "500ms")))
        .hasMessageContaining("--duration must be between 1s and 10m, not 500ms");
    assertThatThrownBy(() -> ScalingOptions.parse(List.of("--model", "a", "--idle", "0s")))
        .hasMessageContaining("--idle must be positive");
    assertThatThrownBy(() -> ScalingOptions.parse(List.of("--model", "a", "--idle", "900ms")))
        .hasMessageContaining("--idle must be between 1s and 10m, not 900ms");
    assertThatThrownBy(() -> ScalingOptions.parse(List.of("--model", "a", "--warmup", "11m")))
        .hasMessageContaining("--warmup must be between 0s and 10m");
    assertThatThrownBy(() -> ScalingOptions.parse(List.of("--model", "a", "--warmup", "x")))
        .hasMessageContaining("--warmup takes a whole number");
    assertThatThrownBy(() -> ScalingOptions.parse(List.of("--model", "a", "--out")))
        .hasMessageContaining("--out needs a value");
    assertThatThrownBy(() -> ScalingOptions.parse(List.of("--model", "a", "--cluster", "d")))
        .hasMessageContaining("unknown option '--cluster'");
    // model a at 20 companies loads 20 channels at 3 nodes each
    assertThatThrownBy(() -> ScalingOptions.parse(List.of("--model", "a", "--concurrency", "59")))
        .hasMessageContaining("at least 60");
    assertThat(ScalingOptions.loadedPairs(Model.B, 20)).isEqualTo(22);
  }

  @Test
  void concurrencyPerCompanyGrowsWithTheCompaniesAndIsCheckedAtEverySize() throws Exception {
    ScalingOptions o =
        ScalingOptions.parse(
            List.of("--model", "a", "--companies", "4,20", "--concurrency-per-company", "204"));
    assertThat(o.concurrencyAt(4)).isEqualTo(816);
    assertThat(o.concurrencyAt(20)).isEqualTo(4080);
    assertThat(ScalingOptions.parse(List.of("--model", "a")).concurrencyAt(20))
        .isEqualTo(ClusterOptions.DEFAULT_CONCURRENCY);

    assertThatThrownBy(
            () ->
                ScalingOptions.parse(
                    List.of(
                        "--model", "a", "--concurrency", "512", "--concurrency-per-company", "8")))
        .hasMessageContaining("not both");
    // 205 x 20 = 4,100: beyond the nonce window of the benchmark's one signer
    assertThatThrownBy(
            () ->
                ScalingOptions.parse(
                    List.of(
                        "--model", "a", "--companies", "20", "--concurrency-per-company", "205")))
        .hasMessageContaining("4100 outstanding at 20 companies; at most 4096");
    // model a needs one per channel and node: 3 per company
    assertThatThrownBy(
            () ->
                ScalingOptions.parse(
                    List.of("--model", "a", "--companies", "4", "--concurrency-per-company", "2")))
        .hasMessageContaining("at least 12 outstanding")
        .hasMessageContaining("not 8");
    assertThatThrownBy(
            () -> ScalingOptions.parse(List.of("--model", "a", "--concurrency-per-company", "0")))
        .hasMessageContaining("--concurrency-per-company");
  }

  @Test
  void theCommandLineRefusesBadInputWithTheUsageAndChangesNothing() throws Exception {
    Path out = tmp.resolve("out");
    Files.createDirectories(out.resolve("a-1"));
    Files.writeString(out.resolve("a-1").resolve("x"), "earlier run");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
    PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8);

    int status =
        BenchMain.run(
            new String[] {"scaling", "--model", "a", "--companies", "1", "--out", out.toString()},
            po,
            pe,
            opts -> (config, props) -> List.of("false"));
    assertThat(status).isEqualTo(64);
    assertThat(e.toString(StandardCharsets.UTF_8)).contains("is not empty", "usage:");
    assertThat(Files.readString(out.resolve("a-1").resolve("x"))).isEqualTo("earlier run");

    assertThat(BenchMain.run(new String[] {"scaling", "--model", "z"}, po, pe)).isEqualTo(64);
    // Without a way to start servers (not through bin/trademap) it says so.
    e.reset();
    assertThat(
            BenchMain.run(
                new String[] {"scaling", "--model", "a", "--out", tmp.resolve("n").toString()},
                po,
                pe))
        .isEqualTo(1);
    assertThat(e.toString(StandardCharsets.UTF_8)).contains("bin/trademap bench scaling");
    assertThat(tmp.resolve("n")).doesNotExist();
    assertThat(BenchMain.run(new String[] {"scaling", "--help"}, po, pe)).isZero();
    assertThat(o.toString(StandardCharsets.UTF_8))
        .contains(
            "projectedTps = min over nodes of (cores x 1000 - idleRate) / marginal",
            "projectedTpsAllCpu = cores x 1000 / cpuMsPerTxPerNode");
  }
}

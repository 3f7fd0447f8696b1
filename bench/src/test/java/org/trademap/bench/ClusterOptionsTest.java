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

class ClusterOptionsTest {
  @TempDir Path tmp;

  @Test
  void defaultsAndEveryOption() throws Exception {
    assertThat(ClusterOptions.wanted(List.of("--duration", "5s"))).isFalse();
    assertThat(ClusterOptions.wanted(List.of("--cluster=d"))).isTrue();
    ClusterOptions d = ClusterOptions.parse(List.of("--cluster", "c"));
    assertThat(d.dir()).isEqualTo(Path.of("c"));
    assertThat(d.duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(d.concurrency()).isEqualTo(1024);
    assertThat(d.batch()).isEqualTo(128);
    assertThat(d.warmUp()).isEqualTo(Duration.ofSeconds(60));
    assertThat(d.ceiling()).isTrue();
    assertThat(d.out()).isNull();
    assertThat(d.ackedOut()).isNull();
    assertThat(d.verifyAcked()).isNull();
    assertThat(d.submitTo()).isEqualTo(ClusterOptions.SubmitTo.ALL);
    assertThat(ClusterOptions.parse(List.of("--cluster", "c", "--submit-to", "leader")).submitTo())
        .isEqualTo(ClusterOptions.SubmitTo.LEADER);
    assertThat(ClusterOptions.parse(List.of("--cluster", "c", "--submit-to=all")).submitTo())
        .isEqualTo(ClusterOptions.SubmitTo.ALL);
    ClusterOptions o =
        ClusterOptions.parse(
            List.of(
                "--cluster=c",
                "--duration",
                "30s",
                "--concurrency=8",
                "--out",
                "r.json",
                "--acked-out",
                "a.txt",
                "--batch",
                "1",
                "--warmup=0"));
    assertThat(o.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.concurrency()).isEqualTo(8);
    assertThat(o.batch()).isEqualTo(1);
    assertThat(o.warmUp()).isZero();
    assertThat(ClusterOptions.parse(List.of("--cluster", "c", "--warmup", "1500ms")).warmUp())
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(o.out()).isEqualTo(Path.of("r.json"));
    assertThat(o.ackedOut()).isEqualTo(Path.of("a.txt"));
    assertThat(
            ClusterOptions.parse(List.of("--cluster", "c", "--verify-acked", "a.txt"))
                .verifyAcked())
        .isEqualTo(Path.of("a.txt"));
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThatThrownBy(() -> ClusterOptions.parse(List.of("--cluster")))
        .hasMessageContaining("--cluster needs a value");
    assertThatThrownBy(() -> ClusterOptions.parse(List.of("--cluster", "c", "--concurrency", "0")))
        .hasMessageContaining("1 to 4096");
    assertThatThrownBy(() -> ClusterOptions.parse(List.of("--cluster", "c", "--concurrency", "x")))
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> ClusterOptions.parse(List.of("--cluster", "c", "--batch", "0")))
        .hasMessageContaining("--batch must be 1 to 1000");
    assertThatThrownBy(() -> ClusterOptions.parse(List.of("--cluster", "c", "--batch", "1001")))
        .hasMessageContaining("--batch must be 1 to 1000");
    assertThatThrownBy(() -> ClusterOptions.parse(List.of("--cluster", "c", "--warmup", "ten")))
        .hasMessageContaining("--warmup takes");
    assertThatThrownBy(() -> ClusterOptions.parse(List.of("--cluster", "c", "--warmup", "6m")))
        .hasMessageContaining("at most 5m");
    assertThatThrownBy(
            () ->
                ClusterOptions.parse(
                    List.of("--cluster", "c", "--verify-acked", "a.txt", "--batch", "4")))
        .hasMessageContaining("--verify-acked only checks a list");
    assertThatThrownBy(() -> ClusterOptions.parse(List.of("--cluster", "c", "--duration", "1s")))
        .hasMessageContaining("5s and 10m");
    assertThatThrownBy(() -> ClusterOptions.parse(List.of("--cluster", "c", "--data", "d")))
        .hasMessageContaining("single node");
    assertThatThrownBy(
            () -> ClusterOptions.parse(List.of("--cluster", "c", "--submit-to", "followers")))
        .hasMessageContaining("--submit-to is all or leader, not 'followers'");
    assertThatThrownBy(
            () ->
                ClusterOptions.parse(
                    List.of("--cluster", "c", "--verify-acked", "a", "--submit-to", "leader")))
        .hasMessageContaining("--verify-acked only");
    assertThatThrownBy(
            () ->
                ClusterOptions.parse(
                    List.of("--cluster", "c", "--verify-acked", "a", "--duration", "5s")))
        .hasMessageContaining("--verify-acked only");
  }

  @Test
  void aDirectoryWithoutConsortiumFailsWithTheReason() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        BenchMain.run(
            new String[] {
              "ledger", "--cluster", tmp.toString(), "--out", tmp.resolve("r.json").toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no consortium in " + tmp);
    assertThat(tmp.resolve("r.json")).doesNotExist();
  }

  @Test
  void verifyRefusesALineThatIsNoTransactionId() throws Exception {
    Path ids = tmp.resolve("ids.txt");
    Files.writeString(ids, "not-an-id\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        BenchMain.run(
            new String[] {"ledger", "--cluster", tmp.toString(), "--verify-acked", ids.toString()},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 1: not a transaction id");
  }
}

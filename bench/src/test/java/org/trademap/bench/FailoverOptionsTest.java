package org.trademap.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverOptionsTest {

  @Test
  void defaultsAndEveryOption() throws Exception {
    FailoverOptions d = FailoverOptions.parse(List.of("--cluster", "c"));
    assertThat(d.dir()).isEqualTo(Path.of("c"));
    assertThat(d.duration()).isEqualTo(Duration.ofSeconds(40));
    assertThat(d.fault()).isEqualTo(FailoverOptions.Fault.KILL);
    assertThat(d.faultAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.faultFor()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.target()).isEqualTo(FailoverOptions.Target.LEADER);
    assertThat(d.wipe()).isFalse();
    assertThat(d.out()).isNull();

    FailoverOptions o =
        FailoverOptions.parse(
            List.of(
                "--cluster=c",
                "--duration",
                "60s",
                "--kill-after=20s",
                "--restart-after",
                "15s",
                "--target",
                "follower",
                "--wipe",
                "--concurrency",
                "8",
                "--out",
                "f.json"));
    assertThat(o.duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(o.faultAfter()).isEqualTo(Duration.ofSeconds(20));
    assertThat(o.faultFor()).isEqualTo(Duration.ofSeconds(15));
    assertThat(o.target()).isEqualTo(FailoverOptions.Target.FOLLOWER);
    assertThat(o.wipe()).isTrue();
    assertThat(o.concurrency()).isEqualTo(8);
    assertThat(o.out()).isEqualTo(Path.of("f.json"));
  }

  @Test
  void pauseAndSlowFaultsWithTheirGeneralNames() throws Exception {
    FailoverOptions p =
        FailoverOptions.parse(
            List.of("--cluster", "c", "--fault", "pause", "--fault-after", "5s", "--fault-for=4s"));
    assertThat(p.fault()).isEqualTo(FailoverOptions.Fault.PAUSE);
    assertThat(p.faultAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.faultFor()).isEqualTo(Duration.ofSeconds(4));

    FailoverOptions s =
        FailoverOptions.parse(
            List.of("--cluster", "c", "--fault=slow", "--target", "follower", "--fault-for", "1s"));
    assertThat(s.fault()).isEqualTo(FailoverOptions.Fault.SLOW);
    assertThat(s.target()).isEqualTo(FailoverOptions.Target.FOLLOWER);
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThatThrownBy(() -> FailoverOptions.parse(List.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--cluster");
    assertThatThrownBy(() -> FailoverOptions.parse(List.of("--cluster", "c", "--target", "x")))
        .hasMessageContaining("leader or follower");
    assertThatThrownBy(() -> FailoverOptions.parse(List.of("--cluster", "c", "--kill-after", "5")))
        .hasMessageStartingWith("--kill-after");
    assertThatThrownBy(() -> FailoverOptions.parse(List.of("--cluster", "c", "--fault", "crash")))
        .hasMessageContaining("kill, pause or slow");
    assertThatThrownBy(
            () -> FailoverOptions.parse(List.of("--cluster", "c", "--fault", "pause", "--wipe")))
        .hasMessageContaining("does not go with --fault pause");
    assertThatThrownBy(
            () ->
                FailoverOptions.parse(
                    List.of("--cluster", "c", "--fault", "slow", "--fault-for", "100ms")))
        .hasMessageContaining("at least one cycle (200ms)");
    assertThatThrownBy(
            () ->
                FailoverOptions.parse(
                    List.of("--cluster", "c", "--duration", "20s", "--kill-after", "20s")))
        .hasMessageContaining("--fault-after (20s) must be shorter than --duration");
    assertThatThrownBy(
            () -> FailoverOptions.parse(List.of("--cluster", "c", "--verify-acked", "f")))
        .hasMessageContaining("unknown option");
  }

  @Test
  void idleNeedsAConsortiumAndABoundedDuration() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(BenchMain.run(new String[] {"idle"}, o, e)).isEqualTo(BenchMain.USAGE);
    assertThat(BenchMain.run(new String[] {"idle", "--cluster", "c", "--duration", "2h"}, o, e))
        .isEqualTo(BenchMain.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("idle needs --cluster D", "between 5s and 1h");
  }
}

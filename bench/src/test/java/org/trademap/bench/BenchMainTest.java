package org.trademap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return BenchMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void badLedgerOptionPrintsTheProblemAndTheUsageAndExits64() {
    assertThat(run("ledger", "--duration", "soon")).isEqualTo(64);
    assertThat(err()).contains("'soon'").contains("usage: BenchMain ledger");
  }

  @Test
  void missingCommandExits64() {
    assertThat(run()).isEqualTo(64);
    assertThat(err()).contains("a command is needed");
  }

  @Test
  void unknownCommandExits64() {
    assertThat(run("fabric")).isEqualTo(64);
    assertThat(err()).contains("unknown command 'fabric'");
  }

  @Test
  void badJmhOptionExits64() {
    assertThat(run("jmh", "-f", "many")).isEqualTo(64);
    assertThat(err()).startsWith("jmh: ");
  }

  @Test
  void ledgerHelpPrintsTheUsageAndExits0() {
    assertThat(run("ledger", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--duration D");
  }
}

package org.trademap.server.ledgergateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.ledger.core.node.NodeConfig;

class LedgerCommandsIT {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return LedgerCommands.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void ledgerAndKeysAreCommandsAndEverythingElseStartsTheServer() {
    assertThat(LedgerCommands.handles(new String[] {"ledger", "verify"})).isTrue();
    assertThat(LedgerCommands.handles(new String[] {"keys", "generate"})).isTrue();
    assertThat(LedgerCommands.handles(new String[] {})).isFalse();
    assertThat(LedgerCommands.handles(new String[] {"--server.port=9090"})).isFalse();
  }

  @Test
  void verifiesALedgerTheServerWrote(@TempDir Path dataDir) {
    LedgerNode.start(NodeConfig.embedded(dataDir)).close();

    int exit = run("ledger", "verify", "--data", dataDir.toString());

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("ledger OK: height 0");
  }

  @Test
  void generatesAKeyFile(@TempDir Path dir) {
    Path key = dir.resolve("node.key");

    int exit = run("keys", "generate", "--out", key.toString());

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(key).exists();
    assertThat(Files.isRegularFile(key)).isTrue();
  }

  @Test
  void answersUnknownSubcommandsWithUsage() {
    assertThat(run("ledger", "explode")).isNotZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
  }
}

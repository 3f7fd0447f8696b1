package org.trademap.server.ledgergateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.core.config.ConfigException;
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
    assertThat(LedgerCommands.handles(new String[] {"consortium", "init"})).isTrue();
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
    assertThat(dir.resolve("tls.crt")).exists();
    assertThat(dir.resolve("tls.key")).exists();
  }

  @Test
  void aNodeConfigurationGivesTheServersPortAndDataDirectory(@TempDir Path dir) {
    Path consortium = dir.resolve("c");
    assertThat(run("consortium", "init", "--orgs", "3", "--dir", consortium.toString()))
        .as(err.toString(StandardCharsets.UTF_8))
        .isZero();
    Path config = consortium.resolve("notary/node.json");

    String option = "--trademap.ledger.config=" + config;

    assertThat(LedgerCommands.withNodeConfiguration(new String[] {option, "--other=1"}))
        .containsExactly(
            option,
            "--other=1",
            "--server.port=8083",
            "--trademap.data-dir=" + consortium.resolve("notary/data"));
    assertThat(LedgerCommands.withNodeConfiguration(new String[] {"--server.port=9", option}))
        .containsExactly(
            "--server.port=9", option, "--trademap.data-dir=" + consortium.resolve("notary/data"));
    assertThat(LedgerCommands.withNodeConfiguration(new String[] {"--server.port=1"}))
        .containsExactly("--server.port=1");
  }

  @Test
  void aBrokenNodeConfigurationStopsTheStartWithEveryProblem(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("node.json");
    Files.writeString(config, "{\"org\": \"x\", \"httpPort\": 0}");

    assertThatThrownBy(
            () ->
                LedgerCommands.withNodeConfiguration(
                    new String[] {"--trademap.ledger.config=" + config}))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("httpPort: must be a port number")
        .hasMessageContaining("dataDir: missing")
        .hasMessageContaining("peers: missing");
  }

  @Test
  void answersUnknownSubcommandsWithUsage() {
    assertThat(run("ledger", "explode")).isNotZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
  }
}

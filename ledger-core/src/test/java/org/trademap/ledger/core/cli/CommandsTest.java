package org.trademap.ledger.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.core.config.NodeConfigFile;
import org.trademap.ledger.core.node.NodeConfig;
import org.trademap.ledger.core.node.NodeFiles;
import org.trademap.ledger.core.tls.TlsIdentity;

class CommandsTest extends CliRun {

  @Test
  void keysGenerateWritesTheSigningKeyAndATlsIdentity(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("org/node.key");

    int exit =
        run("keys", "generate", "--out", key.toString(), "--org", "sec-9", "--host=nodes.test");

    assertThat(exit).as(err()).isZero();
    assertThat(NodeFiles.readKey(key)).isNotNull();
    TlsIdentity tls = TlsIdentity.read(dir.resolve("org/tls.crt"), dir.resolve("org/tls.key"));
    assertThat(tls.certificate().subject()).contains("CN=sec-9");
    assertThat(tls.certificate().x509().getSubjectAlternativeNames())
        .anySatisfy(n -> assertThat(n.get(1)).isEqualTo("nodes.test"));
    assertThat(Files.getPosixFilePermissions(dir.resolve("org/tls.key")).toString())
        .isEqualTo("[OWNER_READ, OWNER_WRITE]");
    assertThat(out()).contains("public key: ", "sha256 ");
    // nothing is overwritten, also when only the certificate exists
    assertThat(run("keys", "generate", "--out", key.toString())).isEqualTo(LedgerCli.CANNOT_CHECK);
    Files.delete(key);
    assertThat(run("keys", "generate", "--out", key.toString())).isEqualTo(LedgerCli.CANNOT_CHECK);
    assertThat(err()).contains("refusing to overwrite");
    assertThat(key).doesNotExist();
  }

  @Test
  void keysGenerateRefusesBadOptions() {
    assertThat(run("keys", "generate", "--org", "Not An Id")).isEqualTo(LedgerCli.USAGE);
    assertThat(run("keys", "generate", "--colour", "red")).isEqualTo(LedgerCli.USAGE);
    assertThat(run("keys", "generate", "--out")).isEqualTo(LedgerCli.USAGE);
    assertThat(err()).contains("unknown option --colour", "--out needs a value");
  }

  @Test
  void consortiumInitWritesLoadableConfigurations(@TempDir Path dir) {
    Path d = dir.resolve("c");

    int exit =
        run("consortium", "init", "--orgs", "4", "--dir", d.toString(), "--http-port", "28081");

    assertThat(exit).as(err()).isZero();
    for (String org : new String[] {"consortium", "sec-1", "sec-2", "notary"}) {
      assertThat(NodeConfigFile.load(d.resolve(org + "/node.json")).org()).isEqualTo(org);
    }
    assertThat(d.resolve("consortium.json")).exists();
    assertThat(NodeConfigFile.load(d.resolve("notary/node.json")).httpPort()).isEqualTo(28084);
    assertThat(run("consortium", "init", "--orgs", "3", "--dir", d.toString()))
        .isEqualTo(LedgerCli.CANNOT_CHECK);
    assertThat(NodeConfigFile.load(d.resolve("sec-1/node.json")).electionTimeout())
        .isEqualTo(NodeConfig.DEFAULT_ELECTION_TIMEOUT);
  }

  @Test
  void consortiumInitGivesEveryNodeTheElectionTimeoutAsked(@TempDir Path dir) {
    Path d = dir.resolve("slow");

    int exit =
        run(
            "consortium",
            "init",
            "--orgs",
            "4",
            "--model",
            "a",
            "--dir",
            d.toString(),
            "--election-timeout-ms",
            "3000");

    assertThat(exit).as(err()).isZero();
    for (String org : new String[] {"consortium", "sec-1", "sec-2", "notary"}) {
      NodeConfigFile config = NodeConfigFile.load(d.resolve(org + "/node.json"));
      assertThat(config.electionTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(config.toNodeConfig().electionTimeout()).isEqualTo(Duration.ofSeconds(3));
    }
  }

  @Test
  void consortiumInitWritesTrustModelAWithAChannelPerRelationship(@TempDir Path dir) {
    Path d = dir.resolve("a");

    int exit = run("consortium", "init", "--orgs", "5", "--model", "a", "--dir", d.toString());

    assertThat(exit).as(err()).isZero();
    assertThat(out()).contains("trust model a", "consortium, rel-sec-1, rel-sec-2, rel-sec-3");
    assertThat(NodeConfigFile.load(d.resolve("consortium/node.json")).channels())
        .containsExactly("consortium", "rel-sec-1", "rel-sec-2", "rel-sec-3");
    assertThat(NodeConfigFile.load(d.resolve("sec-2/node.json")).channels())
        .containsExactly("rel-sec-2");
    assertThat(NodeConfigFile.load(d.resolve("notary/node.json")).channels())
        .containsExactly("consortium", "rel-sec-1", "rel-sec-2", "rel-sec-3");
    var genesis = NodeConfigFile.load(d.resolve("sec-2/node.json")).genesis();
    assertThat(genesis).exists();
    // each channel's governance by a majority of its own members (ADR 0033)
    var policies = org.trademap.ledger.core.node.NodeFiles.readGenesis(genesis).policies();
    assertThat(policies.get("governance.rel-sec-2"))
        .isEqualTo(
            new org.trademap.ledger.api.node.Genesis.Policy(
                2, java.util.List.of("consortium", "sec-2", "notary")));
    assertThat(policies.get("governance.consortium"))
        .extracting(org.trademap.ledger.api.node.Genesis.Policy::threshold)
        .isEqualTo(2);
    assertThat(policies.get("governance"))
        .extracting(org.trademap.ledger.api.node.Genesis.Policy::threshold)
        .isEqualTo(3);
  }

  @Test
  void consortiumInitRefusesBadOptions(@TempDir Path dir) {
    String d = dir.resolve("x").toString();
    assertThat(run("consortium", "init", "--orgs", "2", "--dir", d)).isEqualTo(LedgerCli.USAGE);
    assertThat(run("consortium", "init", "--orgs", "3", "--model", "c", "--dir", d))
        .isEqualTo(LedgerCli.USAGE);
    assertThat(run("consortium", "init", "--orgs", "3")).isEqualTo(LedgerCli.USAGE);
    assertThat(run("consortium", "init", "--orgs", "three", "--dir", d)).isEqualTo(LedgerCli.USAGE);
    assertThat(run("consortium", "init", "--orgs", "3", "--dir", d, "--election-timeout-ms", "99"))
        .isEqualTo(LedgerCli.USAGE);
    assertThat(run("consortium", "init", "--orgs", "3", "--dir", d, "--election-timeout-ms", "1s"))
        .isEqualTo(LedgerCli.USAGE);
    assertThat(err())
        .contains(
            "3 to 100",
            "--model must be a or b, not 'c'",
            "--dir is required",
            "--orgs must be a number",
            "--election-timeout-ms must be from 100 to 60000, not 99",
            "--election-timeout-ms must be a number");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void consortiumUpAndDownRefuseBadOptionsAndAMissingConsortium(@TempDir Path dir)
      throws Exception {
    String d = dir.resolve("none").toString();
    assertThat(run("consortium", "up")).isEqualTo(LedgerCli.USAGE);
    assertThat(run("consortium", "up", "--dir", d, "--timeout", "0")).isEqualTo(LedgerCli.USAGE);
    assertThat(run("consortium", "down", "--dir", d, "--colour=red")).isEqualTo(LedgerCli.USAGE);
    assertThat(run("consortium", "down", "--dir", d)).isEqualTo(LedgerCli.CANNOT_CHECK);
    assertThat(err())
        .contains(
            "--dir is required",
            "--timeout must be from 5",
            "unknown option --colour",
            "no consortium in");
  }

  @Test
  void consortiumUpOutsideTheServerSaysWhereToRunItAndDownLeavesAForeignProcessAlone(
      @TempDir Path dir) throws Exception {
    Path d = dir.resolve("c");
    assertThat(run("consortium", "init", "--orgs", "3", "--dir", d.toString())).isZero();

    assertThat(run("consortium", "up", "--dir", d.toString())).isEqualTo(LedgerCli.CANNOT_CHECK);
    assertThat(err()).contains("run it from the server (bin/trademap consortium up)");

    // A recorded pid that is some other process (here: this JVM) is never signalled.
    long self = ProcessHandle.current().pid();
    Path index = d.resolve("consortium.json");
    Files.writeString(
        index, Files.readString(index).replaceFirst("\"pid\"\\s*:\\s*null", "\"pid\": " + self));
    assertThat(run("consortium", "down", "--dir", d.toString())).isEqualTo(LedgerCli.CANNOT_CHECK);
    assertThat(err()).contains("consortium: pid " + self + " is not its server");
    assertThat(Files.readString(index)).doesNotContain(String.valueOf(self));
    assertThat(out()).contains("sec-1: not running");
  }
}

package org.trademap.ledger.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.core.node.NodeConfig;
import org.trademap.ledger.core.tls.TlsIdentity;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class NodeConfigFileTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path dir;
  static Path config;

  @BeforeAll
  static void writeConsortium() {
    ConsortiumLayout.init(
        dir.resolve("c"),
        ConsortiumLayout.orgs(4, 18081, 19871),
        "127.0.0.1",
        Map.of("notes", 1),
        Instant.parse("2026-11-23T10:00:00Z"),
        new SecureRandom());
    config = dir.resolve("c/sec-1/node.json");
  }

  @Test
  void loadsWhatConsortiumInitWrote() throws Exception {
    NodeConfigFile c = NodeConfigFile.load(config);

    assertThat(c.org()).isEqualTo("sec-1");
    assertThat(c.httpPort()).isEqualTo(18082);
    assertThat(c.raftPort()).isEqualTo(19872);
    assertThat(c.dataDir()).isEqualTo(dir.resolve("c/sec-1/data").toAbsolutePath());
    assertThat(c.genesis()).isEqualTo(dir.resolve("c/genesis.json").toAbsolutePath());
    assertThat(Files.readString(config)).contains("\"genesis\" : \"../genesis.json\"");
    assertThat(c.channels()).containsExactly(ConsortiumLayout.MODEL_B_CHANNEL);
    assertThat(c.peers())
        .extracting(NodeConfig.Peer::memberId)
        .containsExactly("consortium", "sec-2", "notary");
    NodeConfig node = c.toNodeConfig();
    assertThat(node.raftPort()).isEqualTo(19872);
    assertThat(node.consortium())
        .isNotNull()
        .satisfies(
            n -> assertThat(java.util.Objects.requireNonNull(n).memberId()).isEqualTo("sec-1"));
  }

  @Test
  void raftAndCheckpointSettingsAreWrittenWithTheirDefaultsAndCanBeChanged() throws Exception {
    NodeConfig written = NodeConfigFile.load(config).toNodeConfig();
    assertThat(written.electionTimeout()).isEqualTo(NodeConfig.DEFAULT_ELECTION_TIMEOUT);
    assertThat(written.logWriteBufferBytes()).isEqualTo(32L * 1024 * 1024);
    assertThat(written.checkpoints()).isEqualTo(NodeConfig.Checkpointing.DEFAULT);
    assertThat(Files.readString(config))
        .contains("\"electionTimeoutMillis\" : 1000", "\"intervalMillis\" : 10000");

    Path changed =
        variant(
            "knobs",
            root -> {
              ((ObjectNode) root.get("raft"))
                  .put("electionTimeoutMillis", 2500)
                  .put("logWriteBufferBytes", 16 * 1024 * 1024);
              ((ObjectNode) root.get("checkpoints"))
                  .put("everyBlocks", 50)
                  .put("intervalMillis", 30_000);
            });
    NodeConfig node = NodeConfigFile.load(changed).toNodeConfig();
    assertThat(node.electionTimeout()).isEqualTo(java.time.Duration.ofMillis(2500));
    assertThat(node.logWriteBufferBytes()).isEqualTo(16L * 1024 * 1024);
    assertThat(node.checkpoints())
        .isEqualTo(new NodeConfig.Checkpointing(50, java.time.Duration.ofSeconds(30)));
    NodeConfigFile again = NodeConfigFile.load(changed);
    assertThat(again.json()).contains("\"electionTimeoutMillis\" : 2500");

    Path absent =
        variant(
            "absent",
            root -> {
              root.remove("checkpoints");
              ((ObjectNode) root.get("raft")).remove("electionTimeoutMillis");
              ((ObjectNode) root.get("raft")).remove("logWriteBufferBytes");
            });
    NodeConfig defaults = NodeConfigFile.load(absent).toNodeConfig();
    assertThat(defaults.electionTimeout()).isEqualTo(NodeConfig.DEFAULT_ELECTION_TIMEOUT);
    assertThat(defaults.logWriteBufferBytes()).isEqualTo(NodeConfig.DEFAULT_LOG_WRITE_BUFFER_BYTES);
    assertThat(defaults.checkpoints()).isEqualTo(NodeConfig.Checkpointing.DEFAULT);
  }

  @Test
  void refusesRaftAndCheckpointSettingsOutOfRange() {
    Path bad =
        variant(
            "knobs-bad",
            root -> {
              ((ObjectNode) root.get("raft"))
                  .put("electionTimeoutMillis", 50)
                  .put("logWriteBufferBytes", "big");
              ((ObjectNode) root.get("checkpoints"))
                  .put("everyBlocks", 0)
                  .put("intervalMillis", 99)
                  .put("often", true);
            });

    assertThat(problems(bad))
        .contains(
            "raft.electionTimeoutMillis: must be a whole number from 100 to 60000, not 50",
            "raft.logWriteBufferBytes: must be a whole number from 1048576 to 67108864, not"
                + " \"big\"",
            "checkpoints.everyBlocks: must be a whole number from 1 to 1000000000, not 0",
            "checkpoints.intervalMillis: must be a whole number from 100 to 86400000, not 99",
            "checkpoints.often: unknown field (known: everyBlocks, intervalMillis)");
    Path notObject = variant("knobs-shape", root -> root.put("checkpoints", 5));
    assertThat(problems(notObject)).contains("checkpoints: must be an object");
  }

  @Test
  void consortiumJsonIndexesTheOrganisations() throws Exception {
    var index = JSON.readTree(Files.readString(dir.resolve("c/consortium.json")));
    assertThat(index.path("orgs")).hasSize(4);
    assertThat(index.path("orgs").get(0).path("id").asString()).isEqualTo("consortium");
    assertThat(index.path("orgs").get(3).path("role").asString()).isEqualTo("notary");
    assertThat(index.path("orgs").get(1).path("config").asString()).isEqualTo("sec-1/node.json");
    assertThat(index.path("orgs").get(1).path("pid").isNull()).isTrue();
  }

  @Test
  void namesEveryShapeProblemAtOnce() {
    Path bad =
        variant(
            "shape",
            root -> {
              root.put("colour", "blue");
              root.remove("signingKey");
              root.put("httpPort", 70000);
              ((ObjectNode) root.get("raft")).put("port", "9000");
              root.put("org", "Sec 1");
              ((ArrayNode) root.get("channels")).add(ConsortiumLayout.MODEL_B_CHANNEL);
            });

    assertThatThrownBy(() -> NodeConfigFile.load(bad))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .anySatisfy(p -> assertThat(p).startsWith("colour: unknown field"))
                    .anySatisfy(p -> assertThat(p).isEqualTo("signingKey: missing"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .isEqualTo(
                                    "httpPort: must be a port number from 1 to 65535, not 70000"))
                    .anySatisfy(p -> assertThat(p).startsWith("raft.port: must be a port number"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("org: an organisation id may use only"))
                    .anySatisfy(p -> assertThat(p).isEqualTo("channels[1]: all is listed twice")))
        .hasMessageContaining(bad.toString());
  }

  @Test
  void refusesPortsThatClashAndPeersThatAreNotPeers() {
    Path bad =
        variant(
            "ports",
            root -> {
              root.put("httpPort", 19872);
              ArrayNode peers = (ArrayNode) root.get("peers");
              peers.addObject().put("org", "sec-1").put("host", "127.0.0.1").put("raftPort", 1);
              peers.addObject().put("org", "notary").put("host", "127.0.0.1").put("raftPort", 2);
              peers.addObject().put("org", "x").put("host", "a host").put("raftPort", 0);
            });

    assertThat(problems(bad))
        .contains(
            "httpPort and raft.port must differ (both are 19872)",
            "peers[3].org: the node itself is not one of its peers",
            "peers[4].org: notary is listed twice",
            "peers[5].host: not a host name or IP address ('a host')",
            "peers[5].raftPort: must be a port number from 1 to 65535, not 0");
  }

  @Test
  void checksTheConfigurationAgainstTheGenesisDocumentAndTheKeys() {
    Path bad =
        variant(
            "files",
            root -> {
              root.put("signingKey", "../sec-2/node.key");
              ((ObjectNode) root.get("tls")).put("certificate", "../notary/tls.crt");
              root.set("channels", JSON.createArrayNode().add("all").add("elsewhere"));
              ArrayNode peers = JSON.createArrayNode();
              peers
                  .addObject()
                  .put("org", "consortium")
                  .put("host", "127.0.0.1")
                  .put("raftPort", 1);
              peers.addObject().put("org", "stranger").put("host", "127.0.0.1").put("raftPort", 2);
              root.set("peers", peers);
            });

    assertThat(problems(bad))
        .anySatisfy(
            p ->
                assertThat(p)
                    .endsWith("is not the signing key the genesis document lists for sec-1"))
        .anySatisfy(p -> assertThat(p).startsWith("tls: ").contains("does not belong to"))
        .contains(
            "channels[1]: channel elsewhere is not in the genesis document",
            "peers: no address for notary, a member of this node's channels",
            "peers: no address for sec-2, a member of this node's channels")
        .anySatisfy(p -> assertThat(p).startsWith("peers[1].org: stranger is not a member"));
  }

  @Test
  void refusesACertificateTheGenesisDocumentDoesNotList() {
    Path cert = dir.resolve("foreign.crt");
    Path key = dir.resolve("foreign.key");
    TlsIdentity.generate("sec-1", List.of("127.0.0.1"), Instant.now(), new SecureRandom())
        .write(cert, key);
    Path bad =
        variant(
            "foreign",
            root -> {
              ObjectNode tls = (ObjectNode) root.get("tls");
              tls.put("certificate", cert.toString());
              tls.put("privateKey", key.toString());
            });

    assertThat(problems(bad))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("tls.certificate: ")
                    .endsWith("is not the certificate the genesis document lists for sec-1"));
  }

  @Test
  void refusesAnOrganisationThatIsNotAMemberAndMissingFiles() {
    Path bad =
        variant(
            "member",
            root -> {
              root.put("org", "nobody");
              root.put("genesis", "../missing.json");
            });

    assertThat(problems(bad)).anySatisfy(p -> assertThat(p).startsWith("genesis: "));
  }

  @Test
  void refusesFilesThatAreNotAConfiguration() throws Exception {
    Path notJson = dir.resolve("not.json");
    Files.writeString(notJson, "{\"org\": ");
    Path array = dir.resolve("array.json");
    Files.writeString(array, "[]");

    assertThat(problems(notJson))
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("not valid JSON"));
    assertThat(problems(array)).containsExactly("the configuration must be a JSON object");
    assertThat(problems(dir.resolve("absent.json")))
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("cannot read the file"));
  }

  @Test
  void consortiumInitRefusesANonEmptyDirectoryAndTooFewOrganisations() {
    assertThatThrownBy(
            () ->
                ConsortiumLayout.init(
                    dir.resolve("c"),
                    ConsortiumLayout.orgs(3, 1000, 2000),
                    "127.0.0.1",
                    Map.of(),
                    Instant.now(),
                    new SecureRandom()))
        .hasMessageContaining("is not empty");
    assertThatThrownBy(() -> ConsortiumLayout.orgs(2, 1000, 2000))
        .hasMessageContaining("3 to 100 organisations");
    assertThatThrownBy(() -> ConsortiumLayout.orgs(3, 65534, 2000))
        .hasMessageContaining("run past 65535");
    assertThat(ConsortiumLayout.orgs(3, 1000, 2000))
        .extracting(ConsortiumLayout.Org::id)
        .containsExactly("consortium", "sec-1", "notary");
  }

  private static List<String> problems(Path file) {
    try {
      NodeConfigFile.load(file);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("the configuration " + file + " was accepted");
  }

  /** A copy of sec-1's configuration, changed, in sec-1's directory (so relative paths hold). */
  private static Path variant(String name, Consumer<ObjectNode> change) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(config));
      change.accept(root);
      Path file = config.resolveSibling(name + ".json");
      Files.writeString(file, JSON.writeValueAsString(root));
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

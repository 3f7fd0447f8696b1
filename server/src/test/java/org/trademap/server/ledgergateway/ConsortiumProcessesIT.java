package org.trademap.server.ledgergateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.core.node.NodeFiles;
import org.trademap.server.testing.TestTransactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code consortium init}, {@code up}, {@code down} with real server processes: a transaction
 * submitted over HTTP at one organisation's server is read at another's.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ConsortiumProcessesIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration WAIT = Duration.ofMinutes(2);

  @TempDir Path tmp;
  private @Nullable Path dir;
  private final ConsortiumCli cli = new ConsortiumCli();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void down() throws IOException {
    cli.downAndKill(dir);
    http.close();
  }

  @Test
  void initUpSubmitAtOneNodeReadAtAnotherThenDown() throws Exception {
    Path d = tmp.resolve("consortium");
    dir = d;
    List<Integer> ports = freeConsecutivePorts(6);
    int httpPort = ports.get(0);
    assertThat(cli.run(initThree(d, ports))).as(cli.output()).isZero();

    String[] up = upForTests(d);
    assertThat(cli.run(up)).as(cli.output() + logs(d)).isZero();
    List<@Nullable Long> recorded = pids(d);
    assertThat(recorded).hasSize(3).doesNotContainNull();
    List<Long> pids = recorded.stream().map(Objects::requireNonNull).toList();
    cli.remember(d);
    for (Long pid : pids) {
      assertThat(ProcessHandle.of(pid)).get().matches(ProcessHandle::isAlive, "alive");
    }
    // A second up starts nothing: every recorded server still runs.
    assertThat(cli.run("consortium", "up", "--dir", d.toString())).as(cli.output()).isZero();
    assertThat(cli.output()).contains("sec-1: already running (pid " + pids.get(1) + ")");
    assertThat(pids(d)).isEqualTo(pids);

    Genesis genesis = NodeFiles.readGenesis(d.resolve("genesis.json"));
    // The consortium organisation writes the KYC registry; it submits at sec-1's server.
    KeyPair key = NodeFiles.readKey(d.resolve("consortium").resolve(NodeFiles.KEY_FILE));
    byte[] tx = TestTransactions.on(genesis).signer(key).nonce(1).register("smoke-1").bytes();
    HttpResponse<String> submitted =
        http.send(
            HttpRequest.newBuilder(uri(httpPort + 1, "/api/v1/ledger/transactions"))
                .timeout(WAIT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestTransactions.submitBody(tx)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);

    // The notary's server, a process of its own, has the block.
    String txId = TestTransactions.txId(tx);
    JsonNode read = awaitOk(uri(httpPort + 2, "/api/v1/ledger/transactions/" + txId));
    assertThat(read.path("height").asLong()).isPositive();

    // sec-1's server is killed (kill -9); up starts it again (and only it), and it rejoins. (A node
    // whose data directory was lost rejoins by snapshot, ADR 0025: ConsortiumIT, in one JVM.)
    ProcessHandle secOne = ProcessHandle.of(pids.get(1)).orElseThrow();
    secOne.destroyForcibly();
    secOne.onExit().get(1, TimeUnit.MINUTES);
    cli.reset();
    assertThat(cli.run(up)).as(cli.output() + logs(d)).isZero();
    assertThat(cli.output())
        .contains("consortium: already running", "sec-1: started", "notary: already running");
    cli.remember(d);
    assertThat(awaitOk(uri(httpPort + 1, "/api/v1/ledger/transactions/" + txId)).path("height"))
        .isEqualTo(read.path("height"));

    assertThat(cli.run("consortium", "down", "--dir", d.toString())).as(cli.output()).isZero();
    for (Long pid : cli.seen()) {
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }
    assertThat(pids(d)).containsOnlyNulls();
    assertThat(cli.output()).contains("notary: stopped (pid " + pids.get(2));
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Polls a GET until it answers 200; its JSON body. */
  private JsonNode awaitOk(URI uri) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      last =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (last.statusCode() == 200) {
        return JSON.readTree(last.body());
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "no 200 from " + uri + " within " + WAIT + (last == null ? "" : ": " + last.body()));
  }

  /** The process ids consortium.json records, in the order of the organisations. */
  static List<@Nullable Long> pids(Path d) throws IOException {
    List<@Nullable Long> pids = new ArrayList<>();
    for (JsonNode org :
        JSON.readTree(Files.readString(d.resolve("consortium.json"))).path("orgs")) {
      JsonNode pid = org.path("pid");
      pids.add(pid.isIntegralNumber() ? pid.asLong() : null);
    }
    return pids;
  }

  /** The servers' output (of every organisation in consortium.json), for a failure message. */
  static String logs(Path d) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (JsonNode node :
        JSON.readTree(Files.readString(d.resolve("consortium.json"))).path("orgs")) {
      String org = node.path("id").asString();
      Path log = d.resolve(org).resolve("node.log");
      if (Files.exists(log)) {
        List<String> lines = Files.readAllLines(log);
        sb.append("\n--- ").append(org).append(" (last lines) ---\n");
        sb.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
      }
    }
    return sb.toString();
  }

  /**
   * {@code consortium init} of three organisations in {@code d}: HTTP on the first three of {@code
   * ports}, Raft on the next three.
   */
  static String[] initThree(Path d, List<Integer> ports) {
    return new String[] {
      "consortium",
      "init",
      "--orgs",
      "3",
      "--dir",
      d.toString(),
      "--http-port",
      String.valueOf(ports.get(0)),
      "--raft-port",
      String.valueOf(ports.get(3))
    };
  }

  /** {@code consortium up} of {@code d} with the tests' server properties (loopback, no demo). */
  static String[] upForTests(Path d) {
    return new String[] {
      "consortium",
      "up",
      "--dir",
      d.toString(),
      "--timeout",
      "300",
      "--server.address=127.0.0.1",
      "--trademap.demo.seed=false",
      "--spring.main.banner-mode=off"
    };
  }

  /** {@code n} consecutive loopback ports that are free now. */
  static List<Integer> freeConsecutivePorts(int n) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 60_000);
      List<Integer> ports = new ArrayList<>();
      for (int p = base; p < base + n && free(p); p++) {
        ports.add(p);
      }
      if (ports.size() == n) {
        return ports;
      }
    }
    throw new AssertionError("no " + n + " consecutive free ports");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }
}

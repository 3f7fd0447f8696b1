package org.trademap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cluster load's workers against nodes on loopback: real HTTP servers answering like a node,
 * one that answers 503, one that hangs up after reading the request, and addresses where nothing
 * listens (a node that was killed).
 */
class ClusterWorkerTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<HttpServer> servers = new ArrayList<>();
  private final HttpClient http = Cluster.httpClient();
  private final Events events = new Events();

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
    http.close();
  }

  @Test
  void aBatchRefusedByADeadNodeIsAcknowledgedAtTheNextHolderWhereTheWorkerStays() {
    Cluster.Node dead = dead("sec-1");
    FakeNode live = accepting("sec-2");
    ClusterWorker worker = workerAt(dead, List.of(dead, live.node));

    worker.submitBatch(http, txs(3));

    assertThat(worker.acknowledged).isEqualTo(3);
    assertThat(worker.submitted).isEqualTo(3);
    assertThat(worker.errors).isZero();
    assertThat(worker.errorKinds).isEmpty();
    assertThat(worker.target.node()).isEqualTo(live.node);
    assertThat(worker.target.redirects()).containsExactlyEntriesOf(Map.of("sec-1 -> sec-2", 1L));
    assertThat(live.transactionsPerRequest).containsExactly(3);
    assertThat(events.acknowledged).hasValue(3);
    assertThat(events.unanswered).hasValue(0);
    // The listener hears which node acknowledged (the one the batch moved to) and each id once.
    assertThat(events.ackedBy).containsExactly("sec-2");
    assertThat(events.ackedIds).hasSize(3).allMatch(id -> id.matches("[0-9a-f]{64}"));

    worker.submitBatch(http, txs(2));

    assertThat(worker.acknowledged).isEqualTo(5);
    assertThat(worker.target.redirects()).containsExactlyEntriesOf(Map.of("sec-1 -> sec-2", 1L));
    assertThat(worker.perNode)
        .containsExactlyEntriesOf(Map.of("sec-2", new ClusterBenchmark.NodeFigures(5, 5)));
    assertThat(live.transactionsPerRequest).containsExactly(3, 2);
  }

  @Test
  void aRefusedTransactionGoesToTheNextHolderInTheHoldersOrderWrappingToTheFirst() {
    FakeNode first = accepting("consortium");
    FakeNode second = accepting("sec-1");
    Cluster.Node dead = dead("notary");
    ClusterWorker worker = workerAt(dead, List.of(first.node, second.node, dead));

    worker.submitOne(http, txs(1)[0]);

    assertThat(worker.acknowledged).isEqualTo(1);
    assertThat(worker.errors).isZero();
    assertThat(worker.target.node()).isEqualTo(first.node);
    assertThat(worker.target.redirects())
        .containsExactlyEntriesOf(Map.of("notary -> consortium", 1L));
    assertThat(first.transactionsPerRequest).containsExactly(1);
    assertThat(second.transactionsPerRequest).isEmpty();
  }

  @Test
  void aNodeAnswering503KeepsItsWorkerAndItsTransactionsCountAsErrors() {
    ClusterWorker worker = twoTransactionsNotSentAgainFrom(FakeNode::unavailable);

    assertThat(worker.errorKinds)
        .containsExactlyEntriesOf(Map.of("HTTP 503 ledger.unavailable", 2L));
    assertThat(events.unanswered).hasValue(0);
  }

  @Test
  void aConnectionClosedAfterTheRequestWasSentIsAnErrorAndNotSentAgain() {
    ClusterWorker worker = twoTransactionsNotSentAgainFrom(FakeNode::hangUp);

    assertThat(worker.errorKinds).doesNotContainKey("ConnectException").hasSize(1);
    assertThat(events.unanswered).hasValue(1);
  }

  @Test
  void aRequestIsSentOnceMoreOnlyAndTheNextRequestMovesOnFromWhereItWasRefusedAgain() {
    Cluster.Node dead = dead("sec-1");
    Cluster.Node alsoDead = dead("sec-2");
    FakeNode live = accepting("sec-3");
    ClusterWorker worker = workerAt(dead, List.of(dead, alsoDead, live.node));

    worker.submitBatch(http, txs(2));

    assertThat(worker.errors).isEqualTo(2);
    assertThat(worker.errorKinds).containsExactlyEntriesOf(Map.of("ConnectException", 2L));
    assertThat(worker.target.node()).isEqualTo(alsoDead);
    assertThat(live.transactionsPerRequest).isEmpty();

    worker.submitBatch(http, txs(2));

    assertThat(worker.acknowledged).isEqualTo(2);
    assertThat(worker.target.node()).isEqualTo(live.node);
    assertThat(worker.target.redirects())
        .containsExactlyInAnyOrderEntriesOf(Map.of("sec-1 -> sec-2", 1L, "sec-2 -> sec-3", 1L));
    assertThat(worker.perNode)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "sec-2", new ClusterBenchmark.NodeFigures(2, 0),
                "sec-3", new ClusterBenchmark.NodeFigures(2, 2)));
  }

  @Test
  void aChannelsOnlyHolderRefusingTheConnectionCountsItsTransactionsAsErrors() {
    Cluster.Node dead = dead("consortium");
    ClusterWorker worker = workerAt(dead, List.of(dead));

    worker.submitOne(http, txs(1)[0]);

    assertThat(worker.errors).isEqualTo(1);
    assertThat(worker.errorKinds).containsExactlyEntriesOf(Map.of("ConnectException", 1L));
    assertThat(worker.target.redirects()).isEmpty();
    assertThat(events.unanswered).hasValue(1);
  }

  /**
   * Sends a batch of two to {@code sec-1}, which answers so, with a live {@code sec-2} next to it,
   * and checks what every failure other than a refused connection comes to: the transactions are
   * errors at {@code sec-1}, where the worker stays, and nothing is sent to {@code sec-2}.
   */
  private ClusterWorker twoTransactionsNotSentAgainFrom(Answer answer) {
    FakeNode failing = node("sec-1", answer);
    FakeNode live = accepting("sec-2");
    ClusterWorker worker = workerAt(failing.node, List.of(failing.node, live.node));

    worker.submitBatch(http, txs(2));

    assertThat(worker.acknowledged).isZero();
    assertThat(worker.errors).isEqualTo(2);
    assertThat(worker.target.node()).isEqualTo(failing.node);
    assertThat(worker.target.redirects()).isEmpty();
    assertThat(worker.perNode)
        .containsExactlyEntriesOf(Map.of("sec-1", new ClusterBenchmark.NodeFigures(2, 0)));
    assertThat(failing.transactionsPerRequest).containsExactly(2);
    assertThat(live.transactionsPerRequest).isEmpty();
    return worker;
  }

  private ClusterWorker workerAt(Cluster.Node start, List<Cluster.Node> holders) {
    return new ClusterWorker(0, new ChannelTarget(holders, start, TIMEOUT), events);
  }

  private static byte[][] txs(int n) {
    byte[][] txs = new byte[n][];
    for (int i = 0; i < n; i++) {
      txs[i] = ("tx-" + System.nanoTime() + "-" + i).getBytes(StandardCharsets.US_ASCII);
    }
    return txs;
  }

  /** A node that was killed: an address where a server listened a moment ago and none does now. */
  private static Cluster.Node dead(String id) {
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new Cluster.Node(id, "securities", base(closed.getLocalPort()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private FakeNode accepting(String id) {
    return node(id, FakeNode::accept);
  }

  private FakeNode node(String id, Answer answer) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      FakeNode node =
          new FakeNode(new Cluster.Node(id, "securities", base(server.getAddress().getPort())));
      server.createContext(
          "/api/v1/ledger/",
          exchange -> {
            int transactions = node.received(exchange);
            answer.to(exchange, transactions);
          });
      server.start();
      servers.add(server);
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static URI base(int port) {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** How a fake node answers a request that carried {@code transactions}. */
  private interface Answer {
    void to(HttpExchange exchange, int transactions) throws IOException;
  }

  /** A loopback server answering the ledger's submission endpoints, and what it was sent. */
  private static final class FakeNode {
    final Cluster.Node node;
    final List<Integer> transactionsPerRequest = new CopyOnWriteArrayList<>();

    FakeNode(Cluster.Node node) {
      this.node = node;
    }

    /** Reads the request and notes how many transactions it carried. */
    int received(HttpExchange exchange) throws IOException {
      var body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      int transactions = body.has("transactions") ? body.path("transactions").size() : 1;
      transactionsPerRequest.add(transactions);
      return transactions;
    }

    /** As a node that committed them all: 200 with each accepted, or 201 for a single one. */
    static void accept(HttpExchange exchange, int transactions) throws IOException {
      if (exchange.getRequestURI().getPath().endsWith("/batch")) {
        StringBuilder results = new StringBuilder("{\"results\":[");
        for (int i = 0; i < transactions; i++) {
          results.append(i == 0 ? "" : ",").append("{\"accepted\":true}");
        }
        send(exchange, 200, results.append("]}").toString());
      } else {
        send(exchange, 201, "{}");
      }
    }

    /** As a node without its ledger: 503 {@code ledger.unavailable}. */
    static void unavailable(HttpExchange exchange, int transactions) throws IOException {
      send(exchange, 503, "{\"code\":\"ledger.unavailable\"}");
    }

    /** Closes the connection without an answer, after it read the whole request. */
    static void hangUp(HttpExchange exchange, int transactions) {
      exchange.close();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (var out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** What the workers told the benchmark's listener. */
  private static final class Events implements ClusterBenchmark.Listener {
    final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicInteger unanswered = new AtomicInteger();
    final java.util.Set<String> ackedBy = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final java.util.Set<String> ackedIds = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public void acknowledged(long nanoTime, String node, String txId) {
      acknowledged.incrementAndGet();
      ackedBy.add(node);
      ackedIds.add(txId);
    }

    @Override
    public void unanswered() {
      unanswered.incrementAndGet();
    }
  }
}

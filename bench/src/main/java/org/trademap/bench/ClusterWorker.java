package org.trademap.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.trademap.ledger.api.crypto.Hash;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One submitting thread of the cluster load ({@link ClusterBenchmark}): it posts its channel's
 * transactions to its {@link ChannelTarget}, which moves to the channel's next holder when its node
 * refuses the connection, and counts what each came to, and per node where the requests went. Only
 * that thread writes it until it ends.
 */
final class ClusterWorker {
  private static final String ONE_PATH = "api/v1/ledger/transactions";
  private static final String BATCH_PATH = "api/v1/ledger/transactions/batch";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  final int channel;
  final ChannelTarget target;
  private final ClusterBenchmark.Listener listener;
  long submitted;
  long acknowledged;
  long refused;
  long errors;
  long[] latencies = new long[1024];
  final List<String> acked = new ArrayList<>();
  final Map<String, Long> refusedKinds = new TreeMap<>();
  final Map<String, Long> errorKinds = new TreeMap<>();

  /** Per node id, the transactions of the requests that ended there (answered or not). */
  final Map<String, ClusterBenchmark.NodeFigures> perNode = new LinkedHashMap<>();

  /** A worker of channel {@code channel} (its index among the loaded ones) at {@code target}. */
  ClusterWorker(int channel, ChannelTarget target, ClusterBenchmark.Listener listener) {
    this.channel = channel;
    this.target = target;
    this.listener = listener;
  }

  /** Submits several transactions in one request; each is counted as the single path counts it. */
  void submitBatch(HttpClient http, byte[][] txs) {
    StringBuilder body = new StringBuilder(txs.length * 700).append("{\"transactions\":[");
    for (int i = 0; i < txs.length; i++) {
      body.append(i == 0 ? "\"" : ",\"").append(Base64.getEncoder().encodeToString(txs[i]));
      body.append('"');
    }
    body.append("]}");
    submitted += txs.length;
    long acknowledgedBefore = acknowledged;
    long start = System.nanoTime();
    try {
      HttpResponse<String> r = target.post(http, BATCH_PATH, body.toString());
      long nanos = System.nanoTime() - start;
      if (r.statusCode() != 200) {
        errors += txs.length;
        errorKinds.merge(
            "HTTP " + r.statusCode() + " " + problemCode(r.body()), (long) txs.length, Long::sum);
        return;
      }
      JsonNode results = JSON.readTree(r.body()).path("results");
      for (int i = 0; i < txs.length; i++) {
        JsonNode item = results.path(i);
        String code = item.path("code").asString("(no result)");
        if (item.path("accepted").asBoolean(false)) {
          acknowledged(txs[i], start, nanos);
        } else if (code.equals("ledger.timeout")
            || code.equals("ledger.unavailable")
            || code.equals("ledger.catching-up")
            || code.equals("(no result)")) {
          errors++;
          errorKinds.merge(code, 1L, Long::sum);
        } else {
          refused++;
          refusedKinds.merge(code, 1L, Long::sum);
        }
      }
    } catch (IOException e) {
      errors += txs.length;
      errorKinds.merge(e.getClass().getSimpleName(), (long) txs.length, Long::sum);
      listener.unanswered();
    } catch (JacksonException e) {
      errors += txs.length;
      errorKinds.merge("(no results document)", (long) txs.length, Long::sum);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      errors += txs.length;
      errorKinds.merge("interrupted", (long) txs.length, Long::sum);
    } finally {
      endedAtTarget(txs.length, acknowledgedBefore);
    }
  }

  /** Submits one transaction on its own request. */
  void submitOne(HttpClient http, byte[] tx) {
    String body = "{\"transaction\":\"" + Base64.getEncoder().encodeToString(tx) + "\"}";
    submitted++;
    long acknowledgedBefore = acknowledged;
    long start = System.nanoTime();
    try {
      HttpResponse<String> r = target.post(http, ONE_PATH, body);
      long nanos = System.nanoTime() - start;
      switch (r.statusCode()) {
        case 201 -> acknowledged(tx, start, nanos);
        case 422 -> {
          refused++;
          refusedKinds.merge(problemCode(r.body()), 1L, Long::sum);
        }
        default -> {
          errors++;
          errorKinds.merge("HTTP " + r.statusCode() + " " + problemCode(r.body()), 1L, Long::sum);
        }
      }
    } catch (IOException e) {
      errors++;
      errorKinds.merge(e.getClass().getSimpleName(), 1L, Long::sum);
      listener.unanswered();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      errors++;
      errorKinds.merge("interrupted", 1L, Long::sum);
    } finally {
      endedAtTarget(1, acknowledgedBefore);
    }
  }

  /** Counts a request's transactions at the node it ended at: its own, or the one it moved to. */
  private void endedAtTarget(int transactions, long acknowledgedBefore) {
    perNode.merge(
        target.node().id(),
        new ClusterBenchmark.NodeFigures(transactions, acknowledged - acknowledgedBefore),
        ClusterBenchmark.NodeFigures::plus);
  }

  private void acknowledged(byte[] tx, long start, long nanos) {
    if (acknowledged == latencies.length) {
      latencies = Arrays.copyOf(latencies, latencies.length * 2);
    }
    latencies[(int) acknowledged] = nanos;
    acknowledged++;
    String id = Hash.sha256(tx).hex();
    acked.add(id);
    listener.acknowledged(start + nanos, target.node().id(), id);
  }

  private static String problemCode(String body) {
    try {
      String code = JSON.readTree(body).path("code").asString("");
      return code.isEmpty() ? "(no code)" : code;
    } catch (JacksonException e) {
      return "(no problem document)";
    }
  }
}

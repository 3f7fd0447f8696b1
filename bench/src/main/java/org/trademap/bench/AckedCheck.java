package org.trademap.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * {@code BenchMain ledger --cluster D --verify-acked FILE}: looks up every transaction id of FILE
 * (one per line, as {@code --acked-out} writes them) on every node of the consortium through {@code
 * GET /api/v1/ledger/transactions/{txId}}, and prints per node the ones it does not have.
 */
final class AckedCheck {
  private static final Pattern TX_ID = Pattern.compile("[0-9a-f]{64}");
  private static final int THREADS = 32;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private AckedCheck() {}

  /** Runs the check; true if every node has every id. */
  static boolean run(Path dir, Path file, PrintStream out) {
    return missingPerNode(dir, file, out).values().stream().allMatch(m -> m == 0);
  }

  /** Runs the check, printing it; per node how many ids of the file it does not have. */
  static Map<String, Integer> missingPerNode(Path dir, Path file, PrintStream out) {
    List<String> ids = readIds(file);
    Cluster cluster = Cluster.read(dir);
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (HttpClient http = Cluster.httpClient()) {
      cluster.requireAnswering(http);
      out.printf(
          Locale.ROOT,
          "verify    %,d acknowledged transaction ids of %s on %d nodes%n",
          ids.size(),
          file.toAbsolutePath(),
          cluster.nodes().size());
      for (Cluster.Node node : cluster.nodes()) {
        List<String> missing = missingOn(http, node, ids);
        counts.put(node.id(), missing.size());
        if (missing.isEmpty()) {
          out.printf(Locale.ROOT, "%-12s all %,d present%n", node.id(), ids.size());
        } else {
          out.printf(
              Locale.ROOT, "%-12s %,d of %,d MISSING:%n", node.id(), missing.size(), ids.size());
          missing.forEach(m -> out.println("  " + m));
        }
      }
    }
    boolean complete = counts.values().stream().allMatch(m -> m == 0);
    out.println(complete ? "verified  every id is on every node" : "verified  ids are MISSING");
    return counts;
  }

  /** The ids {@code node} does not answer 200 for (with the answer when it was not 404). */
  private static List<String> missingOn(HttpClient http, Cluster.Node node, List<String> ids) {
    List<String> missing = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> tasks = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < THREADS; t++) {
        tasks.add(
            threads.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
                    String id = ids.get(i);
                    String problem = lookUp(http, node, id);
                    if (problem != null) {
                      missing.add(problem);
                    }
                  }
                }));
      }
      Tasks.await(tasks);
    }
    Collections.sort(missing);
    return missing;
  }

  /** Null if the node has the transaction; else the id, with the reason unless it is 404. */
  private static @org.jspecify.annotations.Nullable String lookUp(
      HttpClient http, Cluster.Node node, String id) {
    try {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(node.uri("api/v1/ledger/transactions/" + id))
                  .timeout(REQUEST_TIMEOUT)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return switch (r.statusCode()) {
        case 200 -> null;
        case 404 -> id;
        default -> id + " (HTTP " + r.statusCode() + ")";
      };
    } catch (IOException e) {
      return id + " (" + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return id + " (interrupted)";
    }
  }

  private static List<String> readIds(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new BenchFailure("cannot read the transaction ids in " + file + ": " + e, e);
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      if (!TX_ID.matcher(line).matches()) {
        throw new BenchFailure(
            file + " line " + (i + 1) + ": not a transaction id (64 lowercase hex): " + line);
      }
      ids.add(line);
    }
    return ids;
  }
}

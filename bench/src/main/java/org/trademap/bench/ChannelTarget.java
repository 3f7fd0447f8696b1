package org.trademap.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The node a worker of the cluster load submits to among the holders of its channel, and where it
 * goes when that node refuses the connection: like a client of a real deployment, to the channel's
 * next holder (in the holders' order, wrapping), where it sends the same request once more and
 * stays for its next requests.
 *
 * <p>Only a refused connection ({@link ConnectException}) moves it: then nothing was sent and the
 * node cannot have seen the transactions. Any other failure (a timeout, a connection reset after
 * sending) may come after the node accepted them, so the request is not sent again, and neither is
 * one that the next holder refuses too (the worker's next request moves on from there). Only the
 * thread of its worker uses it.
 */
final class ChannelTarget {
  private final List<Cluster.Node> holders;
  private final Duration timeout;
  private final Map<String, Long> redirects = new TreeMap<>();
  private int at;

  /**
   * Starts at {@code start}, one of {@code holders}; each request must be answered within {@code
   * timeout}.
   */
  ChannelTarget(List<Cluster.Node> holders, Cluster.Node start, Duration timeout) {
    this.holders = List.copyOf(holders);
    this.at = this.holders.indexOf(start);
    if (at < 0) {
      throw new IllegalArgumentException(
          start.id()
              + " is not among the holders "
              + this.holders.stream().map(Cluster.Node::id).toList());
    }
    this.timeout = timeout;
  }

  /** The node the next request goes to. */
  Cluster.Node node() {
    return holders.get(at);
  }

  /**
   * The requests sent once more at the next holder after a refused connection, by move ({@code
   * "sec-1 -> sec-2"}).
   */
  Map<String, Long> redirects() {
    return Collections.unmodifiableMap(redirects);
  }

  /**
   * Posts {@code body} (JSON) to {@code path} at the node, or, if it refuses the connection and the
   * channel has another holder, at the next one.
   */
  HttpResponse<String> post(HttpClient http, String path, String body)
      throws IOException, InterruptedException {
    try {
      return send(http, path, body);
    } catch (ConnectException refused) {
      if (holders.size() == 1) {
        throw refused;
      }
      String from = node().id();
      at = (at + 1) % holders.size();
      redirects.merge(from + " -> " + node().id(), 1L, Long::sum);
      return send(http, path, body);
    }
  }

  private HttpResponse<String> send(HttpClient http, String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(node().uri(path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

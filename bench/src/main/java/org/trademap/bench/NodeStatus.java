package org.trademap.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one node answers on {@code GET /api/v1/ledger/status}: per channel it holds (the default
 * channel first) its height, head, Raft role and the leader it knows.
 *
 * @param node the organisation whose node answered
 * @param channels every channel the node holds, the default channel first
 */
record NodeStatus(String node, List<NodeStatus.Channel> channels) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One channel as the node sees it.
   *
   * @param channel its name
   * @param height the last block the node committed
   * @param headHash that block's hash
   * @param role the node's Raft role in it
   * @param leader the leader the node knows; null while it knows none
   */
  record Channel(
      String channel, long height, String headHash, String role, @Nullable String leader) {
    boolean leading() {
      return "leader".equalsIgnoreCase(role);
    }
  }

  NodeStatus {
    channels = List.copyOf(channels);
  }

  /** The default channel. */
  Channel main() {
    return channels.getFirst();
  }

  /** The node's status; empty if it does not answer 200 with a status document in time. */
  static Optional<NodeStatus> of(HttpClient http, Cluster.Node node, Duration timeout) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(node.uri("api/v1/ledger/status"))
                  .timeout(timeout)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return Optional.empty();
      }
      List<Channel> channels = new ArrayList<>();
      for (JsonNode c : JSON.readTree(r.body()).path("channels")) {
        String leader = c.path("leader").asString("");
        channels.add(
            new Channel(
                c.path("channel").asString(""),
                c.path("height").asLong(-1),
                c.path("headHash").asString(""),
                c.path("role").asString(""),
                leader.isEmpty() ? null : leader));
      }
      return channels.isEmpty()
          ? Optional.empty()
          : Optional.of(new NodeStatus(node.id(), channels));
    } catch (IOException | JacksonException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchFailure("interrupted while asking " + node.id() + " for its status", e);
    }
  }
}

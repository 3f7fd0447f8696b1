package org.trademap.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.core.config.ConsortiumLayout;
import org.trademap.ledger.core.config.NodeConfigFile;
import org.trademap.ledger.core.node.NodeFiles;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running local consortium as {@code consortium init} wrote it and {@code consortium up} started
 * it: its nodes' HTTP addresses from {@code D/consortium.json}, the genesis document, and the
 * consortium organisation's signing key (the only role that registers subjects).
 *
 * <p>The benchmarks put their load on the genesis document's first channel ({@code all} in trust
 * model b, {@code consortium} in model a), so {@code nodes} are the nodes that hold it: every node
 * in model b, the consortium's and the notary's in model a (a company's node holds only its
 * relationship channel and would refuse the transactions).
 *
 * @param dir the consortium directory
 * @param nodes the nodes that hold the benchmarked channel, in the order of {@code consortium.json}
 * @param genesis the chain
 * @param signer the consortium organisation's key
 * @param holders every channel of the genesis document with the nodes that hold it, in the order of
 *     {@code consortium.json} (the scaling benchmark loads model a's relationship channels)
 */
record Cluster(
    Path dir,
    List<Cluster.Node> nodes,
    Genesis genesis,
    KeyPair signer,
    Map<String, List<Cluster.Node>> holders) {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

  /**
   * One organisation's node.
   *
   * @param id its organisation
   * @param role the organisation's role
   * @param base its server's address, {@code http://host:port}
   */
  record Node(String id, String role, URI base) {
    URI uri(String path) {
      return base.resolve(path);
    }
  }

  /** Reads {@code dir/consortium.json} and the files it names. */
  static Cluster read(Path dir) {
    Path index = dir.resolve(ConsortiumLayout.INDEX_FILE);
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(index));
    } catch (IOException | JacksonException e) {
      throw new BenchFailure("no consortium in " + dir + " (cannot read " + index + ": " + e + ")");
    }
    JsonNode orgs = root.path("orgs");
    if (!orgs.isArray() || orgs.isEmpty()) {
      throw new BenchFailure(index + " lists no organisations");
    }
    List<Node> nodes = new ArrayList<>();
    Map<String, List<Node>> holders = new LinkedHashMap<>();
    KeyPair signer = null;
    Genesis genesis = null;
    for (JsonNode org : orgs) {
      String id = org.path("id").asString("");
      String role = org.path("role").asString("");
      String config = org.path("config").asString("");
      if (id.isEmpty() || config.isEmpty()) {
        throw new BenchFailure(index + ": every organisation has an id and a config");
      }
      NodeConfigFile c;
      try {
        c = NodeConfigFile.load(dir.resolve(config));
      } catch (RuntimeException e) {
        throw new BenchFailure(id + "'s configuration: " + e.getMessage(), e);
      }
      if (genesis == null) {
        genesis = NodeFiles.readGenesis(c.genesis());
      }
      String host = c.raftHost().contains(":") ? "[" + c.raftHost() + "]" : c.raftHost();
      Node node = new Node(id, role, URI.create("http://" + host + ":" + c.httpPort() + "/"));
      if (c.channels().contains(genesis.channel())) {
        nodes.add(node);
      }
      for (String channel : c.channels()) {
        holders.computeIfAbsent(channel, k -> new ArrayList<>()).add(node);
      }
      if (KycRegistry.CONSORTIUM_ROLE.equals(role) && signer == null) {
        signer = NodeFiles.readKey(c.signingKey());
      }
    }
    if (signer == null || genesis == null) {
      throw new BenchFailure(
          index + " has no organisation of role consortium, whose key registers subjects");
    }
    Map<String, List<Node>> byChannel = new LinkedHashMap<>();
    for (Genesis.Channel channel : genesis.channels()) {
      byChannel.put(channel.name(), List.copyOf(holders.getOrDefault(channel.name(), List.of())));
    }
    return new Cluster(dir, List.copyOf(nodes), genesis, signer, byChannel);
  }

  /** A client for the nodes' HTTP API (HTTP/1.1, one connection per outstanding request). */
  static HttpClient httpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** Fails naming every node that does not answer its ledger status. */
  void requireAnswering(HttpClient http) {
    List<String> down = new ArrayList<>();
    for (Node n : nodes) {
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(n.uri("api/v1/ledger/status"))
                    .timeout(STATUS_TIMEOUT)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
          down.add(n.id() + " (HTTP " + r.statusCode() + ")");
        }
      } catch (IOException e) {
        down.add(n.id() + " (" + e + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchFailure("interrupted while asking the nodes for their status", e);
      }
    }
    if (!down.isEmpty()) {
      throw new BenchFailure(
          "not every node answers at "
              + dir
              + " (start them with bin/trademap consortium up --dir "
              + dir
              + "): "
              + String.join(", ", down));
    }
  }
}

package org.trademap.ledger.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.core.node.NodeConfig;
import org.trademap.ledger.core.node.NodeFiles;
import org.trademap.ledger.core.tls.TlsIdentity;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a ready local consortium into a directory: per organisation its signing key, TLS key and
 * certificate and node configuration; one genesis document listing them all; and {@code
 * consortium.json}, the index that tools use to start and find the nodes.
 *
 * <pre>
 * D/genesis.json
 * D/consortium.json
 * D/&lt;org&gt;/node.key  tls.key  tls.crt  node.json  data/
 * </pre>
 */
public final class ConsortiumLayout {
  /** The consortium-wide channel of trust model b. */
  public static final String MODEL_B_CHANNEL = "all";

  /** Trust model a's channel of the consortium and the notary: the consortium's own records. */
  public static final String MODEL_A_CHANNEL = "consortium";

  /** Trust model a's channel of one relationship: {@code rel-<company>}. */
  public static final String RELATIONSHIP_PREFIX = "rel-";

  /**
   * The two trust models of the JPX prototype.
   *
   * <ul>
   *   <li>{@code B} (all participants): one channel {@value #MODEL_B_CHANNEL} of every
   *       organisation; every node executes every transaction.
   *   <li>{@code A} (related party + notary): a channel {@value #MODEL_A_CHANNEL} of the consortium
   *       and the notary, and one channel per securities company, {@code rel-<company>}, of the
   *       consortium, that company and the notary; a node replicates only its channels.
   * </ul>
   */
  public enum Model {
    A,
    B;

    /** {@code a} or {@code b}. */
    public static Model parse(String s) {
      return switch (s) {
        case "a" -> A;
        case "b" -> B;
        default -> throw new IllegalArgumentException("--model must be a or b, not '" + s + "'");
      };
    }

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final String INDEX_FILE = "consortium.json";
  public static final String CONFIG_FILE = "node.json";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ConsortiumLayout() {}

  /**
   * An organisation of the consortium.
   *
   * @param id member id
   * @param role {@code consortium}, {@code securities-company} or {@code notary}
   * @param httpPort its server's HTTP port
   * @param raftPort its node's Raft port
   */
  public record Org(String id, String role, int httpPort, int raftPort) {}

  /**
   * What {@link #init} wrote.
   *
   * @param genesis the genesis document
   * @param configs each organisation's configuration file, in the order of the organisations
   */
  public record Written(Genesis genesis, List<Path> configs) {}

  /**
   * The organisations of a consortium of {@code n}: {@code consortium}, {@code sec-1} … {@code
   * sec-(n-2)} (securities companies) and {@code notary}, on consecutive ports.
   *
   * @throws IllegalArgumentException if {@code n} is below 3 or the ports run past 65535
   */
  public static List<Org> orgs(int n, int firstHttpPort, int firstRaftPort) {
    if (n < 3 || n > 100) {
      throw new IllegalArgumentException(
          "a consortium has 3 to 100 organisations (consortium, companies, notary), not " + n);
    }
    if (firstHttpPort < 1 || firstRaftPort < 1) {
      throw new IllegalArgumentException("ports start at 1");
    }
    if (firstHttpPort + n - 1 > 65535 || firstRaftPort + n - 1 > 65535) {
      throw new IllegalArgumentException("the ports of " + n + " organisations run past 65535");
    }
    List<Integer> http = new ArrayList<>();
    List<Integer> raft = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      http.add(firstHttpPort + i);
      raft.add(firstRaftPort + i);
    }
    return orgs(http, raft);
  }

  /** The organisations of a consortium with one HTTP and one Raft port each, given. */
  public static List<Org> orgs(List<Integer> httpPorts, List<Integer> raftPorts) {
    int n = httpPorts.size();
    if (raftPorts.size() != n) {
      throw new IllegalArgumentException("one HTTP and one Raft port per organisation");
    }
    HashSet<Integer> all = new HashSet<>(httpPorts);
    all.addAll(raftPorts);
    if (all.size() != 2 * n) {
      throw new IllegalArgumentException("the ports of the organisations overlap");
    }
    List<Org> orgs = new ArrayList<>();
    orgs.add(new Org("consortium", "consortium", httpPorts.get(0), raftPorts.get(0)));
    for (int i = 1; i < n - 1; i++) {
      orgs.add(new Org("sec-" + i, "securities-company", httpPorts.get(i), raftPorts.get(i)));
    }
    orgs.add(new Org("notary", "notary", httpPorts.get(n - 1), raftPorts.get(n - 1)));
    return orgs;
  }

  /** Writes a trust model b consortium (tests and tools that need no choice). */
  public static Written init(
      Path dir,
      List<Org> orgs,
      String host,
      Map<String, Integer> contracts,
      Instant now,
      SecureRandom random) {
    return init(dir, orgs, Model.B, host, contracts, now, random);
  }

  /**
   * The channels of a consortium in a trust model, the default channel first.
   *
   * @throws IllegalArgumentException for model a without exactly one {@code consortium} and one
   *     {@code notary} organisation
   */
  public static List<Genesis.Channel> channels(List<Org> orgs, Model model) {
    List<String> ids = orgs.stream().map(Org::id).toList();
    if (model == Model.B) {
      return List.of(new Genesis.Channel(MODEL_B_CHANNEL, ids));
    }
    String consortium = only(orgs, "consortium");
    String notary = only(orgs, "notary");
    List<Genesis.Channel> channels = new ArrayList<>();
    channels.add(new Genesis.Channel(MODEL_A_CHANNEL, List.of(consortium, notary)));
    for (Org org : orgs) {
      if (org.role().equals("securities-company")) {
        channels.add(
            new Genesis.Channel(
                RELATIONSHIP_PREFIX + org.id(), List.of(consortium, org.id(), notary)));
      }
    }
    return channels;
  }

  private static String only(List<Org> orgs, String role) {
    List<String> found = orgs.stream().filter(o -> o.role().equals(role)).map(Org::id).toList();
    if (found.size() != 1) {
      throw new IllegalArgumentException(
          "trust model a needs exactly one organisation of role " + role + ", not " + found);
    }
    return found.getFirst();
  }

  /**
   * Writes a consortium in a trust model (see {@link Model}); governance is approved by a majority
   * of all organisations, and in model a each channel's by a majority of its members (policy {@code
   * governance.<channel>}).
   *
   * @param dir an empty or missing directory
   * @param host the loopback (or other) address every node binds to and is reached at
   * @param contracts the contract versions the consortium starts with
   * @throws IllegalArgumentException if {@code dir} holds anything
   */
  public static Written init(
      Path dir,
      List<Org> orgs,
      Model model,
      String host,
      Map<String, Integer> contracts,
      Instant now,
      SecureRandom random) {
    return init(
        dir, orgs, model, host, NodeConfig.DEFAULT_ELECTION_TIMEOUT, contracts, now, random);
  }

  /**
   * Writes a consortium in a trust model, every node with the least Raft election timeout {@code
   * electionTimeout} (see {@link NodeConfig#electionTimeout()}): many nodes on one machine of few
   * cores may need a longer one than the default, so that a node whose JVM waits for the CPU (a
   * collection, the other nodes' work) is not taken for a failed one.
   *
   * @throws IllegalArgumentException if {@code dir} holds anything, or the timeout is outside
   *     {@link NodeConfig#MIN_ELECTION_TIMEOUT} to {@link NodeConfig#MAX_ELECTION_TIMEOUT}
   */
  public static Written init(
      Path dir,
      List<Org> orgs,
      Model model,
      String host,
      Duration electionTimeout,
      Map<String, Integer> contracts,
      Instant now,
      SecureRandom random) {
    NodeConfig.requireElectionTimeout(electionTimeout);
    List<Genesis.Channel> channels = channels(orgs, model);
    requireEmpty(dir);
    List<Genesis.Member> members = new ArrayList<>();
    for (Org org : orgs) {
      Path orgDir = dir.resolve(org.id());
      KeyPair key = KeyPair.generate(random);
      NodeFiles.writeKey(orgDir.resolve(NodeFiles.KEY_FILE), key);
      TlsIdentity tls = TlsIdentity.generate(org.id(), List.of(host, "localhost"), now, random);
      tls.write(
          orgDir.resolve(NodeFiles.TLS_CERTIFICATE_FILE), orgDir.resolve(NodeFiles.TLS_KEY_FILE));
      members.add(new Genesis.Member(org.id(), org.role(), key.publicKey(), tls.certificate()));
    }
    List<String> ids = orgs.stream().map(Org::id).toList();
    Map<String, Genesis.Policy> policies = new HashMap<>();
    policies.put(Genesis.GOVERNANCE, new Genesis.Policy(ids.size() / 2 + 1, ids));
    if (model == Model.A) {
      // A relationship channel has three members: a majority of all organisations would soon need
      // more signers than it has (ADR 0033).
      for (Genesis.Channel c : channels) {
        policies.put(
            Genesis.channelGovernance(c.name()),
            new Genesis.Policy(c.members().size() / 2 + 1, c.members()));
      }
    }
    Genesis genesis =
        Genesis.consortium(now.toEpochMilli(), members, channels, policies, contracts);
    Path genesisFile = dir.resolve(NodeFiles.GENESIS_FILE);
    NodeFiles.writeGenesis(genesisFile, genesis);
    List<Path> configs = new ArrayList<>();
    for (Org org : orgs) {
      Path orgDir = dir.resolve(org.id());
      List<NodeConfig.Peer> peers =
          orgs.stream()
              .filter(o -> !o.id().equals(org.id()))
              .map(o -> new NodeConfig.Peer(o.id(), host, o.raftPort()))
              .toList();
      Path config = orgDir.resolve(CONFIG_FILE);
      write(
          config,
          new NodeConfigFile(
                  config,
                  org.id(),
                  orgDir.resolve("data"),
                  org.httpPort(),
                  host,
                  org.raftPort(),
                  genesisFile,
                  orgDir.resolve(NodeFiles.KEY_FILE),
                  orgDir.resolve(NodeFiles.TLS_CERTIFICATE_FILE),
                  orgDir.resolve(NodeFiles.TLS_KEY_FILE),
                  peers,
                  channels.stream()
                      .filter(c -> c.members().contains(org.id()))
                      .map(Genesis.Channel::name)
                      .toList(),
                  electionTimeout,
                  NodeConfig.DEFAULT_LOG_WRITE_BUFFER_BYTES,
                  NodeConfig.Checkpointing.DEFAULT)
              .json());
      configs.add(config);
    }
    ObjectNode index = JSON.createObjectNode();
    index.put("model", model.label());
    index.put("chainId", genesis.chainId().hex());
    index.put("genesis", NodeFiles.GENESIS_FILE);
    ArrayNode list = index.putArray("orgs");
    for (int i = 0; i < orgs.size(); i++) {
      Org org = orgs.get(i);
      ObjectNode n = list.addObject();
      n.put("id", org.id());
      n.put("role", org.role());
      n.put("httpPort", org.httpPort());
      n.put("raftPort", org.raftPort());
      n.put("config", dir.relativize(configs.get(i)).toString());
      n.putNull("pid");
    }
    write(dir.resolve(INDEX_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(index));
    return new Written(genesis, configs);
  }

  private static void requireEmpty(Path dir) {
    try {
      if (Files.exists(dir)) {
        if (!Files.isDirectory(dir)) {
          throw new IllegalArgumentException(dir + " exists and is not a directory");
        }
        try (Stream<Path> s = Files.list(dir)) {
          if (s.findAny().isPresent()) {
            throw new IllegalArgumentException(
                dir + " is not empty: a consortium is written into an empty directory only");
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(
          file, text.endsWith("\n") ? text : text + "\n", StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}

package org.trademap.ledger.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.Transaction;
import org.trademap.ledger.core.node.NodeConfig;
import org.trademap.ledger.core.node.NodeFiles;
import org.trademap.ledger.core.tls.TlsIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A consortium node's configuration file: which organisation it is, where its data, keys and
 * genesis document are, its ports, its peers and its channels. Relative paths are taken from the
 * file's directory.
 *
 * <pre>{@code
 * {
 *   "org": "sec-1",
 *   "dataDir": "data",
 *   "httpPort": 8082,
 *   "raft": {"host": "127.0.0.1", "port": 9872, "electionTimeoutMillis": 1000,
 *            "logWriteBufferBytes": 33554432},
 *   "genesis": "../genesis.json",
 *   "signingKey": "node.key",
 *   "tls": {"certificate": "tls.crt", "privateKey": "tls.key"},
 *   "peers": [{"org": "consortium", "host": "127.0.0.1", "raftPort": 9871}],
 *   "channels": ["consortium"],
 *   "checkpoints": {"everyBlocks": 100, "intervalMillis": 10000}
 * }
 * }</pre>
 *
 * <p>{@code raft.electionTimeoutMillis}, {@code raft.logWriteBufferBytes} and {@code checkpoints}
 * are optional, with the defaults of {@link NodeConfig} (shown above): the least election timeout
 * (100 to 60,000 ms; the greatest is twice it, and leaders send heartbeats about every half of it,
 * in every Raft group), the direct-memory buffer of each Raft group's log (1 MiB to 64 MiB; a block
 * larger than it cannot be written), and signed checkpoints at every {@code everyBlocks} blocks,
 * compared with the other members' right after such a height and otherwise every {@code
 * intervalMillis} (at least 100; ADR 0029, 0037).
 *
 * <p>{@link #load} checks everything before a node starts, and names every problem at once: the
 * shape (unknown or missing fields, types, ranges, duplicates) and the fit with the files it names
 * (the genesis document lists the organisation with this signing key and this certificate, the
 * certificate and its private key belong together, every channel exists and has the organisation,
 * every other member of its channels has an address among the peers, every peer is a member).
 *
 * @param file the configuration file
 * @param org the organisation's member id
 * @param dataDir the node's data directory (ledger, Raft log, the server's database)
 * @param httpPort the server's HTTP port
 * @param raftHost the address the Raft server binds to and peers reach it at
 * @param raftPort the Raft (gRPC, mutual TLS) port
 * @param genesis the consortium's genesis document
 * @param signingKey the Ed25519 private key file
 * @param tlsCertificate the node's certificate (PEM)
 * @param tlsPrivateKey its private key (PEM)
 * @param peers the other members' nodes
 * @param channels the channels this node holds
 * @param electionTimeout the least Raft election timeout
 * @param logWriteBufferBytes each Raft group's log write buffer
 * @param checkpoints when the node signs and compares checkpoints
 */
public record NodeConfigFile(
    Path file,
    String org,
    Path dataDir,
    int httpPort,
    String raftHost,
    int raftPort,
    Path genesis,
    Path signingKey,
    Path tlsCertificate,
    Path tlsPrivateKey,
    List<NodeConfig.Peer> peers,
    List<String> channels,
    Duration electionTimeout,
    long logWriteBufferBytes,
    NodeConfig.Checkpointing checkpoints) {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> TOP =
      Set.of(
          "org",
          "dataDir",
          "httpPort",
          "raft",
          "genesis",
          "signingKey",
          "tls",
          "peers",
          "channels",
          "checkpoints");

  public NodeConfigFile {
    peers = List.copyOf(peers);
    channels = List.copyOf(channels);
  }

  /**
   * Reads and checks a configuration file.
   *
   * @throws ConfigException naming every problem found
   */
  public static NodeConfigFile load(Path file) {
    Path config = file.toAbsolutePath().normalize();
    Problems p = new Problems();
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(config));
    } catch (IOException e) {
      throw new ConfigException(config, List.of("cannot read the file: " + e.getMessage()));
    } catch (RuntimeException e) {
      throw new ConfigException(config, List.of("not valid JSON: " + firstLine(e.getMessage())));
    }
    if (!(root instanceof ObjectNode)) {
      throw new ConfigException(config, List.of("the configuration must be a JSON object"));
    }
    Path parent = config.getParent();
    Path base = parent == null ? Path.of("/") : parent;
    p.onlyKnown(root, "", TOP);
    String org = p.name(root, "org", "org");
    Path dataDir = p.path(base, root, "dataDir", "dataDir");
    Integer httpPort = p.port(root, "httpPort", "httpPort");
    JsonNode raft = p.object(root, "raft", "raft");
    String raftHost = null;
    Integer raftPort = null;
    Long electionMillis = NodeConfig.DEFAULT_ELECTION_TIMEOUT.toMillis();
    Long writeBuffer = NodeConfig.DEFAULT_LOG_WRITE_BUFFER_BYTES;
    if (raft != null) {
      p.onlyKnown(
          raft, "raft.", Set.of("host", "port", "electionTimeoutMillis", "logWriteBufferBytes"));
      raftHost = p.host(raft, "host", "raft.host");
      raftPort = p.port(raft, "port", "raft.port");
      electionMillis =
          p.optionalLong(
              raft,
              "electionTimeoutMillis",
              "raft.electionTimeoutMillis",
              NodeConfig.MIN_ELECTION_TIMEOUT.toMillis(),
              NodeConfig.MAX_ELECTION_TIMEOUT.toMillis(),
              electionMillis);
      writeBuffer =
          p.optionalLong(
              raft,
              "logWriteBufferBytes",
              "raft.logWriteBufferBytes",
              NodeConfig.MIN_LOG_WRITE_BUFFER_BYTES,
              NodeConfig.MAX_LOG_WRITE_BUFFER_BYTES,
              writeBuffer);
    }
    NodeConfig.Checkpointing checkpoints = p.checkpoints(root);
    Path genesis = p.path(base, root, "genesis", "genesis");
    Path signingKey = p.path(base, root, "signingKey", "signingKey");
    JsonNode tls = p.object(root, "tls", "tls");
    Path certificate = null;
    Path privateKey = null;
    if (tls != null) {
      p.onlyKnown(tls, "tls.", Set.of("certificate", "privateKey"));
      certificate = p.path(base, tls, "certificate", "tls.certificate");
      privateKey = p.path(base, tls, "privateKey", "tls.privateKey");
    }
    List<NodeConfig.Peer> peers = p.peers(root, org);
    List<String> channels = p.channels(root);
    if (httpPort != null && httpPort.equals(raftPort)) {
      p.add("httpPort and raft.port must differ (both are " + httpPort + ")");
    }
    for (NodeConfig.Peer peer : peers) {
      if (raftPort != null && peer.raftPort() == raftPort && peer.host().equals(raftHost)) {
        p.add("peer " + peer.memberId() + " has this node's own raft address");
      }
    }
    if (dataDir != null && Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      p.add("dataDir " + dataDir + " exists and is not a directory");
    }
    if (!p.list.isEmpty()
        || org == null
        || dataDir == null
        || httpPort == null
        || raftHost == null
        || raftPort == null
        || genesis == null
        || signingKey == null
        || certificate == null
        || privateKey == null
        || electionMillis == null
        || writeBuffer == null
        || checkpoints == null) {
      throw new ConfigException(config, p.list);
    }
    NodeConfigFile c =
        new NodeConfigFile(
            config,
            org,
            dataDir,
            httpPort,
            raftHost,
            raftPort,
            genesis,
            signingKey,
            certificate,
            privateKey,
            peers,
            channels,
            Duration.ofMillis(electionMillis),
            writeBuffer,
            checkpoints);
    c.checkAgainstFiles(p);
    if (!p.list.isEmpty()) {
      throw new ConfigException(config, p.list);
    }
    return c;
  }

  /** Checks the configuration against the genesis document, the keys and the certificate. */
  private void checkAgainstFiles(Problems p) {
    Genesis g;
    try {
      g = NodeFiles.readGenesis(genesis);
    } catch (RuntimeException e) {
      p.add("genesis: " + rootMessage(e));
      return;
    }
    if (g.format() != Genesis.FORMAT) {
      p.add("genesis: " + genesis + " is not a consortium (format 2) genesis document");
      return;
    }
    Genesis.Member member = g.member(org).orElse(null);
    if (member == null) {
      p.add("org: " + org + " is not a member in " + genesis);
    }
    try {
      KeyPair key = NodeFiles.readKey(signingKey);
      if (member != null && !member.key().equals(key.publicKey())) {
        p.add(
            "signingKey: "
                + signingKey
                + " is not the signing key the genesis document lists for "
                + org);
      }
    } catch (RuntimeException e) {
      p.add("signingKey: " + rootMessage(e));
    }
    try {
      TlsIdentity tls = TlsIdentity.read(tlsCertificate, tlsPrivateKey);
      if (member != null && !tls.certificate().equals(member.tlsCertificate())) {
        p.add(
            "tls.certificate: "
                + tlsCertificate
                + " is not the certificate the genesis document lists for "
                + org);
      }
    } catch (RuntimeException e) {
      p.add("tls: " + rootMessage(e));
    }
    Set<String> needed = new TreeSet<>();
    for (int i = 0; i < channels.size(); i++) {
      String name = channels.get(i);
      Genesis.Channel channel = g.channel(name).orElse(null);
      if (channel == null) {
        p.add("channels[" + i + "]: channel " + name + " is not in the genesis document");
        continue;
      }
      // A channel this organisation is not a member of at genesis is allowed: its node holds the
      // group and takes part once governance adds it (ADR 0033).
      needed.addAll(channel.members());
    }
    needed.remove(org);
    Set<String> given = new HashSet<>();
    for (int i = 0; i < peers.size(); i++) {
      NodeConfig.Peer peer = peers.get(i);
      given.add(peer.memberId());
      if (g.member(peer.memberId()).isEmpty()) {
        p.add("peers[" + i + "].org: " + peer.memberId() + " is not a member in " + genesis);
      }
    }
    for (String m : needed) {
      if (!given.contains(m)) {
        p.add("peers: no address for " + m + ", a member of this node's channels");
      }
    }
  }

  /** The node configuration of the ledger engine. */
  public NodeConfig toNodeConfig() {
    return NodeConfig.consortium(
            dataDir,
            raftHost,
            raftPort,
            new NodeConfig.Consortium(
                org, genesis, signingKey, tlsCertificate, tlsPrivateKey, peers, channels))
        .withElectionTimeout(electionTimeout)
        .withLogWriteBufferBytes(logWriteBufferBytes)
        .withCheckpoints(checkpoints);
  }

  /**
   * The JSON of this configuration, as {@link #load} reads it, with paths relative to the directory
   * of {@link #file}, so a consortium directory can be moved whole.
   */
  public String json() {
    Path dir = Objects.requireNonNull(file.toAbsolutePath().getParent(), "a file has a directory");
    ObjectNode root = JSON.createObjectNode();
    root.put("org", org);
    root.put("dataDir", relative(dir, dataDir));
    root.put("httpPort", httpPort);
    ObjectNode raft = root.putObject("raft");
    raft.put("host", raftHost);
    raft.put("port", raftPort);
    raft.put("electionTimeoutMillis", electionTimeout.toMillis());
    raft.put("logWriteBufferBytes", logWriteBufferBytes);
    root.put("genesis", relative(dir, genesis));
    root.put("signingKey", relative(dir, signingKey));
    ObjectNode tls = root.putObject("tls");
    tls.put("certificate", relative(dir, tlsCertificate));
    tls.put("privateKey", relative(dir, tlsPrivateKey));
    ArrayNode ps = root.putArray("peers");
    for (NodeConfig.Peer peer : peers) {
      ObjectNode n = ps.addObject();
      n.put("org", peer.memberId());
      n.put("host", peer.host());
      n.put("raftPort", peer.raftPort());
    }
    channels.forEach(root.putArray("channels")::add);
    ObjectNode cp = root.putObject("checkpoints");
    cp.put("everyBlocks", checkpoints.everyBlocks());
    cp.put("intervalMillis", checkpoints.interval().toMillis());
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  /** Relative to the configuration's directory, so a consortium directory can be moved whole. */
  private static String relative(Path dir, Path p) {
    return dir.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize()).toString();
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getMessage() != null && c.getCause().getMessage() != null) {
      if (c instanceof IllegalArgumentException && !(c.getCause() instanceof IOException)) {
        break;
      }
      c = c.getCause();
    }
    return String.valueOf(c.getMessage());
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Collects problems while reading fields; every getter returns null for a bad field. */
  private static final class Problems {
    final List<String> list = new ArrayList<>();

    void add(String problem) {
      list.add(problem);
    }

    void onlyKnown(JsonNode obj, String prefix, Set<String> known) {
      for (String name : obj.propertyNames()) {
        if (!known.contains(name)) {
          add(
              prefix
                  + name
                  + ": unknown field (known: "
                  + String.join(", ", new TreeSet<>(known))
                  + ")");
        }
      }
    }

    @Nullable JsonNode field(JsonNode obj, String name, String path) {
      JsonNode n = obj.get(name);
      if (n == null || n.isNull()) {
        add(path + ": missing");
        return null;
      }
      return n;
    }

    @Nullable String string(JsonNode obj, String name, String path) {
      JsonNode n = field(obj, name, path);
      if (n == null) {
        return null;
      }
      if (!n.isString() || n.asString().isBlank()) {
        add(path + ": must be a non-empty string");
        return null;
      }
      return n.asString();
    }

    @Nullable String name(JsonNode obj, String name, String path) {
      String s = string(obj, name, path);
      if (s == null) {
        return null;
      }
      try {
        Transaction.checkName(s, "an organisation id");
        return s;
      } catch (IllegalArgumentException e) {
        add(path + ": " + e.getMessage() + " ('" + s + "')");
        return null;
      }
    }

    @Nullable String host(JsonNode obj, String name, String path) {
      String s = string(obj, name, path);
      if (s != null && (s.length() > 253 || !s.matches("[A-Za-z0-9.:\\-\\[\\]]+"))) {
        add(path + ": not a host name or IP address ('" + s + "')");
        return null;
      }
      return s;
    }

    @Nullable Path path(Path base, JsonNode obj, String name, String path) {
      String s = string(obj, name, path);
      if (s == null) {
        return null;
      }
      try {
        return base.resolve(s).normalize();
      } catch (RuntimeException e) {
        add(path + ": not a file path ('" + s + "')");
        return null;
      }
    }

    @Nullable Integer port(JsonNode obj, String name, String path) {
      JsonNode n = field(obj, name, path);
      if (n == null) {
        return null;
      }
      if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1 || n.asInt() > 65535) {
        add(path + ": must be a port number from 1 to 65535, not " + n);
        return null;
      }
      return n.asInt();
    }

    @Nullable JsonNode object(JsonNode obj, String name, String path) {
      JsonNode n = field(obj, name, path);
      if (n != null && !n.isObject()) {
        add(path + ": must be an object");
        return null;
      }
      return n;
    }

    /** An optional whole number from {@code min} to {@code max}; {@code absent} if not given. */
    @Nullable Long optionalLong(
        JsonNode obj, String name, String path, long min, long max, long absent) {
      JsonNode n = obj.get(name);
      if (n == null || n.isNull()) {
        return absent;
      }
      if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
        add(path + ": must be a whole number from " + min + " to " + max + ", not " + n);
        return null;
      }
      return n.asLong();
    }

    /** The optional {@code checkpoints} object; the defaults if it is not given. */
    NodeConfig.@Nullable Checkpointing checkpoints(JsonNode root) {
      NodeConfig.Checkpointing d = NodeConfig.Checkpointing.DEFAULT;
      JsonNode n = root.get("checkpoints");
      if (n == null || n.isNull()) {
        return d;
      }
      if (!n.isObject()) {
        add("checkpoints: must be an object");
        return null;
      }
      onlyKnown(n, "checkpoints.", Set.of("everyBlocks", "intervalMillis"));
      Long every =
          optionalLong(
              n, "everyBlocks", "checkpoints.everyBlocks", 1, 1_000_000_000L, d.everyBlocks());
      Long interval =
          optionalLong(
              n,
              "intervalMillis",
              "checkpoints.intervalMillis",
              NodeConfig.Checkpointing.MIN_INTERVAL.toMillis(),
              Duration.ofDays(1).toMillis(),
              d.interval().toMillis());
      if (every == null || interval == null) {
        return null;
      }
      return new NodeConfig.Checkpointing(every, Duration.ofMillis(interval));
    }

    @Nullable JsonNode array(JsonNode obj, String name, String path) {
      JsonNode n = field(obj, name, path);
      if (n != null && !n.isArray()) {
        add(path + ": must be an array");
        return null;
      }
      return n;
    }

    List<NodeConfig.Peer> peers(JsonNode root, @Nullable String self) {
      JsonNode arr = array(root, "peers", "peers");
      List<NodeConfig.Peer> peers = new ArrayList<>();
      if (arr == null) {
        return peers;
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < arr.size(); i++) {
        String at = "peers[" + i + "]";
        JsonNode n = arr.get(i);
        if (!n.isObject()) {
          add(at + ": must be an object");
          continue;
        }
        onlyKnown(n, at + ".", Set.of("org", "host", "raftPort"));
        String org = name(n, "org", at + ".org");
        String host = host(n, "host", at + ".host");
        Integer port = port(n, "raftPort", at + ".raftPort");
        if (org == null || host == null || port == null) {
          continue;
        }
        if (org.equals(self)) {
          add(at + ".org: the node itself is not one of its peers");
        } else if (!seen.add(org)) {
          add(at + ".org: " + org + " is listed twice");
        } else {
          peers.add(new NodeConfig.Peer(org, host, port));
        }
      }
      return peers;
    }

    List<String> channels(JsonNode root) {
      JsonNode arr = array(root, "channels", "channels");
      Set<String> channels = new LinkedHashSet<>();
      if (arr == null) {
        return List.of();
      }
      if (arr.isEmpty()) {
        add("channels: a node holds at least one channel");
      }
      for (int i = 0; i < arr.size(); i++) {
        JsonNode n = arr.get(i);
        String s = n.isString() ? n.asString() : null;
        try {
          if (s == null) {
            throw new IllegalArgumentException("must be a channel name");
          }
          Transaction.checkName(s, "a channel name");
          if (!channels.add(s)) {
            add("channels[" + i + "]: " + s + " is listed twice");
          }
        } catch (IllegalArgumentException e) {
          add("channels[" + i + "]: " + e.getMessage());
        }
      }
      return List.copyOf(channels);
    }
  }
}

package org.trademap.ledger.core.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.crypto.TlsCertificate;
import org.trademap.ledger.api.node.Genesis;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The node's key file and the genesis document as JSON. */
public final class NodeFiles {
  public static final String KEY_FILE = "node.key";
  public static final String GENESIS_FILE = "genesis.json";
  public static final String TLS_CERTIFICATE_FILE = "tls.crt";
  public static final String TLS_KEY_FILE = "tls.key";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private NodeFiles() {}

  /** Writes a new private key (base64 of the 32-byte seed) readable only by the owner. */
  public static KeyPair writeNewKey(Path file) {
    KeyPair key = KeyPair.generate(new SecureRandom());
    writeKey(file, key);
    return key;
  }

  public static void writeKey(Path file, KeyPair key) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(
          file,
          Base64.getEncoder().encodeToString(key.privateKeyBytes()) + "\n",
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE_NEW);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the platform's default permissions apply.
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write key file " + file, e);
    }
  }

  public static KeyPair readKey(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return KeyPair.fromPrivateKey(Base64.getDecoder().decode(text));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read key file " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "key file " + file + " does not hold a base64 Ed25519 private key", e);
    }
  }

  public static void writeGenesis(Path file, Genesis genesis) {
    try {
      Files.writeString(
          file, genesisJson(genesis), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write genesis file " + file, e);
    }
  }

  /**
   * The JSON form of a genesis document. Format 1 keeps its original shape ({@code channel},
   * members without certificates); format 2 adds certificates, {@code channels} and {@code
   * policies}.
   */
  public static String genesisJson(Genesis genesis) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", genesis.format());
    if (genesis.format() == Genesis.FORMAT_SINGLE_CHANNEL) {
      root.put("channel", genesis.channel());
    }
    root.put("timestamp", Instant.ofEpochMilli(genesis.timestampMillis()).toString());
    ArrayNode members = root.putArray("members");
    for (Genesis.Member m : genesis.members()) {
      ObjectNode n = members.addObject();
      n.put("id", m.id());
      n.put("role", m.role());
      n.put("publicKey", m.key().base64());
      TlsCertificate cert = m.tlsCertificate();
      if (cert != null) {
        n.put("tlsCertificate", cert.base64());
      }
    }
    if (genesis.format() != Genesis.FORMAT_SINGLE_CHANNEL) {
      ArrayNode channels = root.putArray("channels");
      for (Genesis.Channel c : genesis.channels()) {
        ObjectNode n = channels.addObject();
        n.put("name", c.name());
        c.members().forEach(n.putArray("members")::add);
      }
      ObjectNode policies = root.putObject("policies");
      genesis
          .policies()
          .forEach(
              (name, p) -> {
                ObjectNode n = policies.putObject(name);
                n.put("threshold", p.threshold());
                p.approvers().forEach(n.putArray("approvers")::add);
              });
    }
    ObjectNode contracts = root.putObject("contracts");
    genesis.contracts().forEach(contracts::put);
    root.put("chainId", genesis.chainId().hex());
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  /**
   * Reads a genesis document. The {@code chainId} field, if present, must match the document.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Genesis readGenesis(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read genesis file " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("genesis file " + file + " is not valid JSON", e);
    }
    try {
      Genesis g = parseGenesis(root);
      JsonNode chainId = root.get("chainId");
      if (chainId != null && !chainId.asString().equals(g.chainId().hex())) {
        throw new IllegalArgumentException(
            "chainId " + chainId.asString() + " does not match the document (" + g.chainId() + ")");
      }
      return g;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "genesis file " + file + " is invalid: " + e.getMessage(), e);
    }
  }

  private static Genesis parseGenesis(JsonNode root) {
    JsonNode formatNode = root.get("format");
    int format = formatNode == null ? Genesis.FORMAT_SINGLE_CHANNEL : formatNode.asInt();
    List<Genesis.Member> members = new ArrayList<>();
    for (JsonNode m : root.required("members")) {
      JsonNode cert = m.get("tlsCertificate");
      members.add(
          new Genesis.Member(
              m.required("id").asString(),
              m.required("role").asString(),
              PublicKey.ofBase64(m.required("publicKey").asString()),
              cert == null ? null : TlsCertificate.ofBase64(cert.asString())));
    }
    Map<String, Integer> contracts = new TreeMap<>();
    root.required("contracts")
        .properties()
        .forEach(e -> contracts.put(e.getKey(), e.getValue().asInt()));
    long time = Instant.parse(root.required("timestamp").asString()).toEpochMilli();
    if (format == Genesis.FORMAT_SINGLE_CHANNEL) {
      return new Genesis(root.required("channel").asString(), time, members, contracts);
    }
    List<Genesis.Channel> channels = new ArrayList<>();
    for (JsonNode c : root.required("channels")) {
      channels.add(new Genesis.Channel(c.required("name").asString(), strings(c, "members")));
    }
    Map<String, Genesis.Policy> policies = new TreeMap<>();
    root.required("policies")
        .properties()
        .forEach(
            e ->
                policies.put(
                    e.getKey(),
                    new Genesis.Policy(
                        e.getValue().required("threshold").asInt(),
                        strings(e.getValue(), "approvers"))));
    return new Genesis(format, time, members, channels, policies, contracts);
  }

  private static List<String> strings(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : node.required(field)) {
      out.add(n.asString());
    }
    return out;
  }
}

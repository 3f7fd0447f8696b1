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
import org.trademap.ledger.api.node.Genesis;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The node's key file and the genesis document as JSON. */
public final class NodeFiles {
  public static final String KEY_FILE = "node.key";
  public static final String GENESIS_FILE = "genesis.json";
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
    ObjectNode root = JSON.createObjectNode();
    root.put("format", Genesis.FORMAT);
    root.put("channel", genesis.channel());
    root.put("timestamp", Instant.ofEpochMilli(genesis.timestampMillis()).toString());
    ArrayNode members = root.putArray("members");
    for (Genesis.Member m : genesis.members()) {
      ObjectNode n = members.addObject();
      n.put("id", m.id());
      n.put("role", m.role());
      n.put("publicKey", m.key().base64());
    }
    ObjectNode contracts = root.putObject("contracts");
    genesis.contracts().forEach(contracts::put);
    root.put("chainId", genesis.chainId().hex());
    try {
      Files.writeString(
          file,
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write genesis file " + file, e);
    }
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
      List<Genesis.Member> members = new ArrayList<>();
      for (JsonNode m : root.required("members")) {
        members.add(
            new Genesis.Member(
                m.required("id").asString(),
                m.required("role").asString(),
                PublicKey.ofBase64(m.required("publicKey").asString())));
      }
      Map<String, Integer> contracts = new TreeMap<>();
      root.required("contracts")
          .properties()
          .forEach(e -> contracts.put(e.getKey(), e.getValue().asInt()));
      Genesis g =
          new Genesis(
              root.required("channel").asString(),
              Instant.parse(root.required("timestamp").asString()).toEpochMilli(),
              members,
              contracts);
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
}

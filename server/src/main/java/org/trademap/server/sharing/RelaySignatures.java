package org.trademap.server.sharing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.crypto.Ed25519;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.crypto.Signature;

/**
 * The signatures of the relay between a company's own server and the consortium's server (ADR
 * 0035). A relay request carries its member id, a timestamp, a random nonce and the Ed25519
 * signature of the company node's key over {@code trademap.relay.v1 LF method LF path LF timestamp
 * LF nonce LF hex(SHA-256(body))}; a decision statement (trust model b) is the signature over
 * {@code trademap.sharing.decision.v1 LF applicationRef LF decision LF hex(packageHash)}.
 */
final class RelaySignatures {
  static final String MEMBER = "TradeMap-Member";
  static final String TIMESTAMP = "TradeMap-Timestamp";
  static final String NONCE = "TradeMap-Nonce";
  static final String SIGNATURE = "TradeMap-Signature";

  /** How far a request's timestamp may be from the receiver's clock. */
  static final Duration WINDOW = Duration.ofMinutes(5);

  private static final Pattern NONCE_FORM = Pattern.compile("[0-9a-f]{32}");
  private static final HexFormat HEX = HexFormat.of();

  private RelaySignatures() {}

  /**
   * The signed parts of a relay request.
   *
   * @param member the signing member's id
   * @param timestamp when it was signed
   * @param nonce 32 hex digits, never used twice by the member
   * @param signature the Ed25519 signature
   */
  record Signed(String member, Instant timestamp, String nonce, Signature signature) {}

  /** The message a request's signature covers. */
  static byte[] requestMessage(
      String method, String path, Instant timestamp, String nonce, byte[] body) {
    return String.join(
            "\n",
            "trademap.relay.v1",
            method,
            path,
            timestamp.toString(),
            nonce,
            HEX.formatHex(Applications.sha256(body)))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The message a company's decision statement signs (trust model b). */
  static byte[] decisionMessage(String applicationRef, String decision, byte[] packageHash) {
    return String.join(
            "\n",
            "trademap.sharing.decision.v1",
            applicationRef,
            decision,
            HEX.formatHex(packageHash))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Reads the signed headers; empty if one is missing or malformed. */
  static Optional<Signed> parse(
      @Nullable String member,
      @Nullable String timestamp,
      @Nullable String nonce,
      @Nullable String signature) {
    if (member == null || timestamp == null || nonce == null || signature == null) {
      return Optional.empty();
    }
    if (member.isEmpty() || member.length() > 64 || !NONCE_FORM.matcher(nonce).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Signed(
              member,
              Instant.parse(timestamp),
              nonce,
              new Signature(Base64.getDecoder().decode(signature))));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether the signature verifies with the key. */
  static boolean verifies(PublicKey key, byte[] message, Signature signature) {
    return Ed25519.verify(key, message, signature);
  }

  /** Whether the timestamp is within {@link #WINDOW} of now. */
  static boolean fresh(Instant timestamp, Instant now) {
    return !timestamp.isBefore(now.minus(WINDOW)) && !timestamp.isAfter(now.plus(WINDOW));
  }
}

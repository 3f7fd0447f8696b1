package org.trademap.ledger.api.block;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.tx.ValidationCode;

/**
 * The result of one transaction in a block, identical on every node.
 *
 * @param txId the transaction
 * @param code the ledger's validation code
 * @param reason for {@link ValidationCode#CONTRACT_REJECTED}, the contract's own code; otherwise
 *     empty
 * @param message one sentence for people; empty when accepted
 * @param value the contract's result value when accepted
 * @param events events emitted, only when accepted
 */
public record Receipt(
    Hash txId,
    ValidationCode code,
    String reason,
    String message,
    byte[] value,
    List<ContractEvent> events) {

  public static final int MAX_EVENTS = 64;

  public static final int MAX_REASON_BYTES = 128;
  public static final int MAX_MESSAGE_BYTES = 1024;

  public Receipt {
    value = value.clone();
    events = List.copyOf(events);
    if (utf8Length(reason) > MAX_REASON_BYTES || utf8Length(message) > MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException("a receipt's reason or message is too long");
    }
    if (events.size() > MAX_EVENTS) {
      throw new IllegalArgumentException("a receipt holds at most " + MAX_EVENTS + " events");
    }
    for (ContractEvent e : events) {
      if (e.name().isEmpty() || utf8Length(e.name()) > 64) {
        throw new IllegalArgumentException("an event name has 1 to 64 bytes");
      }
    }
  }

  private static int utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  public static Receipt rejected(Hash txId, ValidationCode code, String reason, String message) {
    return new Receipt(txId, code, reason, message, new byte[0], List.of());
  }

  public boolean accepted() {
    return code == ValidationCode.OK;
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  public void write(CanonicalWriter w) {
    w.fixed(txId.bytes()).string(code.name()).string(reason).string(message).bytes(value);
    w.i32(events.size());
    for (ContractEvent e : events) {
      w.string(e.name()).bytes(e.data());
    }
  }

  public Hash hash() {
    CanonicalWriter w = new CanonicalWriter();
    write(w);
    return Hash.sha256(w.toByteArray());
  }

  public static Receipt read(CanonicalReader r) {
    Hash id = new Hash(r.fixed(Hash.SIZE, "receipt tx id"));
    String codeName = r.string(64, "validation code");
    ValidationCode code;
    try {
      code = ValidationCode.valueOf(codeName);
    } catch (IllegalArgumentException e) {
      throw new org.trademap.ledger.api.codec.EncodingException(
          "unknown validation code " + codeName);
    }
    String reason = r.string(MAX_REASON_BYTES, "reason");
    String message = r.string(MAX_MESSAGE_BYTES, "message");
    byte[] value = r.bytes("value");
    int n = r.count(MAX_EVENTS, "events");
    List<ContractEvent> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      events.add(new ContractEvent(r.string(64, "event name"), r.bytes("event data")));
    }
    return new Receipt(id, code, reason, message, value, events);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Receipt r
        && txId.equals(r.txId)
        && code == r.code
        && reason.equals(r.reason)
        && message.equals(r.message)
        && Arrays.equals(value, r.value)
        && events.equals(r.events);
  }

  @Override
  public int hashCode() {
    return txId.hashCode();
  }
}

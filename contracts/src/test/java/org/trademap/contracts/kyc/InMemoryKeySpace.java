package org.trademap.contracts.kyc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.trademap.ledger.api.block.ContractEvent;
import org.trademap.ledger.api.contract.Contract;
import org.trademap.ledger.api.contract.Outcome;

/**
 * A contract's committed key space and event log, kept in memory. {@link #execute} runs a call the
 * way the engine does: the contract writes into a {@link TestContext}, and its writes and events
 * are kept only if the outcome is accepted.
 */
public final class InMemoryKeySpace {
  private final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
  private final List<ContractEvent> events = new ArrayList<>();
  private long height;

  /** Starts a call against this key space; the builder's defaults are a consortium signer. */
  public TestContext.Builder call(String method, byte[] args) {
    return new TestContext.Builder(this, method, args).blockHeight(height + 1);
  }

  /** Invokes the contract; commits the context's writes and events only if it accepts. */
  public Outcome execute(Contract contract, TestContext context) {
    Outcome outcome = contract.invoke(context);
    if (outcome instanceof Outcome.Accepted) {
      context.writes().forEach((k, v) -> entries.put(k.clone(), v.clone()));
      context.deletes().forEach(entries::remove);
      events.addAll(context.events());
    }
    height = context.blockHeight();
    return outcome;
  }

  /** Builds the call and executes it. */
  public Outcome execute(Contract contract, TestContext.Builder call) {
    return execute(contract, call.build());
  }

  public Optional<byte[]> get(byte[] key) {
    byte[] v = entries.get(key);
    return v == null ? Optional.empty() : Optional.of(v.clone());
  }

  /** Writes a committed entry directly, e.g. to simulate damaged storage. */
  void putCommitted(byte[] key, byte[] value) {
    entries.put(key.clone(), value.clone());
  }

  /** Every committed entry as hex key to hex value, in key order. */
  public SortedMap<String, String> snapshot() {
    SortedMap<String, String> out = new TreeMap<>();
    HexFormat hex = HexFormat.of();
    entries.forEach((k, v) -> out.put(hex.formatHex(k), hex.formatHex(v)));
    return out;
  }

  /** The committed events, in order. */
  public List<ContractEvent> events() {
    return List.copyOf(events);
  }
}

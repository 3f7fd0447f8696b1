package org.trademap.contracts.kyc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.trademap.ledger.api.block.ContractEvent;
import org.trademap.ledger.api.contract.ContractContext;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.PublicKey;

/**
 * A real, map-backed {@link ContractContext} for one call: reads see the committed {@link
 * InMemoryKeySpace} overlaid with this call's own writes; writes and events stay here until the key
 * space commits them.
 */
public final class TestContext implements ContractContext {
  private final InMemoryKeySpace keySpace;
  private final String method;
  private final byte[] args;
  private final PublicKey signer;
  private final String signerMember;
  private final String signerRole;
  private final long blockHeight;
  private final long blockTimeMillis;
  private final TreeMap<byte[], byte[]> writes = new TreeMap<>(Arrays::compareUnsigned);
  private final TreeSet<byte[]> deletes = new TreeSet<>(Arrays::compareUnsigned);
  private final List<ContractEvent> events = new ArrayList<>();

  private TestContext(Builder b) {
    this.keySpace = b.keySpace;
    this.method = b.method;
    this.args = b.args.clone();
    this.signer = b.signer;
    this.signerMember = b.signerMember;
    this.signerRole = b.signerRole;
    this.blockHeight = b.blockHeight;
    this.blockTimeMillis = b.blockTimeMillis;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public byte[] args() {
    return args.clone();
  }

  @Override
  public PublicKey signer() {
    return signer;
  }

  @Override
  public String signerMember() {
    return signerMember;
  }

  @Override
  public String signerRole() {
    return signerRole;
  }

  @Override
  public Hash transactionId() {
    return Hash.sha256(method.getBytes(StandardCharsets.UTF_8), args, longBytes(blockHeight));
  }

  @Override
  public long blockHeight() {
    return blockHeight;
  }

  @Override
  public long blockTimeMillis() {
    return blockTimeMillis;
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    if (deletes.contains(key)) {
      return Optional.empty();
    }
    byte[] own = writes.get(key);
    return own != null ? Optional.of(own.clone()) : keySpace.get(key);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    deletes.remove(key);
    writes.put(key.clone(), value.clone());
  }

  @Override
  public void delete(byte[] key) {
    writes.remove(key);
    deletes.add(key.clone());
  }

  @Override
  public void emit(String name, byte[] data) {
    events.add(new ContractEvent(name, data));
  }

  /** This call's pending writes (key order). */
  SortedMap<byte[], byte[]> writes() {
    TreeMap<byte[], byte[]> copy = new TreeMap<>(Arrays::compareUnsigned);
    copy.putAll(writes);
    return copy;
  }

  /** This call's pending deletes. */
  SortedSet<byte[]> deletes() {
    TreeSet<byte[]> copy = new TreeSet<>(Arrays::compareUnsigned);
    copy.addAll(deletes);
    return copy;
  }

  /** The events this call emitted, in order. */
  List<ContractEvent> events() {
    return List.copyOf(events);
  }

  private static byte[] longBytes(long v) {
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (v >>> (56 - 8 * i));
    }
    return out;
  }

  /** Test-data builder for a call; defaults to a consortium signer at {@link #DEFAULT_TIME}. */
  public static final class Builder {
    /** 2026-01-01T00:00:00Z. */
    public static final long DEFAULT_TIME = 1_767_225_600_000L;

    private final InMemoryKeySpace keySpace;
    private final String method;
    private final byte[] args;
    private PublicKey signer = key(1);
    private String signerMember = "consortium";
    private String signerRole = KycRegistry.CONSORTIUM_ROLE;
    private long blockHeight = 1;
    private long blockTimeMillis = DEFAULT_TIME;

    Builder(InMemoryKeySpace keySpace, String method, byte[] args) {
      this.keySpace = keySpace;
      this.method = method;
      this.args = args.clone();
    }

    /** Signed by a member with this id and role (and a key derived from the id). */
    public Builder by(String member, String role) {
      this.signerMember = member;
      this.signerRole = role;
      this.signer = key(member.hashCode());
      return this;
    }

    Builder blockHeight(long height) {
      this.blockHeight = height;
      return this;
    }

    public Builder at(long blockTimeMillis) {
      this.blockTimeMillis = blockTimeMillis;
      return this;
    }

    public TestContext build() {
      return new TestContext(this);
    }

    private static PublicKey key(int seed) {
      byte[] k = new byte[PublicKey.SIZE];
      Arrays.fill(k, (byte) seed);
      k[0] = (byte) (seed >>> 8);
      return new PublicKey(k);
    }
  }
}

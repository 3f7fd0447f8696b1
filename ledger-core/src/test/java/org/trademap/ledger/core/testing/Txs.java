package org.trademap.ledger.core.testing;

import java.nio.charset.StandardCharsets;
import org.trademap.ledger.api.contract.Args;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.Transaction;
import org.trademap.ledger.core.governance.Decision;
import org.trademap.ledger.core.governance.GovernanceContract;

/** Test-data builder for transactions against {@link NotesContract}. */
public final class Txs {
  private Hash chainId;
  private String channel;
  private String contract = NotesContract.ID;
  private int version = 1;
  private String method = "put";
  private byte[] args = Args.encode(bytes("k"), bytes("v"));
  private long nonce = 1;
  private long time;

  private Txs(Genesis genesis, long time) {
    this.chainId = genesis.chainId();
    this.channel = genesis.channel();
    this.time = time;
  }

  public static Txs on(Genesis genesis, long timeMillis) {
    return new Txs(genesis, timeMillis);
  }

  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public Txs put(String key, String value) {
    this.method = "put";
    this.args = Args.encode(bytes(key), bytes(value));
    return this;
  }

  public Txs method(String m) {
    this.method = m;
    this.args = Args.encode();
    return this;
  }

  /** A call of the built-in governance contract: {@code propose} or {@code approve}. */
  public Txs governance(String governanceMethod, Decision decision) {
    this.contract = GovernanceContract.ID;
    this.version = GovernanceContract.VERSION;
    this.method = governanceMethod;
    this.args = decision.toArgs();
    return this;
  }

  public Txs args(byte[] a) {
    this.args = a.clone();
    return this;
  }

  public Txs nonce(long n) {
    this.nonce = n;
    return this;
  }

  public Txs time(long t) {
    this.time = t;
    return this;
  }

  public Txs chain(Hash c) {
    this.chainId = c;
    return this;
  }

  public Txs channel(String c) {
    this.channel = c;
    return this;
  }

  public Txs contract(String id, int v) {
    this.contract = id;
    this.version = v;
    return this;
  }

  public SignedTransaction signedBy(KeyPair key) {
    return new Transaction(
            chainId, channel, contract, version, method, args, key.publicKey(), nonce, time)
        .signWith(key);
  }
}

package org.trademap.server.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.trademap.contracts.kyc.Commitment;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.contracts.kyc.KycRegistryCalls;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.Signature;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.Transaction;
import org.trademap.ledger.core.node.LedgerNode;

/**
 * Builds signed ledger transactions for tests: {@code TestTransactions.on(genesis).signer(key)
 * .nonce(n).register("subject-1").bytes()}, or any contract's method with {@code call}. Defaults:
 * the KYC registry's current version, signed now.
 */
public final class TestTransactions {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Genesis genesis;
  private KeyPair signer;
  private long nonce = 1;
  private long timestampMillis = System.currentTimeMillis();
  private String contractId = KycRegistry.ID;
  private int contractVersion = KycRegistry.VERSION;
  private String method = KycRegistry.REGISTER;
  private byte[] args = new byte[0];

  private TestTransactions(Genesis genesis, KeyPair signer) {
    this.genesis = genesis;
    this.signer = signer;
  }

  /** A transaction for the chain of this genesis document, signed by a fresh (unknown) key. */
  public static TestTransactions on(Genesis genesis) {
    return new TestTransactions(genesis, freshKey());
  }

  /**
   * A transaction for this node's chain signed by the node's own key with its next nonce, the way
   * the server signs what it records.
   */
  public static TestTransactions byNode(LedgerNode node) {
    KeyPair key = node.nodeKey();
    return on(node.genesis()).signer(key).nonce(node.nextNonce(key.publicKey()));
  }

  /** A key no chain knows. */
  public static KeyPair freshKey() {
    return KeyPair.generate(RANDOM);
  }

  public TestTransactions signer(KeyPair key) {
    this.signer = key;
    return this;
  }

  public TestTransactions nonce(long value) {
    this.nonce = value;
    return this;
  }

  public TestTransactions timestampMillis(long value) {
    this.timestampMillis = value;
    return this;
  }

  /**
   * {@code kyc-registry.register(subjectRef, commitment)} with a commitment derived from the ref.
   */
  public TestTransactions register(String subjectRef) {
    return call(
        KycRegistry.ID, KycRegistry.VERSION, KycRegistry.REGISTER, registerArgs(subjectRef));
  }

  /**
   * A call of any contract: {@code method} of {@code contractId} with {@code args} (in the
   * contract's encoding), signed for {@code contractVersion}, the lowest version the signer
   * accepts.
   */
  public TestTransactions call(String contractId, int contractVersion, String method, byte[] args) {
    this.contractId = contractId;
    this.contractVersion = contractVersion;
    this.method = method;
    this.args = args.clone();
    return this;
  }

  /** The arguments of {@link #register}: the reference and a commitment derived from it. */
  public static byte[] registerArgs(String subjectRef) {
    return KycRegistryCalls.register(
        subjectRef,
        new Commitment(
            Hash.sha256(("commitment:" + subjectRef).getBytes(StandardCharsets.UTF_8)).bytes()));
  }

  public SignedTransaction sign() {
    return new Transaction(
            genesis.chainId(),
            genesis.channel(),
            contractId,
            contractVersion,
            method,
            args,
            signer.publicKey(),
            nonce,
            timestampMillis)
        .signWith(signer);
  }

  /** The canonical signed bytes. */
  public byte[] bytes() {
    return sign().encode();
  }

  /** The same transaction with one bit of its signature flipped. */
  public byte[] bytesWithFlippedSignatureBit() {
    SignedTransaction signed = sign();
    byte[] sig = signed.signature().bytes();
    sig[0] ^= 1;
    return new SignedTransaction(signed.body(), new Signature(sig)).encode();
  }

  /** The JSON body of {@code POST /api/v1/ledger/transactions} for these bytes. */
  public static String submitBody(byte[] signedTransaction) {
    return "{\"transaction\":\"" + Base64.getEncoder().encodeToString(signedTransaction) + "\"}";
  }

  /** The transaction id of signed bytes, hex. */
  public static String txId(byte[] signedTransaction) {
    return Hash.sha256(signedTransaction).hex();
  }
}

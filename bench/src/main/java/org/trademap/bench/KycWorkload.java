package org.trademap.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.trademap.contracts.kyc.Commitment;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.contracts.kyc.KycRegistryCalls;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.Transaction;

/**
 * The JPX "new registration of personal information" workload: {@code kyc-registry.register}
 * transactions, each with a fresh subject reference and a random 32-byte commitment, signed by a
 * consortium member. Thread-safe; the randomness comes from the caller.
 */
final class KycWorkload {
  /** The name results are filed under. */
  static final String NAME = KycRegistry.ID + "." + KycRegistry.REGISTER;

  private final Hash chainId;
  private final String channel;
  private final KeyPair signer;
  private final String refPrefix;

  /**
   * @param genesis the chain the transactions are for
   * @param signer a member with role {@code consortium}
   * @param runTag distinguishes this run's subject references from earlier runs on the same chain;
   *     letters, digits, '-' and '_' only
   */
  KycWorkload(Genesis genesis, KeyPair signer, String runTag) {
    this(genesis, genesis.channel(), signer, runTag);
  }

  /**
   * The workload on one channel of the chain.
   *
   * @param channel a channel of {@code genesis} whose members include {@code signer}'s organisation
   */
  KycWorkload(Genesis genesis, String channel, KeyPair signer, String runTag) {
    this.chainId = genesis.chainId();
    this.channel = channel;
    this.signer = signer;
    this.refPrefix = "b-" + runTag + "-";
  }

  /** A genesis document with one consortium member, {@code key}, and the registry, for JMH. */
  static Genesis genesis(KeyPair key, long timeMillis) {
    return new Genesis(
        "kyc",
        timeMillis,
        List.of(new Genesis.Member("consortium", KycRegistry.CONSORTIUM_ROLE, key.publicKey())),
        Map.of(KycRegistry.ID, KycRegistry.VERSION));
  }

  /** Subject {@code sequence} of this run: a reference unique within the run. */
  String subjectRef(long sequence) {
    return refPrefix + sequence;
  }

  /** Registers subject {@code sequence} with a random commitment, signed with {@code nonce}. */
  SignedTransaction register(
      long sequence, long nonce, long timestampMillis, SplittableRandom random) {
    byte[] commitment = new byte[Commitment.SIZE];
    random.nextBytes(commitment);
    byte[] args = KycRegistryCalls.register(subjectRef(sequence), new Commitment(commitment));
    return new Transaction(
            chainId,
            channel,
            KycRegistry.ID,
            KycRegistry.VERSION,
            KycRegistry.REGISTER,
            args,
            signer.publicKey(),
            nonce,
            timestampMillis)
        .signWith(signer);
  }

  /** {@code count} registrations with nonces {@code firstNonce, firstNonce + 1, ...}. */
  List<SignedTransaction> registrations(
      int count, long firstNonce, long timestampMillis, SplittableRandom random) {
    List<SignedTransaction> txs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      txs.add(register(firstNonce + i, firstNonce + i, timestampMillis, random));
    }
    return txs;
  }
}

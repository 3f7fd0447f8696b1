package org.trademap.ledger.api.contract;

import java.util.Optional;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.PublicKey;

/** Everything a contract may see and do while it executes one transaction. */
public interface ContractContext {

  /** The invoked method. */
  String method();

  /** The method's arguments, as the signer encoded them. */
  byte[] args();

  /** The signer of the transaction (its key was verified before the contract runs). */
  PublicKey signer();

  /** The member id of the signer from the genesis document. */
  String signerMember();

  /** The role of the signer's member (e.g. {@code consortium}, {@code securities-company}). */
  String signerRole();

  /** Id of the transaction being executed. */
  Hash transactionId();

  /** Height of the block being built. */
  long blockHeight();

  /** Time of the block being built (Unix epoch milliseconds); the only clock a contract has. */
  long blockTimeMillis();

  /** Reads a key of this contract's own key space. */
  Optional<byte[]> get(byte[] key);

  /** Writes a key of this contract's own key space. */
  void put(byte[] key, byte[] value);

  /** Deletes a key of this contract's own key space. */
  void delete(byte[] key);

  /** Emits an event that subscribers see once the block commits. */
  void emit(String name, byte[] data);
}

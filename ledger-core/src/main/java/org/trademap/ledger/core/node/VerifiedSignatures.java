package org.trademap.ledger.core.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.core.exec.SignatureChecker;

/**
 * The signatures this node already verified when a transaction was submitted to it or forwarded to
 * it, so that applying the block that holds the transaction does not verify it a second time.
 *
 * <p>A transaction id is the SHA-256 of the whole signed encoding, signature included, so the same
 * id is the same bytes and verifies the same way: the result of applying a block does not depend on
 * what is remembered here. Only this node's own verifications are remembered, each until the block
 * holding the transaction is applied here. Transactions that never reach a block here would stay,
 * so the set is emptied when it reaches its capacity; what it forgot is simply verified again.
 */
final class VerifiedSignatures implements SignatureChecker {
  private final SignatureChecker verifier;
  private final int capacity;
  private final Set<Hash> verified = ConcurrentHashMap.newKeySet();

  /**
   * @param verifier verifies the transactions not remembered here
   * @param capacity how many ids are remembered at most
   */
  VerifiedSignatures(SignatureChecker verifier, int capacity) {
    this.verifier = verifier;
    this.capacity = capacity;
  }

  /** Remembers that this transaction's signature verified. */
  void verified(Hash txId) {
    if (verified.size() >= capacity) {
      verified.clear();
    }
    verified.add(txId);
  }

  /** How many ids are remembered (tests). */
  int size() {
    return verified.size();
  }

  /** Each remembered transaction counts as verified once; the others are verified now. */
  @Override
  public boolean[] verify(List<SignedTransaction> txs) {
    boolean[] ok = new boolean[txs.size()];
    List<SignedTransaction> unknown = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < txs.size(); i++) {
      if (verified.remove(txs.get(i).id())) {
        ok[i] = true;
      } else {
        unknown.add(txs.get(i));
        at.add(i);
      }
    }
    if (!unknown.isEmpty()) {
      boolean[] checked = verifier.verify(unknown);
      for (int k = 0; k < checked.length; k++) {
        ok[at.get(k)] = checked[k];
      }
    }
    return ok;
  }
}

package org.trademap.ledger.core.exec;

import java.util.List;
import org.trademap.ledger.api.tx.SignedTransaction;

/** Verifies the signatures of many transactions, possibly in parallel; result i is for tx i. */
@FunctionalInterface
public interface SignatureChecker {

  boolean[] verify(List<SignedTransaction> transactions);

  /** Verifies one after the other on the calling thread. */
  SignatureChecker SEQUENTIAL =
      txs -> {
        boolean[] ok = new boolean[txs.size()];
        for (int i = 0; i < ok.length; i++) {
          ok[i] = txs.get(i).verifySignature();
        }
        return ok;
      };
}

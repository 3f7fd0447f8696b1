package org.trademap.ledger.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.Signature;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.core.exec.SignatureChecker;
import org.trademap.ledger.core.testing.TestChain;
import org.trademap.ledger.core.testing.Txs;

/**
 * {@link VerifiedSignatures}: a transaction verified on submit is not verified again when its block
 * is applied, once; everything else is verified, and the answers are those of a full verification.
 */
class VerifiedSignaturesTest {
  static final KeyPair KEY = TestChain.key(1);
  final Genesis genesis = TestChain.genesis(KEY, TestChain.notes().latestVersions());
  final List<SignedTransaction> checked = new ArrayList<>();
  final SignatureChecker counting =
      txs -> {
        checked.addAll(txs);
        return SignatureChecker.SEQUENTIAL.verify(txs);
      };

  SignedTransaction tx(long nonce) {
    return Txs.on(genesis, TestChain.GENESIS_TIME).nonce(nonce).signedBy(KEY);
  }

  SignedTransaction badlySigned(long nonce) {
    SignedTransaction good = tx(nonce);
    byte[] sig = good.signature().bytes();
    sig[0] ^= 1;
    return new SignedTransaction(good.body(), new Signature(sig));
  }

  @Test
  void verifiesOnlyWhatWasNotVerifiedOnSubmitAndAnswersLikeAFullVerification() {
    VerifiedSignatures v = new VerifiedSignatures(counting, 100);
    SignedTransaction a = tx(1);
    SignedTransaction b = tx(2);
    SignedTransaction bad = badlySigned(3);
    v.verified(a.id());
    List<SignedTransaction> block = List.of(b, a, bad);

    boolean[] ok = v.verify(block);

    assertThat(ok).containsExactly(SignatureChecker.SEQUENTIAL.verify(block));
    assertThat(ok).containsExactly(true, true, false);
    assertThat(checked).containsExactly(b, bad);
  }

  @Test
  void aRememberedSignatureSparesOneVerificationOnly() {
    VerifiedSignatures v = new VerifiedSignatures(counting, 100);
    SignedTransaction a = tx(1);
    v.verified(a.id());

    v.verify(List.of(a));
    v.verify(List.of(a));

    assertThat(checked).containsExactly(a);
    assertThat(v.size()).isZero();
  }

  @Test
  void forgetsEverythingWhenFullAndThenVerifiesAgain() {
    VerifiedSignatures v = new VerifiedSignatures(counting, 2);
    List<SignedTransaction> three = List.of(tx(1), tx(2), tx(3));
    three.forEach(t -> v.verified(t.id()));

    assertThat(v.size()).isEqualTo(1);
    assertThat(v.verify(three)).containsExactly(true, true, true);
    assertThat(checked).containsExactly(three.get(0), three.get(1));
  }
}

package org.trademap.ledger.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.governance.GovernanceContract;
import org.trademap.ledger.core.governance.Upgrade;
import org.trademap.ledger.core.testing.NotesContract;
import org.trademap.ledger.core.testing.TestChain;
import org.trademap.ledger.core.testing.Txs;
import org.trademap.ledger.core.verify.ChainVerifier;

/**
 * Executing blocks across a contract upgrade: each transaction runs on the version active at its
 * block's height, a transaction's version is the lowest it accepts, replay gives the same, and a
 * node without a scheduled version stops instead of computing something else.
 */
class ContractUpgradeTest {
  static final long T = TestChain.GENESIS_TIME + 60_000;
  static final KeyPair M1 = TestChain.key(21);
  static final KeyPair M2 = TestChain.key(22);

  final Genesis genesis =
      TestChain.consortiumGenesis(List.of(M1, M2), 2, 2, Map.of(NotesContract.ID, 1));
  final TestChain chain =
      new TestChain(genesis, TestChain.notesOneAndTwo(), SignatureChecker.SEQUENTIAL, M1);
  long nonce;

  SignedTransaction put(String key, int version) {
    return Txs.on(genesis, T)
        .contract(NotesContract.ID, version)
        .put(key, "x")
        .nonce(++nonce)
        .signedBy(M2);
  }

  SignedTransaction governance(KeyPair signer, String method, Upgrade u, long n) {
    return Txs.on(genesis, T).governance(method, u).nonce(n).signedBy(signer);
  }

  /** Proposes and approves notes version 2 from {@code height}; returns the upgrade. */
  Upgrade schedule(TestChain on, long height) {
    Upgrade u = new Upgrade(NotesContract.ID, 2, height);
    on.run(T, governance(M1, GovernanceContract.PROPOSE, u, 1));
    Block b = on.run(T, governance(M2, GovernanceContract.APPROVE, u, 100));
    assertThat(b.receipts().get(0).code()).isEqualTo(ValidationCode.OK);
    nonce = 100;
    return u;
  }

  static String value(Receipt r) {
    return new String(r.value(), StandardCharsets.UTF_8);
  }

  @Test
  void blocksBelowTheActivationHeightRunVersionOneAndFromItVersionTwo() {
    Upgrade u = schedule(chain, 3 + GovernanceContract.MIN_LEAD_BLOCKS);
    long u0 = u.activationHeight();
    while (chain.head().height() < u0 + 2) {
      long h = chain.head().height() + 1;
      Receipt r = chain.run(T, put("k" + h, 1)).receipts().get(0);
      assertThat(r.code()).as("height %d", h).isEqualTo(ValidationCode.OK);
      assertThat(value(r)).as("height %d", h).isEqualTo(h < u0 ? "v1" : "v2");
    }
  }

  @Test
  void aTransactionRequiringVersionTwoIsRefusedBeforeTheActivationAndRunsFromIt() {
    Upgrade u = schedule(chain, 3 + GovernanceContract.MIN_LEAD_BLOCKS);
    while (chain.head().height() < u.activationHeight() - 2) {
      chain.run(T);
    }

    Receipt early = chain.run(T, put("early", 2)).receipts().get(0);
    assertThat(chain.head().height()).isEqualTo(u.activationHeight() - 1);
    Receipt onTime = chain.run(T, put("on-time", 2)).receipts().get(0);

    assertThat(early.code()).isEqualTo(ValidationCode.WRONG_CONTRACT_VERSION);
    assertThat(onTime.code()).isEqualTo(ValidationCode.OK);
    assertThat(value(onTime)).isEqualTo("v2");
  }

  @Test
  void onSubmitAVersionThatIsScheduledPassesAndOneBeyondItDoesNot() {
    assertThat(chain.precheck(put("a", 2), T)).isEqualTo(ValidationCode.WRONG_CONTRACT_VERSION);
    schedule(chain, 3 + GovernanceContract.MIN_LEAD_BLOCKS);

    assertThat(chain.precheck(put("b", 2), T)).isEqualTo(ValidationCode.OK);
    assertThat(chain.precheck(put("c", 3), T)).isEqualTo(ValidationCode.WRONG_CONTRACT_VERSION);
  }

  @Test
  void aNodeRefusesOnSubmitAGovernanceTransactionForAVersionItDoesNotHave() {
    Upgrade v3 = new Upgrade(NotesContract.ID, 3, 1 + GovernanceContract.MIN_LEAD_BLOCKS);

    assertThat(chain.precheck(governance(M1, GovernanceContract.PROPOSE, v3, 1), T))
        .isEqualTo(ValidationCode.CONTRACT_NOT_INSTALLED);
    assertThat(chain.precheck(governance(M1, GovernanceContract.APPROVE, v3, 1), T))
        .isEqualTo(ValidationCode.CONTRACT_NOT_INSTALLED);
    Upgrade v2 = new Upgrade(NotesContract.ID, 2, 1 + GovernanceContract.MIN_LEAD_BLOCKS);
    assertThat(chain.precheck(governance(M1, GovernanceContract.PROPOSE, v2, 1), T))
        .isEqualTo(ValidationCode.OK);
  }

  @Test
  void replayFromGenesisRunsEachBlockOnItsOwnVersion() {
    Upgrade u = schedule(chain, 3 + GovernanceContract.MIN_LEAD_BLOCKS);
    while (chain.head().height() < u.activationHeight() + 3) {
      chain.run(T, put("k" + chain.head().height(), 1));
    }

    ChainVerifier.Report report =
        ChainVerifier.verify(chain.chain(), chain.contracts(), SignatureChecker.SEQUENTIAL);

    assertThat(report.problem()).isEmpty();
    assertThat(report.ok()).isTrue();
    assertThat(report.head()).isEqualTo(chain.head());
  }

  @Test
  void aNodeWithoutTheScheduledVersionStopsAtTheBlockThatSchedulesIt() {
    TestChain old = new TestChain(genesis, TestChain.notes(), SignatureChecker.SEQUENTIAL, M1);
    Upgrade u = new Upgrade(NotesContract.ID, 2, 3 + GovernanceContract.MIN_LEAD_BLOCKS);
    old.run(T, governance(M1, GovernanceContract.PROPOSE, u, 1));
    long before = old.head().height();

    assertThatThrownBy(
            () -> old.execute(T, List.of(governance(M2, GovernanceContract.APPROVE, u, 1))))
        .isInstanceOf(ContractNotInstalledException.class)
        .hasMessageContaining("contract notes version 2 is scheduled")
        .hasMessageContaining("from height " + u.activationHeight())
        .hasMessageContaining("does not have it installed");
    assertThat(old.head().height()).isEqualTo(before);
  }

  @Test
  void startingRefusesAStateWhoseScheduleNamesAVersionThatIsNotInstalled() {
    Upgrade u = schedule(chain, 3 + GovernanceContract.MIN_LEAD_BLOCKS);

    assertThatThrownBy(
            () -> ContractVersions.requireInstalled(genesis, chain.store()::get, TestChain.notes()))
        .isInstanceOf(ContractNotInstalledException.class)
        .hasMessageContaining(
            "contract notes version 2 is scheduled by the governance policy to run from height "
                + u.activationHeight());
    ContractVersions.requireInstalled(genesis, chain.store()::get, chain.contracts());
  }

  @Test
  void noRegisteredContractMayTakeTheGovernanceContractsId() {
    var impostor =
        new org.trademap.ledger.api.contract.Contract() {
          @Override
          public String id() {
            return GovernanceContract.ID;
          }

          @Override
          public int version() {
            return 1;
          }

          @Override
          public org.trademap.ledger.api.contract.Outcome invoke(
              org.trademap.ledger.api.contract.ContractContext context) {
            return org.trademap.ledger.api.contract.Outcome.accepted();
          }
        };

    assertThatThrownBy(() -> new ContractRegistry(List.of(impostor), c -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("governance");
  }
}

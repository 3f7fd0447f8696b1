package org.trademap.ledger.core.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trademap.ledger.api.block.ContractEvent;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.contract.Args;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.determinism.DeterminismChecker;
import org.trademap.ledger.core.exec.ContractVersions;
import org.trademap.ledger.core.exec.SignatureChecker;
import org.trademap.ledger.core.testing.NotesContract;
import org.trademap.ledger.core.testing.TestChain;
import org.trademap.ledger.core.testing.Txs;

/**
 * The governance contract's rules, one test each, executed in blocks by the block executor: a
 * consortium of four members whose {@code governance} policy is 2 of m1, m2, m3 (m4 is no
 * approver), with {@code notes} version 1 in the genesis document and versions 1 and 2 installed.
 */
class GovernanceContractTest {
  static final long T = TestChain.GENESIS_TIME + 60_000;
  static final long LEAD = GovernanceContract.MIN_LEAD_BLOCKS;
  static final KeyPair M1 = TestChain.key(11);
  static final KeyPair M2 = TestChain.key(12);
  static final KeyPair M3 = TestChain.key(13);
  static final KeyPair M4 = TestChain.key(14);

  final Genesis genesis =
      TestChain.consortiumGenesis(List.of(M1, M2, M3, M4), 3, 2, Map.of(NotesContract.ID, 1));
  final TestChain chain =
      new TestChain(genesis, TestChain.notesOneAndTwo(), SignatureChecker.SEQUENTIAL, M1);
  final Map<KeyPair, Long> nonces = new HashMap<>();

  long nextHeight() {
    return chain.head().height() + 1;
  }

  Receipt call(KeyPair signer, String method, Upgrade u) {
    return chain
        .run(
            T,
            Txs.on(genesis, T)
                .governance(method, u)
                .nonce(nonces.merge(signer, 1L, Long::sum))
                .signedBy(signer))
        .receipts()
        .get(0);
  }

  Receipt propose(KeyPair signer, Upgrade u) {
    return call(signer, GovernanceContract.PROPOSE, u);
  }

  Receipt approve(KeyPair signer, Upgrade u) {
    return call(signer, GovernanceContract.APPROVE, u);
  }

  /** Version 2 of notes, activating the minimum lead after the next block. */
  Upgrade v2() {
    return new Upgrade(NotesContract.ID, 2, nextHeight() + LEAD);
  }

  Schedule schedule() {
    return ContractVersions.schedule(chain.store()::get, NotesContract.ID);
  }

  static void assertRejected(Receipt r, String reason) {
    assertThat(r.code()).isEqualTo(ValidationCode.CONTRACT_REJECTED);
    assertThat(r.reason()).isEqualTo(reason);
  }

  static String value(Receipt r) {
    return new String(r.value(), StandardCharsets.UTF_8);
  }

  void emptyBlocksUntil(long height) {
    while (chain.head().height() < height) {
      chain.run(T);
    }
  }

  @Test
  void theGovernanceContractPassesTheDeterminismCheck() {
    assertThat(DeterminismChecker.check(GovernanceContract.class)).isEmpty();
  }

  @Test
  void aProposalIsTheProposersApprovalAndSchedulesNothingBelowTheThreshold() {
    Upgrade u = v2();

    Receipt r = propose(M1, u);

    assertThat(r.code()).isEqualTo(ValidationCode.OK);
    assertThat(value(r)).isEqualTo("approvals 1");
    assertThat(r.events()).extracting(ContractEvent::name).containsExactly("upgrade-proposed");
    assertThat(schedule()).isEqualTo(Schedule.NONE);
  }

  @Test
  void theApprovalThatMeetsTheThresholdSchedulesTheVersionAtTheHeight() {
    Upgrade u = v2();
    propose(M1, u);

    Receipt r = approve(M2, u);

    assertThat(r.code()).isEqualTo(ValidationCode.OK);
    assertThat(value(r)).isEqualTo("scheduled");
    assertThat(r.events())
        .extracting(ContractEvent::name)
        .containsExactly("upgrade-approved", "upgrade-scheduled");
    assertThat(schedule().steps()).containsExactly(new Schedule.Step(2, u.activationHeight()));
  }

  @Test
  void aFurtherApprovalAfterSchedulingIsRecordedAndSchedulesNothingAgain() {
    Upgrade u = v2();
    propose(M1, u);
    approve(M2, u);

    Receipt r = approve(M3, u);

    assertThat(r.code()).isEqualTo(ValidationCode.OK);
    assertThat(r.events()).extracting(ContractEvent::name).containsExactly("upgrade-approved");
    assertThat(schedule().steps()).hasSize(1);
  }

  @Test
  void refusesAProposerOutsideThePolicy() {
    assertRejected(propose(M4, v2()), "governance.not-approver");
  }

  @Test
  void refusesAnApproverOutsideThePolicy() {
    Upgrade u = v2();
    propose(M1, u);

    assertRejected(approve(M4, u), "governance.not-approver");
    assertThat(schedule()).isEqualTo(Schedule.NONE);
  }

  @Test
  void refusesAContractTheGenesisDocumentDoesNotHave() {
    assertRejected(
        propose(M1, new Upgrade("missing", 2, nextHeight() + LEAD)), "governance.unknown-contract");
  }

  @Test
  void refusesToUpgradeTheGovernanceContractItself() {
    assertRejected(
        propose(M1, new Upgrade(GovernanceContract.ID, 2, nextHeight() + LEAD)),
        "governance.unknown-contract");
  }

  @Test
  void refusesAVersionThatIsNotExactlyOneAboveTheCurrentOne() {
    assertRejected(
        propose(M1, new Upgrade(NotesContract.ID, 3, nextHeight() + LEAD)),
        "governance.not-next-version");
    assertRejected(
        propose(M1, new Upgrade(NotesContract.ID, 1, nextHeight() + LEAD)),
        "governance.not-next-version");
  }

  @Test
  void refusesAnActivationHeightWithinTheMinimumLead() {
    assertRejected(
        propose(M1, new Upgrade(NotesContract.ID, 2, nextHeight() + LEAD - 1)),
        "governance.activation-too-soon");
    assertThat(propose(M1, new Upgrade(NotesContract.ID, 2, nextHeight() + LEAD)).code())
        .isEqualTo(ValidationCode.OK);
  }

  @Test
  void refusesASecondApprovalByTheSameMember() {
    Upgrade u = v2();
    propose(M1, u);

    assertRejected(approve(M1, u), "governance.already-approved");
  }

  @Test
  void refusesAnApprovalAtTheActivationHeight() {
    Upgrade u = v2();
    propose(M1, u);
    emptyBlocksUntil(u.activationHeight() - 1);

    assertRejected(approve(M2, u), "governance.activation-reached");
    assertThat(schedule()).isEqualTo(Schedule.NONE);
  }

  @Test
  void refusesAnApprovalThatNamesNoProposal() {
    Upgrade u = v2();
    assertRejected(approve(M2, u), "governance.no-such-proposal");
    propose(M1, u);

    assertRejected(
        approve(M2, new Upgrade(NotesContract.ID, 2, u.activationHeight() + 1)),
        "governance.no-such-proposal");
  }

  @Test
  void refusesASecondOpenProposalForTheSameVersionButNotOnceTheFirstLapsed() {
    Upgrade first = v2();
    propose(M1, first);

    assertRejected(propose(M2, v2()), "governance.proposal-exists");

    emptyBlocksUntil(first.activationHeight());
    Upgrade second = v2();
    assertThat(propose(M2, second).code()).isEqualTo(ValidationCode.OK);
    assertThat(approve(M1, second).code()).isEqualTo(ValidationCode.OK);
    assertThat(schedule().steps()).containsExactly(new Schedule.Step(2, second.activationHeight()));
  }

  @Test
  void theNextUpgradeIsVersionThreeAfterTheScheduledOne() {
    Upgrade u = new Upgrade(NotesContract.ID, 2, nextHeight() + LEAD + 20);
    propose(M1, u);
    approve(M2, u);

    assertRejected(propose(M1, v2()), "governance.not-next-version");
    assertRejected(
        propose(M1, new Upgrade(NotesContract.ID, 3, u.activationHeight())),
        "governance.activation-too-soon");
    assertThat(propose(M1, new Upgrade(NotesContract.ID, 3, u.activationHeight() + 1)).code())
        .isEqualTo(ValidationCode.OK);
  }

  /** A proposal by m1, reshaped before it is signed. */
  Receipt proposeAs(java.util.function.UnaryOperator<Txs> reshape) {
    Txs tx = Txs.on(genesis, T).governance(GovernanceContract.PROPOSE, v2()).nonce(1);
    return chain.run(T, reshape.apply(tx).signedBy(M1)).receipts().get(0);
  }

  @Test
  void refusesArgumentsThatAreNoUpgrade() {
    Receipt r = proposeAs(tx -> tx.args(Args.encode(Txs.bytes("notes"))));

    assertRejected(r, "governance.bad-arguments");
  }

  @Test
  void refusesAnUnknownMethod() {
    Receipt r = proposeAs(tx -> tx.method("revoke"));

    assertRejected(r, "governance.unknown-method");
  }

  @Test
  void refusesEveryCallOnAChainWithoutAGovernancePolicy() {
    TestChain single = TestChain.of(M1, TestChain.notesOneAndTwo());
    Receipt r =
        single
            .run(
                T,
                Txs.on(single.genesis(), T)
                    .governance(
                        GovernanceContract.PROPOSE, new Upgrade(NotesContract.ID, 3, 1 + LEAD))
                    .nonce(1)
                    .signedBy(M1))
            .receipts()
            .get(0);

    assertRejected(r, "governance.no-policy");
  }
}

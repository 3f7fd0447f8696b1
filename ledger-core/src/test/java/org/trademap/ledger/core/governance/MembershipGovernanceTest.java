package org.trademap.ledger.core.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trademap.ledger.api.block.ContractEvent;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.contract.Args;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.exec.ChannelMembership;
import org.trademap.ledger.core.exec.ContractVersions;
import org.trademap.ledger.core.exec.SignatureChecker;
import org.trademap.ledger.core.testing.NotesContract;
import org.trademap.ledger.core.testing.TestChain;
import org.trademap.ledger.core.testing.Txs;
import org.trademap.ledger.core.verify.ChainVerifier;

/**
 * Membership decisions of the governance contract (ADR 0033), executed in blocks by the block
 * executor: genesis members m1…m5 with node certificates and m6 without one; channel {@code kyc} of
 * m1, m2 and m3 (a majority of its members decides, unless the channel has its own policy); the
 * {@code governance} policy is 3 of all five.
 */
class MembershipGovernanceTest {
  static final long T = TestChain.GENESIS_TIME + 60_000;
  static final KeyPair M1 = TestChain.key(21);
  static final KeyPair M2 = TestChain.key(22);
  static final KeyPair M3 = TestChain.key(23);
  static final KeyPair M4 = TestChain.key(24);
  static final KeyPair M5 = TestChain.key(25);
  static final KeyPair M6 = TestChain.key(26);
  static final Genesis BASE =
      TestChain.consortiumGenesis(List.of(M1, M2, M3, M4, M5), 5, 3, Map.of(NotesContract.ID, 1));

  /** The base members and channel {@code kyc} (m1, m2, m3), with extra policies. */
  static Genesis genesis(Map<String, Genesis.Policy> extraPolicies) {
    List<Genesis.Member> members = new ArrayList<>(BASE.members());
    members.add(new Genesis.Member("m6", "consortium", M6.publicKey()));
    Map<String, Genesis.Policy> policies = new HashMap<>(BASE.policies());
    policies.putAll(extraPolicies);
    return Genesis.consortium(
        TestChain.GENESIS_TIME,
        members,
        List.of(new Genesis.Channel("kyc", List.of("m1", "m2", "m3"))),
        policies,
        BASE.contracts());
  }

  Genesis genesis = genesis(Map.of());
  TestChain chain = chainOf(genesis);
  final Map<KeyPair, Long> nonces = new HashMap<>();

  static TestChain chainOf(Genesis g) {
    return new TestChain(g, TestChain.notesOneAndTwo(), SignatureChecker.SEQUENTIAL, M1);
  }

  SignedTransaction tx(KeyPair signer, String method, Decision d) {
    return Txs.on(genesis, T)
        .governance(method, d)
        .nonce(nonces.merge(signer, 1L, Long::sum))
        .signedBy(signer);
  }

  Receipt call(KeyPair signer, String method, Decision d) {
    return chain.run(T, tx(signer, method, d)).receipts().get(0);
  }

  Receipt propose(KeyPair signer, Decision d) {
    return call(signer, GovernanceContract.PROPOSE, d);
  }

  Receipt approve(KeyPair signer, Decision d) {
    return call(signer, GovernanceContract.APPROVE, d);
  }

  Receipt put(KeyPair signer) {
    return chain
        .run(
            T,
            Txs.on(genesis, T)
                .put("k" + nonces.size() + "-" + chain.head().height(), "v")
                .nonce(nonces.merge(signer, 1L, Long::sum))
                .signedBy(signer))
        .receipts()
        .get(0);
  }

  ChannelMembers members() {
    return ChannelMembership.members(genesis, chain.store()::get, "kyc");
  }

  static void assertRejected(Receipt r, String reason) {
    assertThat(r.code()).isEqualTo(ValidationCode.CONTRACT_REJECTED);
    assertThat(r.reason()).isEqualTo(reason);
  }

  static String value(Receipt r) {
    return new String(r.value(), StandardCharsets.UTF_8);
  }

  @Test
  void aMajorityOfTheChannelsMembersAddsAGenesisMemberWhoSignsFromTheNextBlockOn() {
    MemberChange add = MemberChange.add("kyc", "m4");
    assertThat(put(M4).code()).isEqualTo(ValidationCode.UNKNOWN_SIGNER);

    Receipt proposed = propose(M1, add);
    assertThat(value(proposed)).isEqualTo("approvals 1");
    assertThat(proposed.events())
        .extracting(ContractEvent::name)
        .containsExactly("member-change-proposed");
    assertThat(members().members()).containsExactly("m1", "m2", "m3");

    // the deciding approval and a transaction of m4 in the same block: m4 is not a member yet
    var block =
        chain.run(
            T,
            tx(M2, GovernanceContract.APPROVE, add),
            Txs.on(genesis, T).put("k", "v").nonce(nonces.merge(M4, 1L, Long::sum)).signedBy(M4));
    assertThat(value(block.receipts().get(0))).isEqualTo("decided");
    assertThat(block.receipts().get(0).events())
        .extracting(ContractEvent::name)
        .containsExactly("member-change-approved", "member-added");
    assertThat(block.receipts().get(1).code()).isEqualTo(ValidationCode.UNKNOWN_SIGNER);

    assertThat(members().members()).containsExactly("m1", "m2", "m3", "m4");
    assertThat(put(M4).code()).isEqualTo(ValidationCode.OK);
    assertThat(
            chain.precheck(
                Txs.on(genesis, T).nonce(nonces.merge(M4, 1L, Long::sum)).signedBy(M4), T))
        .isEqualTo(ValidationCode.OK);
  }

  @Test
  void aRemovedMembersTransactionsAreRefusedAndTheMajorityIsCountedOverTheRemainingMembers() {
    MemberChange remove = MemberChange.remove("kyc", "m3");
    assertThat(put(M3).code()).isEqualTo(ValidationCode.OK);
    propose(M1, remove);
    assertThat(value(approve(M3, remove))).isEqualTo("decided");

    assertThat(put(M3).code()).isEqualTo(ValidationCode.UNKNOWN_SIGNER);
    assertThat(members().members()).containsExactly("m1", "m2");
    assertThat(members().removed("m3")).isTrue();
    // two members left: a majority is both of them
    MemberChange back = MemberChange.add("kyc", "m3");
    assertThat(value(propose(M1, back))).isEqualTo("approvals 1");
    assertThat(value(approve(M2, back))).isEqualTo("decided");
    assertThat(members().members()).containsExactly("m1", "m2", "m3");
    assertThat(members().removed("m3")).isFalse();
    assertThat(put(M3).code()).isEqualTo(ValidationCode.OK);
  }

  @Test
  void aReplayFromGenesisGivesTheSameMembersAtEveryHeight() {
    MemberChange remove = MemberChange.remove("kyc", "m2");
    propose(M1, remove);
    approve(M3, remove);
    put(M2);
    put(M1);

    ChainVerifier.Report report =
        ChainVerifier.verify(chain.chain(), chain.contracts(), SignatureChecker.SEQUENTIAL);

    assertThat(report.ok()).as(report.problem()).isTrue();
  }

  @Test
  void eachMembershipRuleRejectsWithItsOwnCode() {
    assertRejected(propose(M1, MemberChange.add("other", "m4")), "governance.wrong-channel");
    assertRejected(propose(M1, MemberChange.add("kyc", "m6")), "governance.unknown-member");
    assertRejected(propose(M1, MemberChange.add("kyc", "nobody")), "governance.unknown-member");
    assertRejected(propose(M1, MemberChange.add("kyc", "m2")), "governance.already-member");
    assertRejected(propose(M1, MemberChange.remove("kyc", "m5")), "governance.not-a-member");
    assertRejected(approve(M1, MemberChange.add("kyc", "m4")), "governance.no-such-proposal");
    propose(M1, MemberChange.add("kyc", "m4"));
    assertRejected(propose(M2, MemberChange.add("kyc", "m4")), "governance.proposal-exists");
    assertRejected(approve(M1, MemberChange.add("kyc", "m4")), "governance.already-approved");
    byte[] badTag =
        Args.encode(
            "member".getBytes(StandardCharsets.UTF_8),
            "add-member".getBytes(StandardCharsets.UTF_8),
            "kyc".getBytes(StandardCharsets.UTF_8),
            "m4".getBytes(StandardCharsets.UTF_8));
    Receipt bad =
        chain
            .run(
                T,
                Txs.on(genesis, T)
                    .contract(GovernanceContract.ID, GovernanceContract.VERSION)
                    .method(GovernanceContract.PROPOSE)
                    .args(badTag)
                    .nonce(nonces.merge(M1, 1L, Long::sum))
                    .signedBy(M1))
            .receipts()
            .get(0);
    assertRejected(bad, "governance.bad-arguments");
    assertThat(members().members()).containsExactly("m1", "m2", "m3");
  }

  @Test
  void theLastMemberCannotBeRemoved() {
    MemberChange m3 = MemberChange.remove("kyc", "m3");
    propose(M1, m3);
    approve(M2, m3);
    MemberChange m2 = MemberChange.remove("kyc", "m2");
    propose(M1, m2);
    approve(M2, m2);
    assertThat(members().members()).containsExactly("m1");

    assertRejected(propose(M1, MemberChange.remove("kyc", "m1")), "governance.last-member");
  }

  @Test
  void aChannelsOwnPolicyDecidesItsMembershipAndItsUpgrades() {
    genesis = genesis(Map.of("governance.kyc", new Genesis.Policy(1, List.of("m1"))));
    chain = chainOf(genesis);

    assertRejected(propose(M2, MemberChange.add("kyc", "m4")), "governance.not-approver");
    assertThat(value(propose(M1, MemberChange.add("kyc", "m4")))).isEqualTo("decided");
    assertThat(members().members()).containsExactly("m1", "m2", "m3", "m4");
    // an upgrade on this channel needs m1 alone, not 3 of the governance policy
    long at = chain.head().height() + 1 + GovernanceContract.MIN_LEAD_BLOCKS;
    assertThat(value(propose(M1, new Upgrade(NotesContract.ID, 2, at)))).isEqualTo("scheduled");
    assertThat(ContractVersions.schedule(chain.store()::get, NotesContract.ID).steps())
        .containsExactly(new Schedule.Step(2, at));
  }

  @Test
  void aChannelPolicyMustNameAChannelOfTheDocument() {
    assertThatThrownBy(
            () -> genesis(Map.of("governance.nowhere", new Genesis.Policy(1, List.of("m1")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("governance.nowhere names channel nowhere");
  }

  @Test
  void membershipChangesReadBackFromTheirArguments() {
    MemberChange add = MemberChange.add("rel-sec-1", "sec-2");
    assertThat(Decision.fromArgs(add.toArgs())).isEqualTo(add);
    Upgrade u = new Upgrade(NotesContract.ID, 2, 40);
    assertThat(Decision.fromArgs(u.toArgs())).isEqualTo(u);
    assertThat(add).hasToString("add-member sec-2 on channel rel-sec-1");
  }
}

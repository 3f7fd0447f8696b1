package org.trademap.ledger.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.api.node.ChannelStatus;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.config.ConsortiumLayout;
import org.trademap.ledger.core.governance.Decision;
import org.trademap.ledger.core.governance.GovernanceContract;
import org.trademap.ledger.core.governance.MemberChange;
import org.trademap.ledger.core.testing.Txs;

/**
 * Channel membership by governance, in one JVM (ADR 0033): trust model a with four organisations
 * (consortium, sec-1, sec-2, notary). Channel {@code rel-sec-1} of the consortium, sec-1 and the
 * notary gets sec-2 as a fourth member, and then loses sec-1, each approved by two of its three
 * genesis members (its policy {@code governance.rel-sec-1}); each time the Raft configuration
 * follows the committed decision.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ChannelMembershipIT {
  private static final String REL = "rel-sec-1";

  /** The organisations' indexes in the consortium: the order {@code consortium init} writes. */
  private static final int CONSORTIUM = 0, SEC_1 = 1, SEC_2 = 2, NOTARY = 3;

  private long nonce = System.currentTimeMillis() * 1000;

  private final TestConsortium consortium;

  ChannelMembershipIT(@TempDir Path dir) {
    this.consortium = TestConsortium.create(dir, 4, 1024, ConsortiumLayout.Model.A);
  }

  @AfterEach
  void stop() {
    consortium.close();
  }

  private SignedTransaction put(int signer, String key) {
    return consortium.put(REL, signer, key, ++nonce);
  }

  private SignedTransaction governance(int signer, String method, Decision d) {
    return Txs.on(consortium.genesis, System.currentTimeMillis())
        .channel(REL)
        .governance(method, d)
        .nonce(++nonce)
        .signedBy(consortium.key(signer));
  }

  private SubmitResult submit(int at, SignedTransaction tx) throws Exception {
    return consortium.node(at).submit(tx.encode()).get(90, TimeUnit.SECONDS);
  }

  private String accepted(int at, SignedTransaction tx) throws Exception {
    SubmitResult r = submit(at, tx);
    assertThat(r.code()).as("%s", r).isEqualTo(ValidationCode.OK);
    return new String(
        ((SubmitResult.Committed) r).receipt().value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void aMemberAddedByGovernanceJoinsTheRaftGroupAndARemovedOneIsRefused() throws Exception {
    // sec-2's operator adds the channel to its node's configuration before the decision
    NodeConfig sec2 = consortium.configs.get(SEC_2);
    NodeConfig.Consortium c = Objects.requireNonNull(sec2.consortium());
    List<String> channels = new ArrayList<>(c.channels());
    channels.add(REL);
    consortium.configs.set(
        SEC_2,
        sec2.withConsortium(
            new NodeConfig.Consortium(
                c.memberId(),
                c.genesis(),
                c.signingKey(),
                c.tlsCertificate(),
                c.tlsPrivateKey(),
                c.peers(),
                channels)));
    consortium.startAll();
    for (int i = 0; i < 5; i++) {
      accepted(SEC_1, put(SEC_1, "before-" + i));
    }
    // a node that is not (yet) a member holds the group without taking part, and refuses its
    // own organisation's transactions there
    assertThat(consortium.node(SEC_2).replica(REL).raftPeers()).isEmpty();
    assertThat(consortium.node(SEC_2).replica(REL).status().role()).isEqualTo("joining");
    assertThat(submit(SEC_2, put(SEC_2, "too-early")).code())
        .isEqualTo(ValidationCode.UNKNOWN_SIGNER);

    // add sec-2: the consortium proposes, the notary approves (2 of the channel's 3 members)
    MemberChange add = MemberChange.add(REL, "sec-2");
    assertThat(accepted(CONSORTIUM, governance(CONSORTIUM, GovernanceContract.PROPOSE, add)))
        .isEqualTo("approvals 1");
    assertThat(accepted(NOTARY, governance(NOTARY, GovernanceContract.APPROVE, add)))
        .isEqualTo("decided");

    awaitRaftPeers(
        List.of(CONSORTIUM, SEC_1, NOTARY), Set.of("consortium", "sec-1", "sec-2", "notary"));
    long head = awaitSameHead(List.of(CONSORTIUM, SEC_1, SEC_2, NOTARY), 7);
    assertThat(consortium.node(SEC_2).replica(REL).status().members())
        .containsExactly("consortium", "sec-1", "notary", "sec-2");
    SubmitResult joined = submit(SEC_2, put(SEC_2, "joined"));
    assertThat(joined.code()).isEqualTo(ValidationCode.OK);
    assertThat(((SubmitResult.Committed) joined).height()).isGreaterThan(head);

    // remove sec-1: the channel's own policy (written by consortium init for model a) is 2 of its
    // genesis members, so sec-2 is no approver there
    // sec-1 leads when it is removed: it hands the leadership on, the next leader shrinks the group
    TestConsortium.await(
        () -> {
          try {
            return consortium.node(SEC_1).replica(REL).transferLeadershipTo("sec-1");
          } catch (java.io.IOException e) {
            return false;
          }
        },
        "sec-1 leading " + REL);
    MemberChange remove = MemberChange.remove(REL, "sec-1");
    accepted(CONSORTIUM, governance(CONSORTIUM, GovernanceContract.PROPOSE, remove));
    SubmitResult notApprover = submit(SEC_2, governance(SEC_2, GovernanceContract.APPROVE, remove));
    assertThat(((SubmitResult.Committed) notApprover).receipt().reason())
        .isEqualTo("governance.not-approver");
    SubmitResult decided = submit(NOTARY, governance(NOTARY, GovernanceContract.APPROVE, remove));
    assertThat(decided.code()).isEqualTo(ValidationCode.OK);
    long decision = ((SubmitResult.Committed) decided).height();

    SubmitResult refused = submit(CONSORTIUM, put(SEC_1, "after-removal"));
    assertThat(refused.code()).isEqualTo(ValidationCode.UNKNOWN_SIGNER);
    awaitRaftPeers(List.of(CONSORTIUM, SEC_2, NOTARY), Set.of("consortium", "sec-2", "notary"));
    SubmitResult atOwnNode = submit(SEC_1, put(SEC_1, "at-own-node"));
    assertThat(atOwnNode.code()).isEqualTo(ValidationCode.WRONG_CHANNEL);
    assertThat(consortium.node(SEC_1).replica(REL).status().role()).isEqualTo("removed");
    // the removed node leaves the Raft group: its division is gone from its Ratis server, its Raft
    // storage stays on disk (ADR 0039)
    TestConsortium.await(
        () -> !consortium.node(SEC_1).replica(REL).hasDivision(),
        "sec-1's node without a Raft division of " + REL);
    java.nio.file.Path raftStorage =
        consortium
            .configs
            .get(SEC_1)
            .dataDir()
            .resolve("raft")
            .resolve(consortium.node(SEC_1).replica(REL).group().getGroupId().getUuid().toString());
    assertThat(raftStorage).isDirectory();

    // the rest keeps committing, and every remaining node replays the chain from genesis
    for (int i = 0; i < 3; i++) {
      SubmitResult r = submit(NOTARY, put(CONSORTIUM, "after-" + i));
      assertThat(r.code()).isEqualTo(ValidationCode.OK);
      assertThat(((SubmitResult.Committed) r).height()).isGreaterThan(decision);
    }
    long end = awaitSameHead(List.of(CONSORTIUM, SEC_2, NOTARY), decision + 3);
    for (int i : List.of(CONSORTIUM, SEC_2, NOTARY)) {
      ChainVerifierReportAssert.ok(consortium.node(i).replica(REL), "node " + i);
      assertThat(consortium.node(i).replica(REL).status().members())
          .containsExactly("consortium", "notary", "sec-2");
    }
    // the removed node keeps its data, up to where it left, also after a restart; the added
    // node recovers its membership from its own storage
    consortium.stop(SEC_1);
    consortium.start(SEC_1);
    ChannelStatus left = consortium.node(SEC_1).replica(REL).status();
    assertThat(left.role()).isEqualTo("removed");
    TestConsortium.await(
        () -> !consortium.node(SEC_1).replica(REL).hasDivision(),
        "sec-1's restarted node without a Raft division of " + REL);
    assertThat(consortium.node(SEC_1).replica(REL).block(left.height())).isPresent();
    assertThat(left.height()).isBetween(decision, end);
    assertThat(submit(SEC_1, put(SEC_1, "after-restart")).code())
        .isEqualTo(ValidationCode.WRONG_CHANNEL);
    consortium.stop(SEC_2);
    consortium.start(SEC_2);
    assertThat(submit(SEC_2, put(SEC_2, "after-own-restart")).code()).isEqualTo(ValidationCode.OK);
    awaitSameHead(List.of(CONSORTIUM, SEC_2, NOTARY), end + 1);
  }

  /** Checks a replica's chain from genesis. */
  private static final class ChainVerifierReportAssert {
    static void ok(ChannelReplica r, String what) {
      var report = r.verifyChain();
      assertThat(report.ok()).as(what + ": " + report.problem()).isTrue();
    }
  }

  private void awaitRaftPeers(List<Integer> nodes, Set<String> peers) {
    TestConsortium.await(
        () -> {
          for (int i : nodes) {
            try {
              if (consortium.node(i).replica(REL).status().role().equals("leader")
                  && consortium.node(i).replica(REL).raftPeers().equals(peers)) {
                return true;
              }
            } catch (java.io.IOException e) {
              return false;
            }
          }
          return false;
        },
        "a leader of " + REL + " with the Raft peers " + peers);
  }

  private long awaitSameHead(List<Integer> nodes, long minHeight) {
    return consortium.awaitSameHead(REL, nodes, minHeight);
  }
}

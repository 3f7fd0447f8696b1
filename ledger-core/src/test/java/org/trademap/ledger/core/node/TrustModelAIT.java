package org.trademap.ledger.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.ChannelLedger;
import org.trademap.ledger.api.node.ChannelStatus;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.config.ConsortiumLayout;
import org.trademap.ledger.core.testing.Txs;

/**
 * Trust model a in one JVM: five organisations (consortium, three securities companies, notary);
 * channel {@code consortium} of the consortium and the notary, and one {@code rel-<company>}
 * channel per company of the consortium, that company and the notary. Each node runs one Ratis
 * server that hosts a Raft group per channel it is a member of.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TrustModelAIT {
  private static final int CONSORTIUM = 0;
  private static final int SEC_1 = 1;
  private static final int SEC_2 = 2;
  private static final int NOTARY = 4;

  @TempDir Path dir;

  @SuppressWarnings("NullAway.Init") // set by each test before use
  TestConsortium consortium;

  @AfterEach
  void stop() {
    if (consortium != null) {
      consortium.close();
    }
  }

  private SignedTransaction tx(int signer, String channel, String key) {
    KeyPair k = consortium.key(signer);
    return Txs.on(consortium.genesis, System.currentTimeMillis())
        .channel(channel)
        .put(key, "v")
        .nonce(System.nanoTime())
        .signedBy(k);
  }

  private SubmitResult submit(int at, SignedTransaction tx) throws Exception {
    return consortium.node(at).submit(tx.encode()).get(60, TimeUnit.SECONDS);
  }

  private static List<String> channels(LedgerNode node) {
    return node.status().channels().stream().map(ChannelStatus::channel).toList();
  }

  @Test
  void eachRelationshipIsItsOwnChannelReplicatedOnlyByItsThreeMembers() throws Exception {
    consortium = TestConsortium.create(dir, 5, 1024, ConsortiumLayout.Model.A);
    consortium.startAll();

    assertThat(channels(consortium.node(CONSORTIUM)))
        .containsExactly("consortium", "rel-sec-1", "rel-sec-2", "rel-sec-3");
    assertThat(channels(consortium.node(SEC_1))).containsExactly("rel-sec-1");
    assertThat(channels(consortium.node(SEC_2))).containsExactly("rel-sec-2");
    assertThat(channels(consortium.node(NOTARY)))
        .containsExactly("consortium", "rel-sec-1", "rel-sec-2", "rel-sec-3");
    // one Ratis server per node, whatever the number of channels
    assertThat(consortium.node(CONSORTIUM).raftPort())
        .isEqualTo(consortium.configs.get(CONSORTIUM).raftPort());

    // sec-1 records on its relationship channel through its own node
    SubmitResult r = submit(SEC_1, tx(SEC_1, "rel-sec-1", "opening-1"));
    assertThat(r.code()).isEqualTo(ValidationCode.OK);
    awaitSameHead("rel-sec-1", List.of(CONSORTIUM, SEC_1, NOTARY), 1);
    for (int i : List.of(CONSORTIUM, SEC_1, NOTARY)) {
      assertThat(consortium.node(i).channel("rel-sec-1").orElseThrow().transaction(r.txId()))
          .as("on node %d", i)
          .isPresent();
    }
    // the other companies' nodes do not hold it at all
    assertThat(consortium.node(SEC_2).channel("rel-sec-1")).isEmpty();
    assertThat(consortium.node(SEC_2).transaction(r.txId())).isEmpty();

    // the consortium's own channel is the consortium's and the notary's
    SubmitResult own = submit(CONSORTIUM, tx(CONSORTIUM, "consortium", "check-1"));
    assertThat(own.code()).isEqualTo(ValidationCode.OK);
    awaitSameHead("consortium", List.of(CONSORTIUM, NOTARY), 1);
    assertThat(consortium.node(SEC_1).channel("consortium")).isEmpty();

    // the channels are separate chains: each has its own height
    assertThat(consortium.node(NOTARY).channel("rel-sec-2").orElseThrow().status().height())
        .isZero();
  }

  @Test
  void eachCompanyLeadsItsRelationshipChannelWhileItRunsAndTheOthersLeadWhileItIsDown()
      throws Exception {
    consortium = TestConsortium.create(dir, 5, 1024, ConsortiumLayout.Model.A);
    consortium.startAll();

    for (int sec = 1; sec <= 3; sec++) {
      awaitLeader("rel-sec-" + sec, CONSORTIUM, "sec-" + sec);
    }
    // the consortium's own channel has no member of fewer channels: either may lead it
    assertThat(submit(CONSORTIUM, tx(CONSORTIUM, "consortium", "c")).code())
        .isEqualTo(ValidationCode.OK);

    consortium.stop(SEC_1);
    String interim = awaitLeaderOtherThan("rel-sec-1", CONSORTIUM, "sec-1");
    assertThat(interim).isIn("consortium", "notary");
    assertThat(submit(CONSORTIUM, tx(CONSORTIUM, "rel-sec-1", "while-down")).code())
        .isEqualTo(ValidationCode.OK);

    consortium.start(SEC_1);
    awaitLeader("rel-sec-1", CONSORTIUM, "sec-1");
    assertThat(submit(CONSORTIUM, tx(CONSORTIUM, "rel-sec-1", "after")).code())
        .isEqualTo(ValidationCode.OK);
  }

  private static final long LEADER_WAIT_MILLIS = 60_000;

  private @Nullable String leaderSeenBy(String channel, int at) {
    return consortium.node(at).channel(channel).map(c -> c.status().leader()).orElse(null);
  }

  private void awaitLeader(String channel, int at, String expected) throws InterruptedException {
    long end = System.currentTimeMillis() + LEADER_WAIT_MILLIS;
    while (!expected.equals(leaderSeenBy(channel, at)) && System.currentTimeMillis() < end) {
      Thread.sleep(100);
    }
    assertThat(leaderSeenBy(channel, at)).as("leader of %s", channel).isEqualTo(expected);
  }

  private String awaitLeaderOtherThan(String channel, int at, String gone)
      throws InterruptedException {
    long end = System.currentTimeMillis() + LEADER_WAIT_MILLIS;
    String seen = leaderSeenBy(channel, at);
    while ((seen == null || seen.equals(gone)) && System.currentTimeMillis() < end) {
      Thread.sleep(100);
      seen = leaderSeenBy(channel, at);
    }
    assertThat(seen).as("leader of %s", channel).isNotNull().isNotEqualTo(gone);
    return java.util.Objects.requireNonNull(seen);
  }

  @Test
  void aNodeRefusesChannelsItIsNotAMemberOfAndSignersOutsideTheChannel() throws Exception {
    consortium = TestConsortium.create(dir, 5, 1024, ConsortiumLayout.Model.A);
    consortium.startAll();

    // sec-2's node holds no rel-sec-1: refused, nothing recorded
    SubmitResult notHeld = submit(SEC_2, tx(SEC_1, "rel-sec-1", "x"));
    assertThat(notHeld.code()).isEqualTo(ValidationCode.WRONG_CHANNEL);
    assertThat(((SubmitResult.Refused) notHeld).message())
        .contains("does not hold channel rel-sec-1");

    // sec-2 signing for sec-1's relationship at a node that holds it: not a member of the channel
    SubmitResult outsider = submit(CONSORTIUM, tx(SEC_2, "rel-sec-1", "y"));
    assertThat(outsider.code()).isEqualTo(ValidationCode.UNKNOWN_SIGNER);
    assertThat(consortium.node(CONSORTIUM).channel("rel-sec-1").orElseThrow().status().height())
        .isZero();

    // a channel nobody has
    SubmitResult unknown = submit(CONSORTIUM, tx(CONSORTIUM, "rel-sec-9", "z"));
    assertThat(unknown.code()).isEqualTo(ValidationCode.WRONG_CHANNEL);
  }

  @Test
  void aRestartedNodeRecoversEveryChannelAndKeepsServingThem() throws Exception {
    consortium = TestConsortium.create(dir, 5, 1024, ConsortiumLayout.Model.A);
    consortium.startAll();
    assertThat(submit(SEC_1, tx(SEC_1, "rel-sec-1", "a")).code()).isEqualTo(ValidationCode.OK);
    assertThat(submit(SEC_2, tx(SEC_2, "rel-sec-2", "b")).code()).isEqualTo(ValidationCode.OK);
    awaitSameHead("rel-sec-1", List.of(CONSORTIUM, SEC_1, NOTARY), 1);
    awaitSameHead("rel-sec-2", List.of(CONSORTIUM, SEC_2, NOTARY), 1);

    consortium.stop(CONSORTIUM);
    // the relationship channels keep a majority (company + notary) without the consortium
    assertThat(submit(SEC_1, tx(SEC_1, "rel-sec-1", "c")).code()).isEqualTo(ValidationCode.OK);

    consortium.start(CONSORTIUM);
    awaitSameHead("rel-sec-1", List.of(CONSORTIUM, SEC_1, NOTARY), 2);
    awaitSameHead("rel-sec-2", List.of(CONSORTIUM, SEC_2, NOTARY), 1);
    assertThat(submit(CONSORTIUM, tx(CONSORTIUM, "rel-sec-2", "d")).code())
        .isEqualTo(ValidationCode.OK);
    awaitSameHead("rel-sec-2", List.of(CONSORTIUM, SEC_2, NOTARY), 2);
    for (String ch : List.of("consortium", "rel-sec-1", "rel-sec-2", "rel-sec-3")) {
      assertThat(consortium.node(CONSORTIUM).replica(ch).verifyChain().ok()).as(ch).isTrue();
    }
  }

  @Test
  void aReadAfterSyncSeesWhatTheChannelAcknowledgedWhileThisNodeWasDown() throws Exception {
    consortium = TestConsortium.create(dir, 4, 1024, ConsortiumLayout.Model.A);
    consortium.startAll();
    int notary = 3;
    consortium.stop(notary);
    SubmitResult last = null;
    for (int i = 0; i < 20; i++) {
      last = submit(SEC_1, tx(SEC_1, "rel-sec-1", "while-down-" + i));
      assertThat(last.code()).isEqualTo(ValidationCode.OK);
    }
    long acknowledged = ((SubmitResult.Committed) java.util.Objects.requireNonNull(last)).height();

    // started again, the notary's replica is behind until it caught up; sync waits for that
    ChannelLedger rel = consortium.start(notary).channel("rel-sec-1").orElseThrow();
    long height = rel.sync();

    assertThat(height).isGreaterThanOrEqualTo(acknowledged);
    assertThat(rel.transaction(last.txId())).isPresent();
    assertThat(rel.status().height()).isGreaterThanOrEqualTo(acknowledged);
  }

  private void awaitSameHead(String channel, List<Integer> nodes, long minHeight) {
    consortium.awaitSameHead(channel, nodes, minHeight);
  }
}

package org.trademap.ledger.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.TlsCertificate;
import org.trademap.ledger.api.node.ChannelIntegrity;
import org.trademap.ledger.api.node.LedgerStatus;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.chain.ChainStore;
import org.trademap.ledger.core.chain.Keys;
import org.trademap.ledger.core.store.RocksDbStore;
import org.trademap.ledger.core.store.WriteBatch;
import org.trademap.ledger.core.testing.Txs;
import org.trademap.ledger.core.tls.RaftTls;
import org.trademap.ledger.core.tls.TlsIdentity;

/**
 * Three consortium nodes compare signed checkpoints (every 4 blocks): one node's stored block at a
 * checkpoint height is altered while it is down, and it restarts without the start-up verification.
 * It finds a majority signed another head at that height, says so and stops serving; the other two
 * note its differing checkpoint and keep serving and agreeing. Made the leader afterwards, it hands
 * the leadership on.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CheckpointDivergenceIT {
  static final long ALTERED = 8;

  @TempDir Path dir;

  @SuppressWarnings("NullAway.Init") // set by the test before use
  TestConsortium consortium;

  @AfterEach
  void stop() {
    if (consortium != null) {
      consortium.close();
    }
  }

  /**
   * Submits transactions of organisation {@code at} at its node until every node is at {@code
   * height}.
   */
  void runTo(int at, long height) throws Exception {
    int i = 0;
    while (consortium.node(at).status().height() < height) {
      KeyPair k = consortium.key(at);
      SignedTransaction tx =
          Txs.on(consortium.genesis, System.currentTimeMillis())
              .put("k-" + at + "-" + height + "-" + i++, "v")
              .nonce(consortium.node(at).nextNonce(k.publicKey()))
              .signedBy(k);
      SubmitResult r = consortium.node(at).submit(tx.encode()).get(60, TimeUnit.SECONDS);
      assertThat(r.code()).isEqualTo(ValidationCode.OK);
    }
  }

  static ChannelIntegrity integrity(LedgerNode node) {
    return node.status().channels().getFirst().integrity();
  }

  /**
   * Gives the stored block at {@code height} another state root, as write access to the disk can.
   */
  static void alterStoredBlock(Path dataDir, long height) {
    try (RocksDbStore store = RocksDbStore.open(dataDir.resolve("state"))) {
      Block b = new ChainStore(store).block(height).orElseThrow();
      Block altered = CheckpointsTest.withOtherStateRoot(b);
      store.write(new WriteBatch().put(Keys.block(height), altered.encode()));
    }
  }

  /**
   * Stops {@code victim}, alters its stored block at {@link #ALTERED} and starts it again without
   * the start-up verification, which would refuse the altered chain before it serves anything.
   */
  LedgerNode restartAltered(int victim) {
    consortium.stop(victim);
    NodeConfig config = consortium.configs.get(victim);
    alterStoredBlock(config.dataDir(), ALTERED);
    consortium.configs.set(victim, config.withVerifyOnStart(false));
    return consortium.start(victim);
  }

  static void awaitDiverged(LedgerNode bad) {
    TestConsortium.await(
        () -> Objects.equals(integrity(bad).divergedAt(), ALTERED),
        () -> "the altered node reports divergence at " + ALTERED + ": " + integrity(bad));
  }

  /**
   * Asks the leader, as organisation {@code to}, to hand its leadership to {@code to}; repeatedly
   * for up to about half a minute: soon after the node's restart the transfer sometimes fails with
   * gRPC {@code UNAVAILABLE} several times in a row, and five tries a second apart were not always
   * enough once blocks were ordered in-process (ADR 0043: the test reaches the transfer sooner
   * after the restart). Why is not known. A reconnect backoff of the leader's channel to the
   * restarted node was the first guess, but Ratis' log appender resets that backoff on its errors
   * ({@code GrpcLogAppender.resetClient}).
   */
  void transferLeadership(int to) throws IOException {
    for (int attempt = 1; ; attempt++) {
      int from = consortium.awaitLeader();
      if (from == to) {
        return;
      }
      try {
        transferLeadership(to, from);
        return;
      } catch (IOException | AssertionError e) {
        if (attempt == 20) {
          throw e;
        }
        TestConsortium.sleep(1500);
      }
    }
  }

  void transferLeadership(int to, int from) throws IOException {
    NodeConfig.Consortium c = Objects.requireNonNull(consortium.configs.get(to).consortium());
    TlsIdentity tls = TlsIdentity.read(c.tlsCertificate(), c.tlsPrivateKey());
    Set<TlsCertificate> members = new HashSet<>();
    consortium
        .genesis
        .members()
        .forEach(m -> members.add(Objects.requireNonNull(m.tlsCertificate())));
    try (RaftClient client =
        RaftClient.newBuilder()
            .setProperties(new RaftProperties())
            .setParameters(RaftTls.parameters(tls, () -> members, Clock.systemUTC()))
            .setRaftGroup(consortium.node(from).raftGroup())
            .setRetryPolicy(
                RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                    3, TimeDuration.valueOf(500, TimeUnit.MILLISECONDS)))
            .build()) {
      RaftClientReply reply =
          client
              .admin()
              .transferLeadership(
                  RaftPeerId.valueOf(consortium.node(to).memberId()),
                  RaftPeerId.valueOf(consortium.node(from).memberId()),
                  30_000);
      assertThat(reply.isSuccess()).as("leadership moved: %s", reply.getException()).isTrue();
    }
  }

  @Test
  void aDivergedNodeMadeLeaderHandsTheLeadershipOnAndTheOthersKeepServing() throws Exception {
    consortium = TestConsortium.create(dir, 3, 1024);
    consortium.startAll();
    int leader = consortium.awaitLeader();
    int victim = consortium.follower().orElseThrow();
    runTo(leader, ALTERED + 2);
    consortium.awaitSameHead(ALTERED + 2);
    LedgerNode bad = restartAltered(victim);
    awaitDiverged(bad);

    transferLeadership(victim);

    // It led for a moment; it refuses forwarded transactions, so it hands the leadership on, and
    // the
    // others take submissions again (else these would wait for a leader that refuses them).
    TestConsortium.await(
        () -> !bad.status().role().equals("leader") && consortium.awaitLeader() != victim,
        "another member leads the channel again");
    int honest = 3 - victim - consortium.awaitLeader();
    runTo(honest, consortium.node(honest).status().height() + 3);
    assertThat(bad.isServing()).isFalse();
  }

  @Test
  void theNodeWhoseStoredBlockWasAlteredStopsServingAndNamesTheHeight() throws Exception {
    consortium = TestConsortium.create(dir, 3, 1024);
    assertThat(TestConsortium.CHECKPOINTS.everyBlocks()).isEqualTo(4);
    consortium.startAll();
    int leader = consortium.awaitLeader();
    int victim = consortium.follower().orElseThrow();
    List<Integer> honest = List.of(leader, 3 - leader - victim);

    runTo(leader, ALTERED + 2);
    consortium.awaitSameHead(ALTERED + 2);
    // Ordinary running: every node agrees with the majority on the checkpoint, nobody dissents.
    for (int i = 0; i < 3; i++) {
      LedgerNode n = consortium.node(i);
      TestConsortium.await(
          () -> integrity(n).agreedHeight() >= ALTERED,
          () -> n.memberId() + " agrees on checkpoint " + ALTERED + ": " + integrity(n));
    }
    consortium.assertNoDivergence();

    LedgerNode bad = restartAltered(victim);
    String badId = bad.memberId();

    // More checkpoints pass while it runs.
    runTo(leader, ALTERED + 10);

    awaitDiverged(bad);
    assertThat(bad.isServing()).isFalse();
    assertThat(bad.failure()).hasValueSatisfying(f -> assertThat(f).contains("height " + ALTERED));
    assertThatThrownBy(() -> bad.block(1))
        .isInstanceOf(LedgerUnavailableException.class)
        .hasMessageContaining("diverged at height " + ALTERED);
    assertThatThrownBy(() -> bad.nextNonce(consortium.key(victim).publicKey()))
        .isInstanceOf(LedgerUnavailableException.class);
    KeyPair k = consortium.key(victim);
    SignedTransaction refused =
        Txs.on(consortium.genesis, System.currentTimeMillis())
            .put("refused", "v")
            .nonce(1)
            .signedBy(k);
    assertThatThrownBy(() -> bad.submit(refused.encode()).get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(LedgerUnavailableException.class)
        .hasMessageContaining("diverged at height " + ALTERED);

    // The honest nodes note the altered node's checkpoint, keep serving and agree.
    for (int i : honest) {
      LedgerNode n = consortium.node(i);
      TestConsortium.await(
          () -> integrity(n).dissents().contains(new ChannelIntegrity.Dissent(badId, ALTERED)),
          () ->
              n.memberId()
                  + " notes "
                  + badId
                  + "'s checkpoint at "
                  + ALTERED
                  + ": "
                  + integrity(n));
      assertThat(n.isServing()).isTrue();
      assertThat(integrity(n).diverged()).isFalse();
      runTo(i, n.status().height() + 1);
    }
    long top = consortium.node(leader).status().height();
    TestConsortium.await(
        () -> {
          LedgerStatus a = consortium.node(honest.get(0)).status();
          LedgerStatus b = consortium.node(honest.get(1)).status();
          return a.height() >= top && a.headHash().equals(b.headHash()) && a.height() == b.height();
        },
        "the two honest nodes have the same head");
    for (int i : honest) {
      LedgerNode n = consortium.node(i);
      TestConsortium.await(
          () -> integrity(n).agreedHeight() >= ALTERED + 8,
          () -> n.memberId() + " agrees on later checkpoints: " + integrity(n));
      assertThat(n.block(ALTERED)).isPresent();
    }
  }
}

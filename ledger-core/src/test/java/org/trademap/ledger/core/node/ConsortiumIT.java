package org.trademap.ledger.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.TlsCertificate;
import org.trademap.ledger.api.node.LedgerStatus;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.testing.TestChain;
import org.trademap.ledger.core.testing.Txs;
import org.trademap.ledger.core.tls.RaftTls;
import org.trademap.ledger.core.tls.TlsIdentity;

/**
 * Consortium nodes in one JVM: each with its own Ratis server on a loopback port (gRPC with mutual
 * TLS), its own RocksDB and its own configuration file, as {@code consortium init} writes them.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConsortiumIT {
  @TempDir Path dir;

  @SuppressWarnings("NullAway.Init") // set by each test before use
  TestConsortium consortium;

  @AfterEach
  void stop() {
    if (consortium != null) {
      consortium.close();
    }
  }

  /** Submits one transaction of organisation {@code signer} at node {@code at}. */
  SubmitResult submit(int at, int signer, String key) throws Exception {
    return submit(at, tx(at, signer, key));
  }

  /** A transaction of organisation {@code signer} with the next nonce node {@code at} knows. */
  SignedTransaction tx(int at, int signer, String key) {
    KeyPair k = consortium.key(signer);
    return Txs.on(consortium.genesis, System.currentTimeMillis())
        .put(key, "v")
        .nonce(consortium.node(at).nextNonce(k.publicKey()))
        .signedBy(k);
  }

  SubmitResult submit(int at, SignedTransaction tx) throws Exception {
    return consortium.node(at).submit(tx.encode()).get(60, TimeUnit.SECONDS);
  }

  @Test
  void replicatesBlocksToThreeNodesWithTheSameHeadEverywhere() throws Exception {
    replicates(3);
  }

  @Test
  void replicatesBlocksToFourNodesWithTheSameHeadEverywhere() throws Exception {
    replicates(4);
  }

  private void replicates(int n) throws Exception {
    consortium = TestConsortium.create(dir, n, 1024);
    consortium.startAll();
    int leader = consortium.awaitLeader();
    List<Hash> ids = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < n; i++) {
        // every node submits its own organisation's transactions: followers forward to the leader
        SubmitResult r = submit(i, i, "k-" + round + "-" + i);
        assertThat(r.code()).as("submitted at node %d", i).isEqualTo(ValidationCode.OK);
        ids.add(r.txId());
      }
    }
    LedgerStatus head = consortium.awaitSameHead(1);
    for (int i = 0; i < n; i++) {
      LedgerNode node = consortium.node(i);
      for (Hash id : ids) {
        assertThat(node.transaction(id)).as("tx %s on node %d", id, i).isPresent();
      }
      LedgerStatus s = node.status();
      assertThat(s.channels())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.members()).hasSize(n);
                assertThat(c.leader()).isEqualTo(consortium.node(leader).memberId());
                assertThat(c.headHash()).isEqualTo(head.headHash());
              });
      assertThat(node.verifyChain().ok()).isTrue();
    }
    consortium.assertNoDivergence();
  }

  @Test
  void aBatchSubmittedAtAFollowerIsOrderedInOneBlock() throws Exception {
    consortium = TestConsortium.create(dir, 3, 1024);
    consortium.startAll();
    int leader = consortium.awaitLeader();
    int follower = (leader + 1) % 3;
    KeyPair k = consortium.key(follower);
    long nonce = consortium.node(follower).nextNonce(k.publicKey());
    List<byte[]> batch = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      batch.add(
          Txs.on(consortium.genesis, System.currentTimeMillis())
              .put("batch-" + i, "v")
              .nonce(nonce + i)
              .signedBy(k)
              .encode());
    }

    List<Long> heights = new ArrayList<>();
    for (var answer : consortium.node(follower).submitAll(batch)) {
      SubmitResult r = answer.get(60, TimeUnit.SECONDS);
      assertThat(r.code()).isEqualTo(ValidationCode.OK);
      heights.add(((SubmitResult.Committed) r).height());
    }

    assertThat(heights).hasSize(100).containsOnly(heights.getFirst());
  }

  @Test
  void losingTheLeaderUnderLoadLosesNothingAndAppliesNothingTwice() throws Exception {
    consortium = TestConsortium.create(dir, 3, 1024);
    consortium.startAll();
    int leader = consortium.awaitLeader();
    Map<Hash, Long> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger failed = new AtomicInteger();
    AtomicBoolean leaderClosed = new AtomicBoolean();
    AtomicInteger ackedAfterClose = new AtomicInteger();
    List<Thread> streams = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int at = i;
      streams.add(
          Thread.ofPlatform()
              .name("load-" + i)
              .start(
                  () ->
                      stream(
                          at,
                          120,
                          acknowledged,
                          failed,
                          () -> leaderClosed.get(),
                          ackedAfterClose)));
    }
    TestConsortium.await(() -> acknowledged.size() >= 60, "60 acknowledged transactions");
    LedgerNode old = consortium.node(leader);
    leaderClosed.set(true);
    consortium.stop(leader);
    for (Thread t : streams) {
      t.join(TimeUnit.MINUTES.toMillis(3));
      assertThat(t.isAlive()).as("load stream %s ended", t.getName()).isFalse();
    }
    int newLeader = consortium.awaitLeader();
    assertThat(newLeader).isNotEqualTo(leader);
    assertThat(ackedAfterClose.get()).as("acknowledged after the leader was closed").isPositive();
    LedgerStatus head = consortium.awaitSameHead(1);
    for (int i = 0; i < 3; i++) {
      if (!consortium.running(i)) {
        continue;
      }
      LedgerNode node = consortium.node(i);
      for (var e : acknowledged.entrySet()) {
        assertThat(node.transaction(e.getKey()))
            .as("acknowledged tx %s on node %d", e.getKey(), i)
            .hasValueSatisfying(rec -> assertThat(rec.height()).isEqualTo(e.getValue()));
      }
      assertThat(acceptedTwice(node, head.height())).isEmpty();
    }
    assertThat(old.isServing()).isFalse();
    // The old leader rejoins and catches up.
    consortium.start(leader);
    consortium.awaitSameHead(head.height());
    consortium.assertNoDivergence();
  }

  /**
   * Submits {@code count} transactions of organisation {@code at} at its own node, up to 20 at a
   * time; records the acknowledged ones (committed, with the height) and counts the failures.
   */
  private void stream(
      int at,
      int count,
      Map<Hash, Long> acknowledged,
      AtomicInteger failed,
      java.util.function.BooleanSupplier afterClose,
      AtomicInteger ackedAfterClose) {
    KeyPair key = consortium.key(at);
    List<CompletableFuture<SubmitResult>> window = new ArrayList<>();
    long nonce = 1;
    for (int i = 0; i < count; i++) {
      if (!consortium.running(at)) {
        return;
      }
      LedgerNode node;
      try {
        node = consortium.node(at);
      } catch (IllegalStateException e) {
        return;
      }
      SignedTransaction tx =
          Txs.on(consortium.genesis, System.currentTimeMillis())
              .put("s" + at + "-" + i + "-" + UUID.randomUUID(), "v")
              .nonce(nonce++)
              .signedBy(key);
      window.add(node.submit(tx.encode()));
      if (window.size() >= 20 || i == count - 1) {
        for (var f : window) {
          boolean closedBefore = afterClose.getAsBoolean();
          try {
            SubmitResult r = f.get(90, TimeUnit.SECONDS);
            if (r instanceof SubmitResult.Committed c) {
              acknowledged.put(c.txId(), c.height());
              if (closedBefore) {
                ackedAfterClose.incrementAndGet();
              }
            }
          } catch (ExecutionException | TimeoutException e) {
            failed.incrementAndGet();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        window.clear();
      }
    }
  }

  /** Transaction ids with more than one accepted receipt in the chain. */
  private static Set<Hash> acceptedTwice(LedgerNode node, long height) {
    Map<Hash, Integer> accepted = new HashMap<>();
    for (long h = 1; h <= height; h++) {
      Block b = node.block(h).orElseThrow();
      for (Receipt r : b.receipts()) {
        if (r.code() == ValidationCode.OK) {
          accepted.merge(r.txId(), 1, Integer::sum);
        }
      }
    }
    Set<Hash> twice = new HashSet<>();
    accepted.forEach(
        (id, count) -> {
          if (count > 1) {
            twice.add(id);
          }
        });
    return twice;
  }

  @Test
  void aLaggingNodeCatchesUpBySnapshotAfterTheLogWasPurged() throws Exception {
    consortium = TestConsortium.create(dir, 3, 2);
    consortium.startAll();
    int leader = consortium.awaitLeader();
    int lagging = consortium.follower().orElseThrow();
    int other = 3 - leader - lagging;
    submit(leader, leader, "before");
    consortium.awaitSameHead(1);
    long laggingAt = consortium.node(lagging).raftLogLastIndex();
    consortium.stop(lagging);
    List<SignedTransaction> whileDown = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      SignedTransaction tx = tx(leader, other, "while-down-" + i);
      whileDown.add(tx);
      assertThat(submit(leader, tx).code()).isEqualTo(ValidationCode.OK);
    }
    LedgerStatus head = consortium.awaitSameHead(13);
    // Both nodes that could lead when the lagging node returns must have a snapshot past its last
    // entry and have purged their logs behind it: the entries it misses exist on no node any more,
    // so it can only catch up by installing a snapshot (the leader may change meanwhile).
    awaitPurgedPast(leader, laggingAt);
    awaitPurgedPast(other, laggingAt);
    LedgerNode back = consortium.start(lagging);
    TestConsortium.await(
        () -> back.installedSnapshots() > 0,
        () -> "the returning node installs a snapshot from the leader");
    consortium.awaitSameHead(head.height());
    assertThat(back.status().height()).isEqualTo(head.height());
    // The snapshot brought the transaction ids and nonces: replays are refused at this node too.
    assertThat(submit(lagging, whileDown.get(0)).code()).isEqualTo(ValidationCode.DUPLICATE);
    assertThat(submit(lagging, lagging, "after").code()).isEqualTo(ValidationCode.OK);
    consortium.awaitSameHead(head.height() + 1);
    assertThat(back.verifyChain().ok()).isTrue();
    // It lagged and caught up by snapshot: it compares its checkpoints and finds no divergence.
    TestConsortium.await(
        () -> back.status().channels().getFirst().integrity().agreedHeight() >= 12,
        "the returning node agrees with a majority on checkpoint 12");
    consortium.assertNoDivergence();
  }

  /** Waits until node {@code i} has a snapshot past {@code index} and its log purged behind it. */
  private void awaitPurgedPast(int i, long index) {
    LedgerNode node = consortium.node(i);
    TestConsortium.await(
        () -> node.latestSnapshotIndex() > index && startIndex(node) > index + 1,
        () ->
            "node "
                + node.memberId()
                + " has a snapshot past index "
                + index
                + " and its log purged behind it (snapshot "
                + node.latestSnapshotIndex()
                + ", log starts at "
                + startIndex(node)
                + ")");
  }

  @Test
  void aNodeWhoseDataDirectoryWasWipedRejoinsBySnapshot() throws Exception {
    consortium = TestConsortium.create(dir, 3, 2);
    consortium.startAll();
    int leader = consortium.awaitLeader();
    int wiped = consortium.follower().orElseThrow();
    int other = 3 - leader - wiped;
    for (int i = 0; i < 4; i++) {
      assertThat(submit(leader, other, "before-" + i).code()).isEqualTo(ValidationCode.OK);
    }
    consortium.awaitSameHead(4);
    long wipedAt = consortium.node(wiped).raftLogLastIndex();
    consortium.stop(wiped);
    LedgerStateMachine.deleteTree(consortium.configs.get(wiped).dataDir());
    for (int i = 0; i < 8; i++) {
      assertThat(submit(leader, other, "while-wiped-" + i).code()).isEqualTo(ValidationCode.OK);
    }
    LedgerStatus head = consortium.awaitSameHead(12);
    awaitPurgedPast(leader, wipedAt);
    awaitPurgedPast(other, wipedAt);

    LedgerNode back = consortium.start(wiped);
    TestConsortium.await(
        () -> back.installedSnapshots() > 0,
        () -> "the wiped node installs a snapshot from the leader");
    consortium.awaitSameHead(head.height());
    assertThat(
            back.transaction(
                consortium.node(leader).block(1).orElseThrow().receipts().get(0).txId()))
        .isPresent();
    assertThat(submit(wiped, wiped, "after").code()).isEqualTo(ValidationCode.OK);
    consortium.awaitSameHead(head.height() + 1);
    assertThat(back.verifyChain().ok()).isTrue();
  }

  private static long startIndex(LedgerNode node) {
    try {
      return node.raftLogStartIndex();
    } catch (IOException e) {
      return -1;
    }
  }

  @Test
  void aWipedNodeRejoinsAnIdleChannelWhoseLeaderStillHasTheLog() throws Exception {
    consortium = TestConsortium.create(dir, 3, 1024);
    consortium.startAll();
    int leader = consortium.awaitLeader();
    int wiped = consortium.follower().orElseThrow();
    int other = 3 - leader - wiped;
    for (int i = 0; i < 3; i++) {
      assertThat(submit(leader, other, "before-" + i).code()).isEqualTo(ValidationCode.OK);
    }
    LedgerStatus head = consortium.awaitSameHead(3);
    consortium.stop(wiped);
    LedgerStateMachine.deleteTree(consortium.configs.get(wiped).dataDir());

    // Nothing is submitted while it returns: the leader, which remembers how far the node had
    // come, only sends heartbeats, which an empty log cannot accept (ADR 0025).
    LedgerNode back = consortium.start(wiped);
    consortium.awaitSameHead(head.height());
    assertThat(back.installedSnapshots()).as("the log was there to replay").isZero();
    assertThat(submit(wiped, wiped, "after").code()).isEqualTo(ValidationCode.OK);
    consortium.awaitSameHead(head.height() + 1);
    assertThat(back.verifyChain().ok()).isTrue();
  }

  @Test
  void replaysAreRefusedAfterEveryNodeRestarted() throws Exception {
    consortium = TestConsortium.create(dir, 3, 1024);
    consortium.startAll();
    int leader = consortium.awaitLeader();
    SignedTransaction first = tx(leader, 1, "once");
    assertThat(submit(leader, first).code()).isEqualTo(ValidationCode.OK);
    LedgerStatus head = consortium.awaitSameHead(1);
    consortium.close();
    consortium.startAll();
    consortium.awaitLeader();
    consortium.awaitSameHead(head.height());
    // Long past Ratis' retry cache (a new process each): the ledger's own persisted index decides.
    for (int i = 0; i < 3; i++) {
      assertThat(submit(i, first).code())
          .as("replayed at node %d", i)
          .isEqualTo(ValidationCode.DUPLICATE);
    }
    SignedTransaction sameNonce =
        Txs.on(consortium.genesis, System.currentTimeMillis())
            .put("other", "v")
            .nonce(first.body().nonce())
            .signedBy(consortium.key(1));
    assertThat(submit(2, sameNonce).code()).isEqualTo(ValidationCode.NONCE_REUSED);
    assertThat(consortium.awaitSameHead(head.height()).height()).isEqualTo(head.height());
  }

  @Test
  void aNodeWhoseCertificateIsNotInTheGenesisDocumentIsRefused() throws Exception {
    consortium = TestConsortium.create(dir, 3, 1024);
    consortium.start(0);
    consortium.start(1);
    int leader = consortium.awaitLeader();
    NodeConfig real = consortium.configs.get(2);
    String impostorId = Objects.requireNonNull(real.consortium()).memberId();
    // An impostor takes organisation 2's place (id, address, even the member's signing key) but
    // has a certificate of its own, not the one the genesis document lists.
    TlsIdentity foreign =
        TlsIdentity.generate(impostorId, List.of("127.0.0.1"), Instant.now(), new SecureRandom());
    Set<TlsCertificate> trustsEveryone = new HashSet<>();
    consortium.genesis.members().forEach(m -> trustsEveryone.add(m.tlsCertificate()));
    trustsEveryone.add(foreign.certificate());
    var parameters = RaftTls.parameters(foreign, () -> trustsEveryone, Clock.systemUTC());
    RaftGroup group = groupOf(consortium.node(leader));
    CountingStateMachine impostorState = new CountingStateMachine();
    RaftProperties props = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(props, List.of(dir.resolve("impostor").toFile()));
    GrpcConfigKeys.Server.setPort(props, real.raftPort());
    GrpcConfigKeys.Server.setHost(props, real.host());
    RaftServerConfigKeys.Rpc.setTimeoutMin(props, TimeDuration.valueOf(1, TimeUnit.SECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(props, TimeDuration.valueOf(2, TimeUnit.SECONDS));
    try (RaftServer impostor =
        RaftServer.newBuilder()
            .setServerId(RaftPeerId.valueOf(impostorId))
            .setGroup(group)
            .setProperties(props)
            .setParameters(parameters)
            .setStateMachine(impostorState)
            .setOption(RaftStorage.StartupOption.FORMAT)
            .build()) {
      impostor.start();
      for (int i = 0; i < 3; i++) {
        assertThat(submit(leader, leader, "while-impostor-" + i).code())
            .isEqualTo(ValidationCode.OK);
      }
      TestConsortium.sleep(3000);
      assertThat(impostorState.applied.get()).as("entries the impostor applied").isZero();
      assertThat(impostor.getDivision(group.getGroupId()).getRaftLog().getLastEntryTermIndex())
          .as("entries the impostor received")
          .isNull();
      // Nor can a client with that certificate hand the ledger a transaction.
      SignedTransaction tx =
          Txs.on(consortium.genesis, System.currentTimeMillis())
              .put("from-impostor", "v")
              .nonce(consortium.node(leader).nextNonce(consortium.key(2).publicKey()))
              .signedBy(consortium.key(2));
      try (RaftClient client =
          RaftClient.newBuilder()
              .setProperties(new RaftProperties())
              .setParameters(parameters)
              .setRaftGroup(group)
              .setRetryPolicy(
                  RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                      3, TimeDuration.valueOf(200, TimeUnit.MILLISECONDS)))
              .build()) {
        assertThatThrownBy(
                () ->
                    client
                        .io()
                        .sendReadOnlyNonLinearizable(
                            Message.valueOf(ByteString.copyFrom(Forwarding.request(List.of(tx))))))
            .isInstanceOf(IOException.class);
      }
      TestConsortium.sleep(1000);
      assertThat(consortium.node(leader).transaction(tx.id())).isEmpty();
    }
    // The member itself, with the listed certificate, joins and catches up.
    consortium.start(2);
    consortium.awaitSameHead(3);
  }

  private static RaftGroup groupOf(LedgerNode node) {
    return node.raftGroup();
  }

  /** A state machine that only counts what it is asked to apply. */
  static final class CountingStateMachine extends BaseStateMachine {
    final AtomicInteger applied = new AtomicInteger();

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
      applied.incrementAndGet();
      return CompletableFuture.completedFuture(Message.EMPTY);
    }
  }

  @Test
  void refusesToStartWithACertificateTheGenesisDocumentDoesNotList() throws Exception {
    consortium = TestConsortium.create(dir, 3, 1024);
    NodeConfig c = consortium.configs.get(1);
    NodeConfig.Consortium cc = Objects.requireNonNull(c.consortium());
    Path otherCert = dir.resolve("other.crt");
    Path otherKey = dir.resolve("other.key");
    TlsIdentity.generate("sec-1", List.of("127.0.0.1"), Instant.now(), new SecureRandom())
        .write(otherCert, otherKey);
    NodeConfig swapped =
        c.withConsortium(
            new NodeConfig.Consortium(
                cc.memberId(),
                cc.genesis(),
                cc.signingKey(),
                otherCert,
                otherKey,
                cc.peers(),
                cc.channels()));
    assertThatThrownBy(() -> LedgerNode.start(swapped, TestChain.notes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not the certificate the genesis document lists for member sec-1");
  }
}

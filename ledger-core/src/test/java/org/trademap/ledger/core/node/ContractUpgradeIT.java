package org.trademap.ledger.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.LedgerStatus;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.exec.ContractNotInstalledException;
import org.trademap.ledger.core.governance.GovernanceContract;
import org.trademap.ledger.core.governance.Upgrade;
import org.trademap.ledger.core.testing.NotesContract;
import org.trademap.ledger.core.testing.TestChain;
import org.trademap.ledger.core.testing.Txs;

/**
 * A contract upgrade under load (RELIABILITY "contract upgrade under load"): four consortium nodes
 * in this JVM (governance: 3 of 4), three organisations streaming {@code notes} transactions signed
 * for version 1 at their own nodes, while they propose and approve version 2 (it answers "v2" where
 * version 1 answers "v1") in their streams' turn. Version 2 activates at height U with no restart
 * and no pause; the fourth node is stopped just before U and started again after it, so it applies
 * the blocks around U on its return.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ContractUpgradeIT {
  /**
   * Blocks between the head when the proposal is made and the activation height. The three
   * governance calls are committed one after the other while the streams keep filling blocks: on a
   * quiet machine they once took more than 200 blocks, and on a busy one, once the leader ordered
   * its blocks in-process (ADR 0043: more, smaller blocks per second), more than 600; an approval
   * that comes at or after the activation height is refused (governance.activation-reached).
   */
  static final long LEAD = 1500;

  /** Blocks the load goes on past the activation height. */
  static final long PAST = 30;

  /**
   * Transactions a signer has in flight. One: a signer's transaction overtaken by its next nonce (a
   * retried hand-on to the leader) is rejected as NONCE_REUSED by design (ADR 0008), which is not
   * what this test is about; the streams of the three signers run concurrently.
   */
  static final int IN_FLIGHT = 1;

  /** Organisations 0 to 2 stream; node 3 has no stream and is stopped around the activation. */
  static final int STREAMS = 3;

  static final int RETURNING = 3;

  @TempDir Path dir;

  @SuppressWarnings("NullAway.Init") // set by the test before use
  TestConsortium consortium;

  /** A governance transaction a stream sends in its turn, and what became of it. */
  record Call(String method, Upgrade upgrade, CompletableFuture<SubmitResult> result) {
    Call(String method, Upgrade upgrade) {
      this(method, upgrade, new CompletableFuture<>());
    }
  }

  final Map<Hash, Long> acknowledged = new ConcurrentHashMap<>();
  final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  final AtomicBoolean stop = new AtomicBoolean();

  @AfterEach
  void close() {
    stop.set(true);
    if (consortium != null) {
      consortium.close();
    }
  }

  @Test
  void everyNodeSwitchesToVersionTwoAtTheActivationHeightWhileTransactionsKeepComing()
      throws Exception {
    consortium = upgradable(4);
    consortium.startAll();
    consortium.awaitLeader();
    List<ConcurrentLinkedQueue<Call>> calls = new ArrayList<>();
    List<Thread> streams = new ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      int at = i;
      ConcurrentLinkedQueue<Call> mine = new ConcurrentLinkedQueue<>();
      calls.add(mine);
      streams.add(Thread.ofPlatform().name("load-" + i).start(() -> stream(at, mine)));
    }
    TestConsortium.await(() -> acknowledged.size() >= 60, "60 acknowledged transactions");

    long proposedAt = consortium.node(0).status().height();
    Upgrade upgrade = new Upgrade(NotesContract.ID, 2, proposedAt + LEAD);
    long u = upgrade.activationHeight();
    Call propose = new Call(GovernanceContract.PROPOSE, upgrade);
    calls.get(0).add(propose);
    SubmitResult proposed = propose.result().get(90, TimeUnit.SECONDS);
    Call second = new Call(GovernanceContract.APPROVE, upgrade);
    calls.get(1).add(second);
    SubmitResult seconded = second.result().get(90, TimeUnit.SECONDS);
    Call approve = new Call(GovernanceContract.APPROVE, upgrade);
    calls.get(2).add(approve);
    SubmitResult approved = approve.result().get(90, TimeUnit.SECONDS);

    assertThat(proposed).isInstanceOf(SubmitResult.Committed.class);
    assertThat(proposed.code()).as("proposal %s", proposed).isEqualTo(ValidationCode.OK);
    assertThat(seconded.code()).as("second approval %s", seconded).isEqualTo(ValidationCode.OK);
    assertThat(value(((SubmitResult.Committed) seconded).receipt())).isEqualTo("approvals 2");
    assertThat(approved.code()).as("approval %s", approved).isEqualTo(ValidationCode.OK);
    long scheduledAt = ((SubmitResult.Committed) approved).height();
    assertThat(value(((SubmitResult.Committed) approved).receipt())).isEqualTo("scheduled");
    assertThat(scheduledAt).isLessThan(u);

    TestConsortium.await(() -> minHeight() >= u - 5, () -> "every node at height " + (u - 5));
    consortium.stop(RETURNING);
    TestConsortium.await(() -> minHeight() >= u + 10, () -> "the others at height " + (u + 10));
    consortium.start(RETURNING);
    TestConsortium.await(() -> minHeight() >= u + PAST, () -> "every node at height " + (u + PAST));
    stop.set(true);
    for (Thread t : streams) {
      t.join(TimeUnit.MINUTES.toMillis(2));
      assertThat(t.isAlive()).as("load stream %s ended", t.getName()).isFalse();
    }
    System.out.printf(
        "contract upgrade under load: proposed at %d, scheduled at %d, active from %d;"
            + " %d transactions acknowledged%n",
        proposedAt, scheduledAt, u, acknowledged.size());

    assertThat(problems).as("failed or rejected submissions").isEmpty();
    LedgerStatus head = consortium.awaitSameHead(u + PAST);
    for (int i = 0; i < consortium.size(); i++) {
      assertSwitchedAt(consortium.node(i), u, head.height());
    }
    assertThat(consortium.node(RETURNING).verifyChain().ok()).as("replay from genesis").isTrue();

    // A node without version 2 does not start on this chain; with it, it rejoins.
    consortium.stop(RETURNING);
    assertThatThrownBy(() -> consortium.start(RETURNING, TestChain.notes()))
        .isInstanceOf(ContractNotInstalledException.class)
        .hasMessageContaining("contract notes version 2 is scheduled")
        .hasMessageContaining("from height " + u);
    consortium.start(RETURNING);
    consortium.awaitSameHead(head.height());
  }

  @Test
  void aNodeWithoutTheScheduledVersionStopsAtTheSchedulingBlockAndGoesOnOnceItIsInstalled()
      throws Exception {
    consortium = upgradable(3);
    int old = 2;
    // Nodes 0 and 1 elect a leader before the old node starts: a leader without version 2 refuses
    // the governance transactions handed on to it, and could not build the block scheduling it.
    consortium.start(0);
    consortium.start(1);
    int leader = consortium.awaitLeader();
    consortium.start(old, TestChain.notes());
    assertThat(consortium.awaitLeader()).isEqualTo(leader);
    assertThat(submitPut(0, "before").code()).isEqualTo(ValidationCode.OK);
    long h = consortium.node(0).status().height();
    Upgrade upgrade = new Upgrade(NotesContract.ID, 2, h + 1 + GovernanceContract.MIN_LEAD_BLOCKS);
    long u = upgrade.activationHeight();
    assertThat(submit(0, GovernanceContract.PROPOSE, upgrade).code()).isEqualTo(ValidationCode.OK);
    SubmitResult scheduled = submit(1, GovernanceContract.APPROVE, upgrade);
    assertThat(value(((SubmitResult.Committed) scheduled).receipt())).isEqualTo("scheduled");
    long scheduledAt = ((SubmitResult.Committed) scheduled).height();

    LedgerNode stopped = consortium.node(old);
    TestConsortium.await(() -> !stopped.isServing(), "the node without version 2 stops");
    assertThat(stopped.failure())
        .hasValueSatisfying(
            f ->
                assertThat(f)
                    .contains("stopped at height " + scheduledAt)
                    .contains("contract notes version 2 is scheduled")
                    .contains("from height " + u));
    // the scheduling block was not stored (reads are refused while the node does not serve)
    assertThat(stopped.status().height()).isLessThan(scheduledAt);
    assertThatThrownBy(() -> stopped.block(scheduledAt))
        .isInstanceOf(LedgerUnavailableException.class);
    for (int i = 0; consortium.node(0).status().height() < u + 2; i++) {
      assertThat(submitPut(i % 2, "after-" + i).code()).isEqualTo(ValidationCode.OK);
    }

    consortium.stop(old);
    consortium.start(old);
    LedgerStatus head = consortium.awaitSameHead(u + 2);
    assertSwitchedAt(consortium.node(old), u, head.height());
    assertThat(consortium.node(old).verifyChain().ok()).as("replay from genesis").isTrue();
  }

  /** A consortium of {@code n} that starts on notes version 1 and has version 2 installed. */
  private TestConsortium upgradable(int n) {
    return TestConsortium.create(
        dir, n, 1024, TestChain.notesOneAndTwo(), Map.of(NotesContract.ID, 1));
  }

  private SubmitResult submitPut(int at, String key) throws Exception {
    KeyPair k = consortium.key(at);
    LedgerNode node = consortium.node(at);
    SignedTransaction tx =
        Txs.on(consortium.genesis, System.currentTimeMillis())
            .put(key, "v")
            .nonce(node.nextNonce(k.publicKey()))
            .signedBy(k);
    return node.submit(tx.encode()).get(90, TimeUnit.SECONDS);
  }

  private SubmitResult submit(int at, String method, Upgrade upgrade) throws Exception {
    KeyPair k = consortium.key(at);
    LedgerNode node = consortium.node(at);
    SignedTransaction tx =
        Txs.on(consortium.genesis, System.currentTimeMillis())
            .governance(method, upgrade)
            .nonce(node.nextNonce(k.publicKey()))
            .signedBy(k);
    return node.submit(tx.encode()).get(90, TimeUnit.SECONDS);
  }

  /**
   * Every acknowledged transaction is in every node's chain exactly once at its height; every notes
   * receipt is accepted, by version 1 below {@code u} and version 2 from it; the blocks on either
   * side of {@code u} carry load.
   */
  private void assertSwitchedAt(LedgerNode node, long u, long height) {
    Map<Hash, Integer> accepted = new HashMap<>();
    Map<Long, Integer> notesPerBlock = new HashMap<>();
    for (long h = 1; h <= height; h++) {
      Block b = node.block(h).orElseThrow();
      for (int k = 0; k < b.transactions().size(); k++) {
        Receipt r = b.receipts().get(k);
        assertThat(r.code())
            .as("receipt at height %d on %s", h, node.memberId())
            .isEqualTo(ValidationCode.OK);
        accepted.merge(r.txId(), 1, Integer::sum);
        if (b.transactions().get(k).body().contractId().equals(NotesContract.ID)) {
          notesPerBlock.merge(h, 1, Integer::sum);
          assertThat(value(r))
              .as("notes receipt at height %d on %s", h, node.memberId())
              .isEqualTo(h < u ? "v1" : "v2");
        }
      }
    }
    assertThat(accepted.values()).as("accepted more than once").allMatch(c -> c == 1);
    for (var e : acknowledged.entrySet()) {
      assertThat(node.transaction(e.getKey()))
          .as("acknowledged tx %s on %s", e.getKey(), node.memberId())
          .hasValueSatisfying(rec -> assertThat(rec.height()).isEqualTo(e.getValue()));
    }
    if (height >= u + PAST) {
      assertThat(notesPerBlock)
          .as("load right before and at the activation")
          .containsKeys(u - 1, u);
    }
  }

  /** The lowest head height of the running nodes. */
  private long minHeight() {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < consortium.size(); i++) {
      if (consortium.running(i)) {
        min = Math.min(min, consortium.node(i).status().height());
      }
    }
    return min;
  }

  private static String value(Receipt r) {
    return new String(r.value(), StandardCharsets.UTF_8);
  }

  /**
   * Organisation {@code at} submits at its own node, {@link #IN_FLIGHT} at a time, until told to
   * stop: notes transactions signed for version 1 (an old client), and in their turn the governance
   * calls queued for it, so one nonce sequence covers both.
   */
  private void stream(int at, ConcurrentLinkedQueue<Call> calls) {
    KeyPair key = consortium.key(at);
    LedgerNode node = consortium.node(at);
    long nonce = 1;
    int i = 0;
    List<CompletableFuture<SubmitResult>> window = new ArrayList<>();
    List<@Nullable Call> windowCalls = new ArrayList<>();
    while (!stop.get()) {
      Call call = calls.poll();
      Txs tx = Txs.on(consortium.genesis, System.currentTimeMillis()).nonce(nonce++);
      SignedTransaction signed =
          call == null
              ? tx.put("s" + at + "-" + i++, "v").signedBy(key)
              : tx.governance(call.method(), call.upgrade()).signedBy(key);
      window.add(node.submit(signed.encode()));
      windowCalls.add(call);
      if (window.size() < IN_FLIGHT) {
        continue;
      }
      for (int k = 0; k < window.size(); k++) {
        @Nullable Call c = windowCalls.get(k);
        try {
          SubmitResult r = window.get(k).get(90, TimeUnit.SECONDS);
          if (c != null) {
            c.result().complete(r);
          }
          if (r instanceof SubmitResult.Committed done && done.code() == ValidationCode.OK) {
            if (acknowledged.put(done.txId(), done.height()) != null) {
              problems.add("acknowledged twice: " + done.txId());
            }
          } else {
            problems.add("not accepted: " + r);
          }
        } catch (Exception e) {
          if (c != null) {
            c.result().completeExceptionally(e);
          }
          problems.add("failed: " + e);
        }
      }
      window.clear();
      windowCalls.clear();
    }
  }
}

package org.trademap.ledger.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.config.ConsortiumLayout;

/**
 * Losing a channel's leader at awkward moments, in one JVM (ADR 0039): a fresh channel whose leader
 * stops before a member holds any of its entries (trust model a, four organisations: consortium,
 * sec-1, sec-2, notary; channel {@code rel-sec-1} of the consortium, sec-1 and the notary), and a
 * leader restarted behind under load (trust model b, three organisations).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LeaderLossIT {
  private static final String REL = "rel-sec-1";
  private static final int CONSORTIUM = 0, SEC_1 = 1, NOTARY = 3;

  /**
   * How long an answer or a commit may take: many election timeouts, generous for a loaded 2-core
   * machine, far below the minute the channel once stalled for.
   */
  private static final Duration PROGRESS = Duration.ofSeconds(20);

  @TempDir Path dir;

  @SuppressWarnings("NullAway.Init") // set by each test before use
  TestConsortium consortium;

  private long nonce = System.currentTimeMillis() * 1000;

  @AfterEach
  void stop() {
    if (consortium != null) {
      consortium.close();
    }
  }

  private SignedTransaction put(int signer, String key) {
    return consortium.put(REL, signer, key, ++nonce);
  }

  /** The index of the node that leads {@code rel-sec-1}, once one does. */
  private int awaitRelLeader(List<Integer> among) {
    int[] leader = {-1};
    TestConsortium.await(
        () -> {
          for (int i : among) {
            if (consortium.node(i).replica(REL).isLeader()) {
              leader[0] = i;
              return true;
            }
          }
          return false;
        },
        "a leader of " + REL + " among " + among);
    return leader[0];
  }

  /**
   * Pins Ratis' rule behind the stall of a fresh channel (ADR 0039): a candidate that has committed
   * entries does not count the vote of a member whose Raft log is empty (RATIS-1995: that member
   * may have lost its storage and with it entries the candidate lacks). The survivor of the channel
   * and a member that never held any of its entries cannot elect a leader; the channel goes on, and
   * the waiting submission commits, once the stopped leader is back.
   */
  @Test
  void aFreshChannelWhoseLeaderStopsBeforeAMemberHasAnyEntryResumesWhenTheLeaderReturns()
      throws Exception {
    consortium = TestConsortium.create(dir.resolve("fresh"), 4, 1024, ConsortiumLayout.Model.A);
    // sec-1 and the notary form the channel and commit a block; the consortium's node is not up.
    // sec-1 leads: the member of fewest channels is the channel's preferred leader (ADR 0041)
    consortium.start(SEC_1);
    consortium.start(NOTARY);
    awaitRelLeader(List.of(SEC_1));
    SubmitResult first =
        consortium.node(SEC_1).submit(put(SEC_1, "first").encode()).get(60, TimeUnit.SECONDS);
    assertThat(first.code()).isEqualTo(ValidationCode.OK);
    consortium.awaitSameHead(REL, List.of(SEC_1, NOTARY), 1);

    // the leader stops; the consortium's node starts with an empty Raft log of the channel
    consortium.stop(SEC_1);
    consortium.start(CONSORTIUM);
    var waiting = consortium.node(CONSORTIUM).submit(put(CONSORTIUM, "waiting").encode());
    TestConsortium.sleep(PROGRESS.toMillis() / 2);
    assertThat(waiting).as("no leader without sec-1 (Ratis' empty-log rule)").isNotDone();
    assertThat(consortium.node(NOTARY).replica(REL).status().leader()).isNull();

    // sec-1 returns: a leader within a few election timeouts, and the submission commits
    consortium.start(SEC_1);
    SubmitResult r = waiting.get(PROGRESS.toSeconds(), TimeUnit.SECONDS);
    assertThat(r.code()).as("%s", r).isEqualTo(ValidationCode.OK);
    consortium.awaitSameHead(REL, List.of(CONSORTIUM, SEC_1, NOTARY), 2);
  }

  @Test
  void submissionsToARestartedExLeaderAreAnsweredWhileItCatchesUp() throws Exception {
    consortium = TestConsortium.create(dir.resolve("restart"), 3, 1024);
    consortium.startAll();
    int leader = consortium.awaitLeader();
    for (int i = 0; i < 3; i++) {
      assertThat(submitAll(i, "warm-" + i).code()).isEqualTo(ValidationCode.OK);
    }
    // a steady load at another node keeps the channel busy throughout
    int loadAt = (leader + 1) % 3;
    java.util.concurrent.atomic.AtomicBoolean loading =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicInteger acked =
        new java.util.concurrent.atomic.AtomicInteger();
    Thread load =
        Thread.ofPlatform()
            .name("load")
            .start(
                () -> {
                  java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(20);
                  int k = 0;
                  while (loading.get()) {
                    try {
                      inFlight.acquire();
                      var unused =
                          consortium
                              .node(loadAt)
                              .submit(allTx(loadAt, "load-" + k++).encode())
                              .whenComplete(
                                  (r, e) -> {
                                    inFlight.release();
                                    if (r != null && r.code() == ValidationCode.OK) {
                                      acked.incrementAndGet();
                                    }
                                  });
                    } catch (InterruptedException e) {
                      return;
                    } catch (RuntimeException e) {
                      inFlight.release();
                    }
                  }
                });
    try {
      TestConsortium.await(() -> acked.get() >= 50, "50 acknowledged under load");
      consortium.stop(leader);
      long heightAtStop = consortium.node(loadAt).status().height();
      TestConsortium.await(
          () ->
              consortium.node(loadAt).status().height()
                  >= heightAtStop + 3 * ChannelReplica.CATCH_UP_SLACK,
          "blocks committed without the leader");
      // the ex-leader comes back behind and catches up under load: what is submitted to it
      // meanwhile is answered within the bound, committed or refused as catching up (ADR 0039)
      consortium.start(leader);
      TestConsortium.await(
          () -> consortium.node(leader).status().channels().getFirst().leader() != null,
          "the restarted node knows a leader");
      List<java.util.concurrent.CompletableFuture<SubmitResult>> atRestarted =
          new java.util.ArrayList<>();
      long started = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        atRestarted.add(consortium.node(leader).submit(allTx(leader, "restarted-" + i).encode()));
      }
      for (var f : atRestarted) {
        long left = PROGRESS.toNanos() - (System.nanoTime() - started);
        try {
          SubmitResult r = f.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
          assertThat(r.code()).as("%s", r).isEqualTo(ValidationCode.OK);
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause())
              .isInstanceOf(LedgerCatchingUpException.class)
              .hasMessageContaining("catching up");
        }
      }
      // once it caught up, it takes submissions again
      TestConsortium.await(
          () -> {
            try {
              return consortium
                      .node(leader)
                      .submit(allTx(leader, "after-catch-up").encode())
                      .get(PROGRESS.toSeconds(), TimeUnit.SECONDS)
                      .code()
                  == ValidationCode.OK;
            } catch (Exception e) {
              return false;
            }
          },
          "a submission committed at the restarted node");
    } finally {
      loading.set(false);
      load.join(10_000);
    }
    consortium.awaitSameHead(1);
    consortium.assertNoDivergence();
  }

  private SignedTransaction allTx(int signer, String key) {
    return consortium.put(consortium.genesis.channel(), signer, key, ++nonce);
  }

  private SubmitResult submitAll(int at, String key) throws Exception {
    return consortium.node(at).submit(allTx(at, key).encode()).get(60, TimeUnit.SECONDS);
  }
}

package org.trademap.ledger.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.BlockHeader;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
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

/**
 * Three consortium nodes compare signed checkpoints (every 4 blocks): one node's stored block at a
 * checkpoint height is altered while it is down, and it restarts without the start-up verification.
 * It finds a majority signed another head at that height, says so and stops serving; the other two
 * note its differing checkpoint and keep serving and agreeing.
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
      BlockHeader h = b.header();
      BlockHeader forged =
          new BlockHeader(
              h.chainId(),
              h.channel(),
              h.height(),
              h.previousHash(),
              h.txRoot(),
              h.receiptsRoot(),
              Hash.sha256(h.stateRoot().bytes()),
              h.timestampMillis(),
              h.proposer(),
              h.txCount());
      Block altered = new Block(forged, b.signature(), b.transactions(), b.receipts());
      store.write(new WriteBatch().put(Keys.block(height), altered.encode()));
    }
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

    consortium.stop(victim);
    NodeConfig config = consortium.configs.get(victim);
    alterStoredBlock(config.dataDir(), ALTERED);
    // The start-up verification would refuse the altered chain before it serves anything.
    consortium.configs.set(victim, config.withVerifyOnStart(false));
    LedgerNode bad = consortium.start(victim);
    String badId = bad.memberId();

    // More checkpoints pass while it runs.
    runTo(leader, ALTERED + 10);

    TestConsortium.await(
        () -> Objects.equals(integrity(bad).divergedAt(), ALTERED),
        () -> "the altered node reports divergence at " + ALTERED + ": " + integrity(bad));
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
      assertThat(integrity(n).agreedHeight()).isGreaterThanOrEqualTo(ALTERED + 8);
      assertThat(n.block(ALTERED)).isPresent();
    }
  }
}

package org.trademap.ledger.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.BlockHeader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.ChannelIntegrity;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.core.chain.Keys;
import org.trademap.ledger.core.exec.SignatureChecker;
import org.trademap.ledger.core.store.WriteBatch;
import org.trademap.ledger.core.testing.TestChain;

/**
 * The checkpoint rules without a network: the majority rule per height, what makes a signed
 * checkpoint valid, which heights a comparison covers, and whole comparisons between members whose
 * stores (one of them altered) are in memory, each member answering the others' requests directly.
 */
class CheckpointsTest {
  static final KeyPair A = TestChain.key(1);
  static final KeyPair B = TestChain.key(2);
  static final KeyPair C = TestChain.key(3);
  static final KeyPair OUTSIDER = TestChain.key(9);
  static final Genesis GENESIS =
      new Genesis(
          "kyc",
          TestChain.GENESIS_TIME,
          List.of(
              new Genesis.Member("a", "bank", A.publicKey()),
              new Genesis.Member("b", "bank", B.publicKey()),
              new Genesis.Member("c", "bank", C.publicKey())),
          TestChain.notes().latestVersions());
  static final Checkpoint.View HONEST = view(1);
  static final Checkpoint.View OTHER = view(2);
  static final NodeConfig.Checkpointing EVERY_4 =
      new NodeConfig.Checkpointing(4, Duration.ofSeconds(1));

  static Checkpoint.View view(int seed) {
    return new Checkpoint.View(
        Hash.sha256(new byte[] {(byte) seed}), Hash.sha256(new byte[] {(byte) seed, 1}));
  }

  // --- the majority rule

  @Test
  void aMajorityIsMoreThanHalfOfTheChannelsMembers() {
    assertThat(CheckpointTally.majority(1)).isEqualTo(1);
    assertThat(CheckpointTally.majority(3)).isEqualTo(2);
    assertThat(CheckpointTally.majority(4)).isEqualTo(3);
    assertThat(CheckpointTally.majority(5)).isEqualTo(3);
  }

  @Test
  void agreesWhenTheMajoritySignedThisNodesHeadAndNamesTheDissenter() {
    var verdict = CheckpointTally.judge(100, HONEST, Map.of("b", HONEST, "c", OTHER), 3);

    assertThat(verdict).isEqualTo(new CheckpointTally.Verdict.Agreed(100, List.of("c")));
  }

  @Test
  void divergesWhenTwoOfThreeMembersSignedAnotherHead() {
    var verdict = CheckpointTally.judge(100, OTHER, Map.of("a", HONEST, "b", HONEST), 3);

    assertThat(verdict).isEqualTo(new CheckpointTally.Verdict.Diverged(100, HONEST, 2));
  }

  @Test
  void oneDifferingPeerOfThreeIsNoMajority() {
    // e.g. the other honest member has not answered yet, or lags below the height
    var verdict = CheckpointTally.judge(100, OTHER, Map.of("a", HONEST), 3);

    assertThat(verdict).isEqualTo(new CheckpointTally.Verdict.Undecided(100));
  }

  @Test
  void aTwoTwoSplitOfFourMembersDecidesNothing() {
    var verdict =
        CheckpointTally.judge(100, OTHER, Map.of("a", HONEST, "b", HONEST, "c", OTHER), 4);

    assertThat(verdict).isEqualTo(new CheckpointTally.Verdict.Undecided(100));
  }

  @Test
  void threeOfFourOutvoteThisNode() {
    var verdict =
        CheckpointTally.judge(100, OTHER, Map.of("a", HONEST, "b", HONEST, "c", HONEST), 4);

    assertThat(verdict).isEqualTo(new CheckpointTally.Verdict.Diverged(100, HONEST, 3));
  }

  @Test
  void refusesMoreViewsThanMembers() {
    assertThatThrownBy(() -> CheckpointTally.judge(1, HONEST, Map.of("a", HONEST, "b", HONEST), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more views");
  }

  // --- signed checkpoints

  static Checkpoint signed(String member, KeyPair key, Checkpoint.View v) {
    return Checkpoint.sign(GENESIS.chainId(), "kyc", 8, v, member, key);
  }

  @Test
  void aMembersCheckpointVerifiesAgainstItsGenesisKey() {
    assertThat(signed("b", B, HONEST).problem(GENESIS, "b")).isEmpty();
  }

  @Test
  void refusesACheckpointSignedWithAnotherKeyThanTheMembers() {
    assertThat(signed("b", OUTSIDER, HONEST).problem(GENESIS, "b"))
        .hasValueSatisfying(p -> assertThat(p).contains("signature does not verify"));
    assertThat(signed("b", C, HONEST).problem(GENESIS, "b")).isPresent();
  }

  @Test
  void refusesACheckpointWhoseHeadWasChangedAfterSigning() {
    Checkpoint c = signed("b", B, HONEST);
    Checkpoint changed =
        new Checkpoint(
            c.chainId(),
            c.channel(),
            c.height(),
            OTHER.blockHash(),
            c.stateRoot(),
            c.member(),
            c.signature());
    Checkpoint moved =
        new Checkpoint(
            c.chainId(),
            c.channel(),
            c.height() + 4,
            c.blockHash(),
            c.stateRoot(),
            c.member(),
            c.signature());

    assertThat(changed.problem(GENESIS, "b")).isPresent();
    assertThat(moved.problem(GENESIS, "b")).isPresent();
  }

  @Test
  void refusesACheckpointSpeakingForAnotherMemberThanTheSender() {
    assertThat(signed("c", C, HONEST).problem(GENESIS, "b"))
        .hasValueSatisfying(p -> assertThat(p).contains("speaks for member c"));
  }

  @Test
  void refusesACheckpointOfAnotherChainOrOfANonMember() {
    Checkpoint otherChain = Checkpoint.sign(Hash.sha256(new byte[] {7}), "kyc", 8, HONEST, "b", B);
    Checkpoint stranger = signed("z", OUTSIDER, HONEST);

    assertThat(otherChain.problem(GENESIS, "b"))
        .hasValueSatisfying(p -> assertThat(p).contains("another chain"));
    assertThat(stranger.problem(GENESIS, "z"))
        .hasValueSatisfying(p -> assertThat(p).contains("not a member"));
  }

  @Test
  void aCheckpointSurvivesItsEncoding() {
    Checkpoint c = signed("b", B, HONEST);
    CanonicalWriter w = new CanonicalWriter().i32(1);
    c.write(w);

    assertThat(Checkpoints.parseAnswer(w.toByteArray())).containsExactly(c);
  }

  // --- heights

  @Test
  void comparesTheLatestCheckpointHeightsAndAuditsOlderOnes() {
    assertThat(Checkpoints.heightsToCompare(3, 4, 4)).isEmpty();
    assertThat(Checkpoints.heightsToCompare(9, 4, 4)).containsExactly(4L, 8L);
    assertThat(Checkpoints.heightsToCompare(400, 4, 400)).containsExactly(388L, 392L, 396L, 400L);
    List<Long> afterRestart = Checkpoints.heightsToCompare(400, 4, 4);
    assertThat(afterRestart).hasSize(Checkpoints.RECENT + Checkpoints.AUDIT_BATCH);
    assertThat(afterRestart.subList(0, 3)).containsExactly(4L, 8L, 12L);
    assertThat(afterRestart.getLast()).isEqualTo(400L);
  }

  // --- whole comparisons

  /** The block with another state root in its header and the old signature. */
  static Block withOtherStateRoot(Block b) {
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
    return new Block(forged, b.signature(), b.transactions(), b.receipts());
  }

  /** Three members' nodes over in-memory chains, each answering the others' requests. */
  static final class Members {
    final Map<String, TestChain> chains = new HashMap<>();
    final Map<String, Checkpoints> nodes = new HashMap<>();
    final Map<String, List<String>> stopped = new HashMap<>();
    final Map<String, UnaryOperator<byte[]>> answers = new HashMap<>();

    Members(long blocks) {
      Map<String, KeyPair> keys = Map.of("a", A, "b", B, "c", C);
      for (var e : keys.entrySet()) {
        String id = e.getKey();
        TestChain chain = new TestChain(GENESIS, TestChain.notes(), SignatureChecker.SEQUENTIAL, A);
        for (long h = 1; h <= blocks; h++) {
          chain.run(TestChain.GENESIS_TIME + h);
        }
        chains.put(id, chain);
        List<String> reasons = new ArrayList<>();
        stopped.put(id, reasons);
        nodes.put(
            id,
            new Checkpoints(
                GENESIS,
                id,
                e.getValue(),
                chain.chain(),
                EVERY_4,
                (peer, request) ->
                    CompletableFuture.completedFuture(
                        answers.getOrDefault(peer, r -> node(peer).answer(r)).apply(request)),
                reasons::add));
      }
    }

    Checkpoints node(String id) {
      return Objects.requireNonNull(nodes.get(id));
    }

    ChannelIntegrity compare(String id) throws InterruptedException {
      node(id).compare();
      return node(id).integrity();
    }

    /** Rewrites the stored block at {@code height} with another state root, as disk access can. */
    void alterStoredBlock(String id, long height) {
      TestChain chain = Objects.requireNonNull(chains.get(id));
      Block b = chain.chain().block(height).orElseThrow();
      chain.store().write(new WriteBatch().put(Keys.block(height), withOtherStateRoot(b).encode()));
    }
  }

  @Test
  void membersWithTheSameChainAgreeAndNobodyStops() throws Exception {
    Members m = new Members(9);

    for (String id : List.of("a", "b", "c")) {
      assertThat(m.compare(id)).isEqualTo(new ChannelIntegrity(8, null, List.of()));
    }
    assertThat(m.stopped.values()).allSatisfy(r -> assertThat(r).isEmpty());
  }

  @Test
  void theMemberWhoseStoredBlockWasAlteredDivergesAtThatHeightAndStops() throws Exception {
    Members m = new Members(9);
    m.alterStoredBlock("c", 4);

    ChannelIntegrity c = m.compare("c");
    ChannelIntegrity a = m.compare("a");

    assertThat(c.divergedAt()).isEqualTo(4L);
    assertThat(c.diverged()).isTrue();
    assertThat(m.stopped.get("c"))
        .singleElement()
        .satisfies(r -> assertThat(r).startsWith("diverged at height 4: 2 of 3 members"));
    assertThat(a.diverged()).isFalse();
    assertThat(a.agreedHeight()).isEqualTo(8);
    assertThat(a.dissents()).containsExactly(new ChannelIntegrity.Dissent("c", 4));
    assertThat(m.stopped.get("a")).isEmpty();
  }

  @Test
  void remembersSignaturesAcrossRoundsButFindsABlockAlteredBetweenThem() throws Exception {
    Members m = new Members(9);
    for (String id : List.of("a", "b", "c")) {
      assertThat(m.compare(id).diverged()).isFalse();
    }
    byte[] request = Checkpoints.request(GENESIS.chainId(), "kyc", List.of(4L, 8L));
    assertThat(m.node("c").answer(request)).isEqualTo(m.node("c").answer(request));

    // Between two rounds, with every statement signed and verified once already.
    m.alterStoredBlock("c", 8);
    ChannelIntegrity c = m.compare("c");
    ChannelIntegrity a = m.compare("a");

    assertThat(c.divergedAt()).isEqualTo(8L);
    assertThat(a.diverged()).isFalse();
    assertThat(a.dissents()).containsExactly(new ChannelIntegrity.Dissent("c", 8));
  }

  @Test
  void aLaggingMemberComparesOnlyWhatItHasAndNeverAlerts() throws Exception {
    Members m = new Members(9);
    TestChain lagging = new TestChain(GENESIS, TestChain.notes(), SignatureChecker.SEQUENTIAL, A);
    for (long h = 1; h <= 5; h++) {
      lagging.run(TestChain.GENESIS_TIME + h);
    }
    List<String> reasons = new ArrayList<>();
    Checkpoints behind =
        new Checkpoints(
            GENESIS,
            "c",
            C,
            lagging.chain(),
            EVERY_4,
            (peer, request) -> CompletableFuture.completedFuture(m.node(peer).answer(request)),
            reasons::add);

    behind.compare();
    m.answers.put("c", behind::answer);
    ChannelIntegrity a = m.compare("a");

    assertThat(behind.integrity()).isEqualTo(new ChannelIntegrity(4, null, List.of()));
    assertThat(reasons).isEmpty();
    assertThat(a).isEqualTo(new ChannelIntegrity(8, null, List.of()));
  }

  @Test
  void ignoresForgedCheckpointsAndDoesNotStopOnThem() throws Exception {
    Members m = new Members(9);
    // Both peers' answers are replaced by checkpoints of another head, signed by a non-member.
    UnaryOperator<byte[]> forged =
        r -> {
          CanonicalWriter w = new CanonicalWriter().i32(1);
          Checkpoint.sign(GENESIS.chainId(), "kyc", 8, OTHER, "a", OUTSIDER).write(w);
          return w.toByteArray();
        };
    m.answers.put("a", forged);
    m.answers.put("b", forged);

    ChannelIntegrity c = m.compare("c");

    assertThat(c).isEqualTo(ChannelIntegrity.UNCHECKED);
    assertThat(m.stopped.get("c")).isEmpty();
  }

  @Test
  void aPeerThatDoesNotAnswerLeavesTheHeightUndecided() throws Exception {
    Members m = new Members(9);
    m.alterStoredBlock("c", 8);
    m.answers.put(
        "b",
        r -> {
          throw new IllegalStateException("unreachable");
        });

    ChannelIntegrity c = m.compare("c");

    assertThat(c.diverged()).isFalse();
    assertThat(m.stopped.get("c")).isEmpty();
  }
}

package org.trademap.ledger.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.ratis.protocol.RaftPeerId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.trademap.ledger.core.node.EmptyLogRejoin.Patience;
import org.trademap.ledger.core.node.EmptyLogRejoin.Step;

/**
 * The timing of {@link EmptyLogRejoin}: when a node whose Raft log is empty asks its leader to hand
 * over (ADR 0025, ADR 0043). Time is given in seconds; the watch looks every second.
 */
class EmptyLogRejoinTest {
  private static final RaftPeerId SELF = RaftPeerId.valueOf("notary");
  private static final RaftPeerId LEADER = RaftPeerId.valueOf("consortium");
  private static final RaftPeerId OTHER = RaftPeerId.valueOf("sec-1");
  private static final long S = 1_000_000_000L;

  /** The steps other than waiting, as "second:step", for leaders known at each second. */
  private static List<String> run(int seconds, IntFunction<@Nullable RaftPeerId> leaderAt) {
    Patience p = new Patience(Duration.ofSeconds(10), SELF, 0);
    List<String> steps = new ArrayList<>();
    for (int t = 1; t <= seconds; t++) {
      Step step = p.next(t * S, leaderAt.apply(t));
      switch (step) {
        case Step.Wait _ -> {}
        case Step.AskAnotherLeader(RaftPeerId leader) -> steps.add(t + ":ask " + leader);
        case Step.WarnNoLeader _ -> steps.add(t + ":warn");
      }
    }
    return steps;
  }

  @Test
  void underALeaderKnownAllAlongItAsksAfterThePatienceAndAgainAfterAnother() {
    assertThat(run(25, t -> LEADER)).containsExactly("11:ask consortium", "21:ask consortium");
  }

  @Test
  void theGapsInWhichItKnowsNoLeaderDoNotStartThePatienceAgain() {
    // A leader that answers the empty log only with a heartbeat every 6 s: in between this node's
    // election timer runs out and it knows no leader. This kept a wiped follower at height 0 for
    // good when the gaps reset the patience (bench failover --target follower --wipe).
    assertThat(run(25, t -> t % 6 == 1 ? LEADER : null))
        .containsExactly("11:ask consortium", "21:ask consortium");
  }

  @Test
  void aLeaderThatChangesByItselfDoesNotStartThePatienceAgainButTheNextAskNamesTheNewOne() {
    assertThat(run(12, t -> t < 6 ? LEADER : OTHER)).containsExactly("11:ask sec-1");
  }

  @Test
  void withNoLeaderEverHeardOfItWarnsOnceAndAsksNobody() {
    assertThat(run(40, t -> null)).containsExactly("10:warn");
  }

  @Test
  void whileThisNodeIsTheLeaderItAsksNothingAndThePatienceStartsAfresh() {
    assertThat(run(30, t -> t <= 15 ? SELF : LEADER)).containsExactly("26:ask consortium");
  }
}

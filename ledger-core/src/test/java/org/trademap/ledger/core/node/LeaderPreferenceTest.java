package org.trademap.ledger.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.core.config.ConsortiumLayout;

class LeaderPreferenceTest {
  @TempDir Path dir;

  private Genesis genesis(int orgs, ConsortiumLayout.Model model) {
    return ConsortiumLayout.init(
            dir,
            ConsortiumLayout.orgs(orgs, 20_000, 21_000),
            model,
            "127.0.0.1",
            Map.of(),
            Instant.now(),
            new SecureRandom())
        .genesis();
  }

  @Test
  void inModelATheCompanyOfARelationshipChannelIsItsPreferredLeader() {
    LeaderPreference p = new LeaderPreference(genesis(5, ConsortiumLayout.Model.A));

    assertThat(p.priority("rel-sec-2", "sec-2")).isEqualTo(1);
    assertThat(p.priority("rel-sec-2", "consortium")).isZero();
    assertThat(p.priority("rel-sec-2", "notary")).isZero();
    // not a member of that channel
    assertThat(p.priority("rel-sec-2", "sec-1")).isZero();
    // the consortium's own channel: both members hold every channel, none is preferred
    assertThat(p.priority("consortium", "consortium")).isZero();
    assertThat(p.priority("consortium", "notary")).isZero();
    assertThat(p.priority("no-such-channel", "sec-1")).isZero();
  }

  @Test
  void inModelBNoMemberIsPreferred() {
    LeaderPreference p = new LeaderPreference(genesis(4, ConsortiumLayout.Model.B));

    for (String m : List.of("consortium", "sec-1", "sec-2", "notary")) {
      assertThat(p.priority("all", m)).as(m).isZero();
    }
  }

  @Test
  void givesAPeerItsPriorityOnTheChannelAndKeepsItsAddress() {
    LeaderPreference p = new LeaderPreference(genesis(5, ConsortiumLayout.Model.A));
    RaftPeer sec1 =
        RaftPeer.newBuilder().setId(RaftPeerId.valueOf("sec-1")).setAddress("127.0.0.1:1").build();

    assertThat(p.on("rel-sec-1", sec1).getPriority()).isEqualTo(1);
    assertThat(p.on("rel-sec-1", sec1).getAddress()).isEqualTo("127.0.0.1:1");
    assertThat(p.on("consortium", sec1).getPriority()).isZero();
  }
}

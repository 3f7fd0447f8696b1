package org.trademap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.core.config.ConsortiumLayout;

class ClusterTest {

  private static Path written(Path dir, ConsortiumLayout.Model model) {
    ConsortiumLayout.init(
        dir,
        ConsortiumLayout.orgs(5, 28181, 29181),
        model,
        "127.0.0.1",
        Map.of("kyc-registry", 1),
        Instant.now(),
        new SecureRandom());
    return dir;
  }

  @Test
  void inTrustModelBEveryNodeHoldsTheBenchmarkedChannel(@TempDir Path dir) {
    Cluster c = Cluster.read(written(dir.resolve("b"), ConsortiumLayout.Model.B));

    assertThat(c.genesis().channel()).isEqualTo("all");
    assertThat(c.nodes())
        .extracting(Cluster.Node::id)
        .containsExactly("consortium", "sec-1", "sec-2", "sec-3", "notary");
    assertThat(c.nodes().get(4).base().toString()).isEqualTo("http://127.0.0.1:28185/");
  }

  @Test
  void inTrustModelATheCompaniesNodesAreLeftOutForTheyDoNotHoldTheChannel(@TempDir Path dir) {
    Cluster c = Cluster.read(written(dir.resolve("a"), ConsortiumLayout.Model.A));

    assertThat(c.genesis().channel()).isEqualTo("consortium");
    assertThat(c.nodes()).extracting(Cluster.Node::id).containsExactly("consortium", "notary");
  }
}

package org.trademap.server.ledgergateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.ledger.core.node.NodeConfig;

class LedgerHealthIndicatorIT {

  @Test
  void isUpWithTheHeightWhileTheNodeServesAndDownOnceItIsClosed(@TempDir Path dataDir) {
    LedgerNode node = LedgerNode.start(NodeConfig.embedded(dataDir));
    LedgerHealthIndicator indicator = new LedgerHealthIndicator(node);
    Health up;
    try {
      up = indicator.health();
    } finally {
      node.close();
    }

    Health down = indicator.health();

    assertThat(up.getStatus()).isEqualTo(Status.UP);
    assertThat(up.getDetails()).containsEntry("height", 0L).containsEntry("nodeId", "consortium");
    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(down.getDetails()).containsKey("error");
  }
}

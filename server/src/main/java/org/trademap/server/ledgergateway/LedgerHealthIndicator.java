package org.trademap.server.ledgergateway;

import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.trademap.ledger.api.node.LedgerStatus;
import org.trademap.ledger.core.node.LedgerNode;

/**
 * {@code ledger} in {@code /actuator/health}: UP with the channel, height and Raft role while the
 * node serves, DOWN once it stopped serving (a failure it reported, or closed).
 */
@Component
class LedgerHealthIndicator implements HealthIndicator {
  private final LedgerNode node;

  LedgerHealthIndicator(LedgerNode node) {
    this.node = node;
  }

  @Override
  public Health health() {
    Optional<String> failure = node.failure();
    if (failure.isPresent()) {
      return Health.down().withDetail("error", failure.get()).build();
    }
    if (!node.isServing()) {
      return Health.down().withDetail("error", "the ledger node is closed").build();
    }
    LedgerStatus status = node.status();
    return Health.up()
        .withDetail("nodeId", status.nodeId())
        .withDetail("channel", status.channel())
        .withDetail("height", status.height())
        .withDetail("role", status.role())
        .build();
  }
}

package org.trademap.server.ledgergateway;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.trademap.ledger.api.node.Ledger;
import org.trademap.ledger.api.node.LedgerStatus;

/**
 * {@code ledger} in {@code /actuator/health}: UP with the channel, height and Raft role while the
 * node answers, DOWN once it is closed or failing.
 */
@Component
class LedgerHealthIndicator implements HealthIndicator {
  private final Ledger ledger;

  LedgerHealthIndicator(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public Health health() {
    LedgerStatus status;
    try {
      status = ledger.status();
    } catch (RuntimeException e) {
      return Health.down().withDetail("error", "the ledger node is not serving").build();
    }
    return Health.up()
        .withDetail("nodeId", status.nodeId())
        .withDetail("channel", status.channel())
        .withDetail("height", status.height())
        .withDetail("role", status.role())
        .build();
  }
}

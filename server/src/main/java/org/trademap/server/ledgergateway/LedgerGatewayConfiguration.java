package org.trademap.server.ledgergateway;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.trademap.ledger.api.node.LedgerStatus;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.ledger.core.node.NodeConfig;
import org.trademap.server.config.TradeMapProperties;

/** Starts the embedded ledger node in {@code trademap.data-dir}; Spring closes it on shutdown. */
@Configuration(proxyBeanMethods = false)
class LedgerGatewayConfiguration {
  private static final Logger log = LoggerFactory.getLogger(LedgerGatewayConfiguration.class);

  /** How long start-up waits for a single-member channel to elect this node. */
  static final Duration ELECTION_WAIT = Duration.ofSeconds(30);

  private static final String LEADER = "leader";

  @Bean(destroyMethod = "close")
  LedgerNode ledgerNode(TradeMapProperties properties) {
    NodeConfig config =
        NodeConfig.embedded(properties.dataDir()).withRaftPort(properties.ledger().raftPort());
    LedgerNode node = LedgerNode.start(config);
    if (node.genesis().members().size() == 1) {
      awaitLeadership(node);
    }
    LedgerStatus status = node.status();
    log.info(
        "ledger node {} serving channel {} at height {} as {} (data in {})",
        status.nodeId(),
        status.channel(),
        status.height(),
        status.role(),
        properties.dataDir().toAbsolutePath());
    return node;
  }

  /**
   * The only member of its channel becomes leader after one election timeout; until then it cannot
   * order submissions, so the server waits rather than answer its first requests with 503.
   */
  private static void awaitLeadership(LedgerNode node) {
    Instant deadline = Instant.now().plus(ELECTION_WAIT);
    while (!LEADER.equals(node.status().role())) {
      if (Instant.now().isAfter(deadline)) {
        log.warn("the ledger node was not elected leader within {}", ELECTION_WAIT);
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        node.close();
        throw new IllegalStateException("interrupted while waiting for the ledger election", e);
      }
    }
  }
}

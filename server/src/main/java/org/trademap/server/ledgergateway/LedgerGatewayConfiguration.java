package org.trademap.server.ledgergateway;

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

  @Bean(destroyMethod = "close")
  LedgerNode ledgerNode(TradeMapProperties properties) {
    NodeConfig config =
        NodeConfig.embedded(properties.dataDir()).withRaftPort(properties.ledger().raftPort());
    // start() returns once this node leads its one-peer channel, so the first requests are served.
    LedgerNode node = LedgerNode.start(config);
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
}

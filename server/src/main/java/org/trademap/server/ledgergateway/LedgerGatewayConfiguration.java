package org.trademap.server.ledgergateway;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.trademap.ledger.api.node.LedgerStatus;
import org.trademap.ledger.core.config.NodeConfigFile;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.ledger.core.node.NodeConfig;
import org.trademap.server.config.TradeMapProperties;

/**
 * Starts the ledger node: the consortium node of {@code trademap.ledger.config} if set, else the
 * embedded one-member ledger in {@code trademap.data-dir}. Spring closes it on shutdown.
 */
@Configuration(proxyBeanMethods = false)
class LedgerGatewayConfiguration {
  private static final Logger log = LoggerFactory.getLogger(LedgerGatewayConfiguration.class);

  @Bean(destroyMethod = "close")
  LedgerNode ledgerNode(TradeMapProperties properties) {
    Path file = properties.ledger().config();
    NodeConfig config =
        file != null
            ? NodeConfigFile.load(file).toNodeConfig()
            : NodeConfig.embedded(properties.dataDir())
                .withRaftPort(properties.ledger().raftPort());
    // The embedded node returns once it leads its one-peer channel, so the first requests are
    // served; a consortium node returns at once and serves once its channel has a leader.
    LedgerNode node = LedgerNode.start(config);
    LedgerStatus status = node.status();
    log.info(
        "ledger node {} serving channel {} at height {} as {} (data in {})",
        status.nodeId(),
        status.channel(),
        status.height(),
        status.role(),
        config.dataDir().toAbsolutePath());
    return node;
  }
}

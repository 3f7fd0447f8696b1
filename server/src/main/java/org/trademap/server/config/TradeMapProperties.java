package org.trademap.server.config;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code trademap.*} properties.
 *
 * @param dataDir where the server keeps its data; the embedded ledger node stores its key, genesis
 *     document, Raft log and state here. Default {@code ./data}, relative to the working directory.
 * @param ledger the embedded ledger node
 * @param api the REST API
 */
@ConfigurationProperties(prefix = "trademap")
public record TradeMapProperties(
    @DefaultValue("./data") Path dataDir, @DefaultValue Ledger ledger, @DefaultValue Api api) {

  /**
   * The embedded ledger node ({@code trademap.ledger.*}).
   *
   * @param raftPort the loopback port of the node's Raft (gRPC) server; default {@code 0}: any free
   *     port
   * @param submitTimeout how long a submission waits to be committed or refused before the API
   *     answers {@code 503 ledger.timeout}; default {@code 10s}
   * @param config a consortium node's configuration file ({@code bin/trademap start --config
   *     FILE}); when set, the node is that organisation's node of the consortium, and the file's
   *     {@code httpPort} and {@code dataDir} give {@code server.port} and {@code
   *     trademap.data-dir}. Default: none, the embedded one-member ledger
   */
  public record Ledger(
      @DefaultValue("0") int raftPort,
      @DefaultValue("10s") Duration submitTimeout,
      @Nullable Path config) {
    public Ledger {
      if (raftPort < 0 || raftPort > 65_535) {
        throw new IllegalArgumentException("trademap.ledger.raft-port must be 0 to 65535");
      }
      if (submitTimeout.isNegative() || submitTimeout.isZero()) {
        throw new IllegalArgumentException("trademap.ledger.submit-timeout must be positive");
      }
    }
  }

  /**
   * The REST API ({@code trademap.api.*}).
   *
   * @param maxRequestSize the largest request body accepted; larger ones are answered with {@code
   *     413 request.too-large} before the body is read when the client announces its length.
   *     Default {@code 256KB} (a signed transaction is at most about 66 KiB, 88 KiB in base64).
   *     Paths that take larger bodies (document uploads) declare their own limit as a {@code
   *     web.RequestBodyLimit} bean.
   * @param maxBatchTransactions the most transactions {@code POST
   *     /api/v1/ledger/transactions/batch} takes at once; more are answered with {@code 413
   *     request.batch-too-large}. Default {@code 1000}, 1 to 10,000
   * @param maxBatchRequestSize the largest body of {@code POST /api/v1/ledger/transactions/batch}
   *     (in place of {@code maxRequestSize}); larger ones are answered with {@code 413
   *     request.too-large}. Default {@code 8MB}: a thousand transactions of up to about 6 KiB each
   */
  public record Api(
      @DefaultValue("256KB") DataSize maxRequestSize,
      @DefaultValue("1000") int maxBatchTransactions,
      @DefaultValue("8MB") DataSize maxBatchRequestSize) {
    public Api {
      if (maxRequestSize.toBytes() <= 0) {
        throw new IllegalArgumentException("trademap.api.max-request-size must be positive");
      }
      if (maxBatchTransactions < 1 || maxBatchTransactions > 10_000) {
        throw new IllegalArgumentException(
            "trademap.api.max-batch-transactions must be 1 to 10000");
      }
      if (maxBatchRequestSize.toBytes() <= 0
          || maxBatchRequestSize.toBytes() >= Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "trademap.api.max-batch-request-size must be 1 B to 2 GB");
      }
    }
  }
}

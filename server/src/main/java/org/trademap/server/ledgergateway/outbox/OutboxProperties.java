package org.trademap.server.ledgergateway.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ledger outbox's dispatcher ({@code trademap.outbox.*}).
 *
 * @param pollInterval how often the idle dispatcher looks for entries it was not woken for (e.g.
 *     left by a crash, or enqueued by another process on the same database); default {@code 2s}
 * @param minBackoff the first wait after the ledger could not take a submission; default {@code
 *     250ms}
 * @param maxBackoff the longest wait between retries, reached by doubling; default {@code 30s}
 */
@ConfigurationProperties("trademap.outbox")
public record OutboxProperties(
    @DefaultValue("2s") Duration pollInterval,
    @DefaultValue("250ms") Duration minBackoff,
    @DefaultValue("30s") Duration maxBackoff) {

  /** Refuses durations that are not positive and a maximum below the minimum. */
  public OutboxProperties {
    requirePositive(pollInterval, "poll-interval");
    requirePositive(minBackoff, "min-backoff");
    requirePositive(maxBackoff, "max-backoff");
    if (maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException(
          "trademap.outbox.max-backoff must not be below trademap.outbox.min-backoff");
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("trademap.outbox." + name + " must be positive");
    }
  }
}

package org.trademap.server.ledgergateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.node.ChannelLedger;
import org.trademap.ledger.api.node.ChannelStatus;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.node.Ledger;
import org.trademap.ledger.api.node.LedgerStatus;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.node.TransactionRecord;
import org.trademap.server.config.TradeMapProperties;

/**
 * The ledger as the rest of the server uses it: status, blocks and transactions, and submissions
 * that wait until the transaction is committed or refused.
 */
@Component
public class LedgerGateway {
  private static final Logger log = LoggerFactory.getLogger(LedgerGateway.class);
  private static final String CATCHING_UP =
      "the ledger node is catching up after its start and takes no submissions yet";

  private final Ledger ledger;
  private final Duration submitTimeout;
  private final String defaultChannel;
  private final List<String> channels;

  LedgerGateway(Ledger ledger, TradeMapProperties properties) {
    this.ledger = ledger;
    this.submitTimeout = properties.ledger().submitTimeout();
    LedgerStatus status = ledger.status();
    this.defaultChannel = status.channel();
    this.channels = status.channels().stream().map(ChannelStatus::channel).toList();
  }

  /**
   * The node's default channel, the one this application's transactions name: the first channel the
   * node holds (in trust model a a company's node holds only its relationship, not the genesis
   * document's first channel). Fixed while the node runs.
   */
  public String defaultChannel() {
    return defaultChannel;
  }

  /** Height, head and role of this node. */
  public LedgerStatus status() {
    return ledger.status();
  }

  /** The genesis document; its hash is the chain id transactions must name. */
  public Genesis genesis() {
    return ledger.genesis();
  }

  /**
   * A read barrier before a read that decides: returns once this node applied every block of its
   * default channel committed when called (Raft ReadIndex), with its height then.
   *
   * @throws LedgerUnavailableException if no leader confirms
   */
  public long sync() {
    try {
      return ledger.sync();
    } catch (RuntimeException e) {
      log.warn("the ledger node cannot confirm it is up to date: {}", e.getMessage());
      throw new LedgerUnavailableException("the ledger node cannot confirm it is up to date", e);
    }
  }

  /**
   * A read of the ledger node; a node that stops serving (e.g. diverged) fails it as unavailable.
   */
  private static <T> T serving(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (org.trademap.ledger.core.node.LedgerUnavailableException e) {
      throw new LedgerUnavailableException("the ledger node does not serve reads", e);
    }
  }

  /** A channel this node holds, by name (every channel, the default one included). */
  public Optional<ChannelLedger> channel(String name) {
    return ledger.channel(name);
  }

  /** The names of the channels this node holds, the default channel first. Fixed while it runs. */
  public List<String> channels() {
    return channels;
  }

  /** Whether this node holds the channel. */
  public boolean holds(String channel) {
    return channels.contains(channel);
  }

  /**
   * A read barrier on one channel, as {@link #sync()} is on the default one.
   *
   * @throws LedgerUnavailableException if no leader of the channel confirms
   * @throws IllegalArgumentException if this node does not hold the channel
   */
  public long sync(String channel) {
    ChannelLedger replica = held(channel);
    try {
      return replica.sync();
    } catch (RuntimeException e) {
      log.warn(
          "the ledger node cannot confirm channel {} is up to date: {}", channel, e.getMessage());
      throw new LedgerUnavailableException(
          "the ledger node cannot confirm channel " + channel + " is up to date", e);
    }
  }

  /**
   * A committed block of a channel this node holds, or empty above its head or if it holds none.
   */
  public Optional<Block> block(String channel, long height) {
    return serving(() -> ledger.channel(channel).flatMap(c -> c.block(height)));
  }

  /**
   * Where a transaction recorded on a channel is, with its receipt; empty if the channel never
   * recorded it or this node does not hold it.
   *
   * @param channel the channel, or null for the default channel
   */
  public Optional<TransactionRecord> transaction(@Nullable String channel, Hash txId) {
    if (channel == null || channel.equals(defaultChannel)) {
      return transaction(txId);
    }
    return serving(() -> ledger.channel(channel).flatMap(c -> c.transaction(txId)));
  }

  /**
   * The next nonce a signer should use on a channel.
   *
   * @throws IllegalArgumentException if this node does not hold the channel
   */
  public long nextNonce(String channel, PublicKey signer) {
    return held(channel).nextNonce(signer);
  }

  private ChannelLedger held(String channel) {
    return ledger
        .channel(channel)
        .orElseThrow(
            () -> new IllegalArgumentException("this node does not hold channel " + channel));
  }

  /** A committed block, or empty above the head. */
  public Optional<Block> block(long height) {
    return serving(() -> ledger.block(height));
  }

  /** Up to {@code limit} of the newest committed blocks, newest first. */
  public List<Block> latestBlocks(int limit) {
    long head = ledger.status().height();
    List<Block> blocks = new ArrayList<>(limit);
    for (long height = head; height >= 0 && blocks.size() < limit; height--) {
      block(height).ifPresent(blocks::add);
    }
    return blocks;
  }

  /** Where a transaction was recorded, with its receipt; empty if the ledger never recorded it. */
  public Optional<TransactionRecord> transaction(Hash txId) {
    return serving(() -> ledger.transaction(txId));
  }

  /**
   * Submits the canonical bytes of a signed transaction and waits for what became of it, at most
   * {@code trademap.ledger.submit-timeout}.
   *
   * @throws SubmitTimeoutException if the outcome is not known in time; the transaction may still
   *     be committed later
   * @throws LedgerCatchingUpException if the ledger node refuses submissions while it catches up
   *     after its start
   * @throws LedgerUnavailableException if the ledger node cannot take submissions
   */
  public SubmitResult submit(byte[] signedTransaction) {
    Hash txId = Hash.sha256(signedTransaction);
    CompletableFuture<SubmitResult> outcome;
    try {
      outcome = ledger.submit(signedTransaction);
    } catch (RuntimeException e) {
      log.warn(
          "transaction {}: the ledger node does not take submissions: {}", txId, e.getMessage());
      throw notTaken(e);
    }
    try {
      SubmitResult result = outcome.get(submitTimeout.toNanos(), TimeUnit.NANOSECONDS);
      log.debug("transaction {}: {}", result.txId(), result.code());
      return result;
    } catch (TimeoutException e) {
      log.warn("transaction {}: no outcome within {}", txId, submitTimeout);
      throw new SubmitTimeoutException(txId, submitTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerUnavailableException("interrupted while waiting for the ledger", e);
    } catch (ExecutionException e) {
      log.warn("transaction {}: the ledger node could not process it: {}", txId, e.getCause());
      if (catchingUp(e.getCause())) {
        throw new LedgerCatchingUpException(CATCHING_UP, e);
      }
      throw new LedgerUnavailableException("the ledger node failed to process a submission", e);
    }
  }

  /**
   * Submits several signed transactions at once and waits for each one's outcome, all within one
   * {@code trademap.ledger.submit-timeout} from the first submission. The outcomes are in the order
   * of the transactions; one that is not decided in time, or that the node could no longer take, is
   * reported as such while the others are.
   *
   * @throws LedgerCatchingUpException if the ledger node refuses the batch at once while it catches
   *     up after its start (nothing was submitted); a node that refuses each transaction so reports
   *     them as {@link BatchOutcome.CatchingUp}
   * @throws LedgerUnavailableException if the ledger node takes none of them (nothing was
   *     submitted)
   */
  public List<BatchOutcome> submitAll(List<byte[]> signedTransactions) {
    List<CompletableFuture<SubmitResult>> outcomes;
    try {
      outcomes = ledger.submitAll(signedTransactions);
    } catch (RuntimeException e) {
      log.warn("batch: the ledger node does not take submissions: {}", e.getMessage());
      throw notTaken(e);
    }
    long deadline = System.nanoTime() + submitTimeout.toNanos();
    List<BatchOutcome> results = new ArrayList<>(outcomes.size());
    int timedOut = 0;
    for (int i = 0; i < outcomes.size(); i++) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        results.add(new BatchOutcome.Decided(outcomes.get(i).get(left, TimeUnit.NANOSECONDS)));
      } catch (TimeoutException e) {
        timedOut++;
        results.add(new BatchOutcome.TimedOut(Hash.sha256(signedTransactions.get(i))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LedgerUnavailableException("interrupted while waiting for the ledger", e);
      } catch (ExecutionException e) {
        Hash txId = Hash.sha256(signedTransactions.get(i));
        log.warn("transaction {}: the ledger node could not process it: {}", txId, e.getCause());
        results.add(
            catchingUp(e.getCause())
                ? new BatchOutcome.CatchingUp(txId)
                : new BatchOutcome.Unavailable(txId));
      }
    }
    if (timedOut > 0) {
      log.warn(
          "batch: {} of {} transactions without an outcome within {}",
          timedOut,
          outcomes.size(),
          submitTimeout);
    }
    return results;
  }

  /** The next nonce a signer should use. */
  public long nextNonce(PublicKey signer) {
    return ledger.nextNonce(signer);
  }

  /** The gateway's failure for a submission the ledger node refused to take at all. */
  private static LedgerUnavailableException notTaken(RuntimeException e) {
    return catchingUp(e)
        ? new LedgerCatchingUpException(CATCHING_UP, e)
        : new LedgerUnavailableException("the ledger node does not take submissions", e);
  }

  /** Whether the ledger node refused a submission because it catches up after its start. */
  private static boolean catchingUp(@Nullable Throwable failure) {
    return failure instanceof org.trademap.ledger.core.node.LedgerCatchingUpException;
  }
}

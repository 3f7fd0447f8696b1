package org.trademap.server.ledgergateway.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.node.TransactionRecord;
import org.trademap.ledger.api.tx.Transaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.server.ledgergateway.LedgerGateway;
import org.trademap.server.ledgergateway.LedgerUnavailableException;
import org.trademap.server.ledgergateway.SubmitTimeoutException;

/**
 * Records the outbox's entries on the ledger, one at a time and in order, each on the channel it
 * names (the node's default channel if it names none), on one background thread that runs while the
 * application context runs. It wakes when an enqueue commits and looks for entries every {@code
 * trademap.outbox.poll-interval} anyway.
 *
 * <p>Exactly-once effect, also across crashes: an entry's transaction is signed (node key, the
 * node's next nonce, the current time) and stored in the entry <em>before</em> it is submitted; a
 * later attempt submits the same bytes again, which the ledger either records (it never did) or
 * refuses as {@code DUPLICATE} (it did), and the transaction index says which. Only a stored
 * transaction that provably can never commit is replaced by a new signature: one the ledger refuses
 * with {@code TIMESTAMP_OUT_OF_WINDOW}, or with {@code NONCE_REUSED} while its id is not on the
 * ledger (its nonce was used by another transaction), or one a block recorded without executing it
 * for those reasons. A rejection by the contract, or by a check that does not pass by trying again,
 * is final. A ledger that cannot take submissions is retried with exponential backoff.
 */
@Component
final class OutboxDispatcher implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
  private static final OutboxFaults NO_FAULTS = (point, seq) -> {};

  private final OutboxStore store;
  private final LedgerGateway ledger;
  private final KeyPair key;
  private final Clock clock;
  private final OutboxProperties properties;
  private final OutboxFaults faults;
  private final Object signal = new Object();
  private boolean woken;
  private volatile boolean running;
  private @Nullable Thread thread;

  OutboxDispatcher(
      Outbox outbox,
      LedgerGateway ledger,
      LedgerNode node,
      OutboxProperties properties,
      ObjectProvider<Clock> clock,
      ObjectProvider<OutboxFaults> faults) {
    this.store = outbox.store();
    this.ledger = ledger;
    this.key = node.nodeKey();
    this.clock = clock.getIfUnique(Clock::systemUTC);
    this.properties = properties;
    this.faults = faults.getIfAvailable(() -> NO_FAULTS);
    outbox.onEnqueue(this::wake);
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = Thread.ofPlatform().name("ledger-outbox").daemon(true).start(this::run);
  }

  @Override
  public void stop() {
    Thread worker;
    synchronized (this) {
      running = false;
      worker = thread;
      thread = null;
    }
    if (worker != null) {
      worker.interrupt();
      try {
        worker.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops first and starts last: the ledger node and the database outlive it. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }

  void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void run() {
    Duration backoff = properties.minBackoff();
    while (running) {
      try {
        boolean dispatched = dispatchNext();
        backoff = properties.minBackoff();
        if (!dispatched) {
          await(properties.pollInterval(), true);
        }
      } catch (LedgerUnavailableException | SubmitTimeoutException | DataAccessException e) {
        if (!running) {
          return;
        }
        log.warn("ledger outbox: will retry in {}: {}", backoff, e.getMessage());
        await(backoff, false);
        backoff = doubled(backoff);
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        log.error("ledger outbox: dispatch failed; will retry in {}", backoff, e);
        await(backoff, false);
        backoff = doubled(backoff);
      }
    }
  }

  private Duration doubled(Duration backoff) {
    Duration next = backoff.multipliedBy(2);
    return next.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : next;
  }

  /** Waits up to {@code timeout}; an enqueue cuts the wait short if {@code wakeable}. */
  private void await(Duration timeout, boolean wakeable) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (signal) {
      try {
        while (running && !(wakeable && woken)) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          TimeUnit.NANOSECONDS.timedWait(signal, left);
        }
      } catch (InterruptedException e) {
        // stop() interrupts; the loop checks running.
      }
      if (wakeable) {
        woken = false;
      }
    }
  }

  /**
   * Dispatches the oldest pending entry until it is settled or must wait for the ledger.
   *
   * @return false if there was none
   */
  boolean dispatchNext() {
    Optional<OutboxStore.Row> next = store.nextPending();
    if (next.isEmpty()) {
      return false;
    }
    OutboxStore.Row row = next.get();
    while (row.status() instanceof OutboxStatus.Pending) {
      row = attempt(row);
    }
    return true;
  }

  /** One attempt: returns the row as it stands afterwards (settled, or re-signed to try again). */
  private OutboxStore.Row attempt(OutboxStore.Row row) {
    String channel = channelOf(row);
    if (!ledger.holds(channel)) {
      // Nothing can be signed or looked up on a channel this node does not hold, and trying again
      // does not help: the node's channels are fixed while it runs. Final, and reported.
      return reject(
          row,
          ValidationCode.WRONG_CHANNEL.name(),
          "",
          "this node does not hold channel " + channel,
          null);
    }
    if (row.signedTx() == null) {
      row = sign(row, null);
    }
    byte[] signed = requireSigned(row);
    Hash txId = Hash.sha256(signed);
    faults.at(OutboxFaults.Point.BEFORE_SUBMIT, row.seq());
    Optional<TransactionRecord> recorded = ledger.transaction(channel, txId);
    if (recorded.isPresent()) {
      return settle(row, txId, recorded.get().height(), recorded.get().receipt());
    }
    SubmitResult result = ledger.submit(signed);
    return switch (result) {
      case SubmitResult.Committed committed -> {
        faults.at(OutboxFaults.Point.AFTER_COMMIT, row.seq());
        yield settle(row, txId, committed.height(), committed.receipt());
      }
      case SubmitResult.Refused refused -> refused(row, txId, refused);
    };
  }

  private OutboxStore.Row refused(OutboxStore.Row row, Hash txId, SubmitResult.Refused refused) {
    ValidationCode code = refused.code();
    switch (code) {
      case DUPLICATE, NONCE_REUSED, TIMESTAMP_OUT_OF_WINDOW -> {
        // Look the id up after the refusal: a commit that raced the checks is seen now.
        Optional<TransactionRecord> recorded = ledger.transaction(channelOf(row), txId);
        if (recorded.isPresent()) {
          return settle(row, txId, recorded.get().height(), recorded.get().receipt());
        }
        if (code == ValidationCode.DUPLICATE) {
          throw new IllegalStateException(
              "the ledger calls transaction " + txId + " a duplicate but cannot find it");
        }
        log.info(
            "ledger outbox: entry {} transaction {} can never commit ({}); signing it anew",
            row.seq(),
            txId,
            code);
        return sign(row, txId);
      }
      default -> {
        return reject(row, code.name(), "", refused.message(), null);
      }
    }
  }

  private OutboxStore.Row settle(OutboxStore.Row row, Hash txId, long height, Receipt receipt) {
    ValidationCode code = receipt.code();
    switch (code) {
      case OK -> {
        store.markCommitted(row.seq(), txId, height, clock.instant());
        log.info(
            "ledger outbox: entry {} ({}.{}) committed as {} at height {}",
            row.seq(),
            row.contractId(),
            row.method(),
            txId,
            height);
        return reload(row);
      }
      case NONCE_REUSED, TIMESTAMP_OUT_OF_WINDOW -> {
        // Recorded without being executed: its id is spent, so only a new signature can commit.
        log.info(
            "ledger outbox: entry {} transaction {} was recorded unexecuted ({}); signing anew",
            row.seq(),
            txId,
            code);
        return sign(row, txId);
      }
      default -> {
        return reject(row, code.name(), receipt.reason(), receipt.message(), height);
      }
    }
  }

  private OutboxStore.Row reject(
      OutboxStore.Row row, String code, String reason, String message, @Nullable Long height) {
    store.markRejected(row.seq(), code, reason, message, height, clock.instant());
    log.warn(
        "ledger outbox: entry {} ({}.{} on {}) rejected: {} {}",
        row.seq(),
        row.contractId(),
        row.method(),
        channelOf(row),
        code,
        reason);
    return reload(row);
  }

  /** Signs the entry with the node key and its next nonce, replacing {@code previous}. */
  private OutboxStore.Row sign(OutboxStore.Row row, @Nullable Hash previous) {
    Genesis genesis = ledger.genesis();
    String channel = channelOf(row);
    long nonce = ledger.nextNonce(channel, key.publicKey());
    byte[] signed =
        new Transaction(
                genesis.chainId(),
                channel,
                row.contractId(),
                row.contractVersion(),
                row.method(),
                row.args(),
                key.publicKey(),
                nonce,
                clock.millis())
            .signWith(key)
            .encode();
    Hash txId = Hash.sha256(signed);
    if (store.storeSignature(row.seq(), previous, signed, txId, nonce, clock.instant())) {
      log.debug("ledger outbox: entry {} signed as {} with nonce {}", row.seq(), txId, nonce);
    }
    // Whoever stored a signature first, the stored one is the one to submit.
    return reload(row);
  }

  /** The channel the entry names, or the node's default channel if it names none. */
  private String channelOf(OutboxStore.Row row) {
    String channel = row.channel();
    return channel == null ? ledger.defaultChannel() : channel;
  }

  private OutboxStore.Row reload(OutboxStore.Row row) {
    return store
        .find(row.seq())
        .orElseThrow(() -> new IllegalStateException("outbox entry " + row.seq() + " vanished"));
  }

  private static byte[] requireSigned(OutboxStore.Row row) {
    byte[] signed = row.signedTx();
    if (signed == null) {
      throw new IllegalStateException("outbox entry " + row.seq() + " has no signature");
    }
    return signed;
  }
}

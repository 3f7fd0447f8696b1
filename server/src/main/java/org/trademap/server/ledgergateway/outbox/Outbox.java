package org.trademap.server.ledgergateway.outbox;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.trademap.ledger.api.tx.Transaction;

/**
 * Ledger transactions to record, tied to the database transaction that implies them.
 *
 * <p>{@link #enqueue} joins the caller's Spring transaction on the server's {@link DataSource}: the
 * caller's rows and the entry commit together or not at all. After the commit the dispatcher
 * records the entry on the ledger, signed by this node's consortium key, exactly once, in the order
 * of enqueueing, on the channel the entry names (the node's default channel if it names none).
 * Callers follow it with {@link #find}.
 */
@Component
public final class Outbox {
  /** The form of an idempotency key. */
  public static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");

  private final OutboxStore store;
  private final Clock clock;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  @Autowired
  Outbox(DataSource dataSource, ObjectProvider<Clock> clock) {
    this(dataSource, clock.getIfUnique(Clock::systemUTC));
  }

  /** For tests: an outbox in the given database with the given clock. */
  public Outbox(DataSource dataSource, Clock clock) {
    this.store = new OutboxStore(dataSource);
    this.clock = clock;
  }

  /**
   * Adds a ledger transaction to record, in the caller's database transaction if there is one. A
   * key that is already taken is a no-op that returns the existing entry, whatever its status.
   *
   * @param idempotencyKey 1–200 characters of {@code [A-Za-z0-9._:/-]}, unique per intent; never
   *     personal data
   * @param contractId the contract to invoke
   * @param contractVersion the contract version expected to run it
   * @param method the contract method
   * @param args the arguments in the contract's encoding (e.g. from {@code KycRegistryCalls}); they
   *     go on the ledger, so they must not hold personal data
   * @return the entry, {@link OutboxStatus.Pending} when it is new
   * @throws IllegalArgumentException if a value is malformed, or if the key is taken by an entry
   *     with another contract, method or arguments (one key, one intent)
   */
  public OutboxEntry enqueue(
      String idempotencyKey, String contractId, int contractVersion, String method, byte[] args) {
    return enqueue(null, idempotencyKey, contractId, contractVersion, method, args);
  }

  /**
   * Adds a ledger transaction to record on a named channel, as {@link #enqueue(String, String, int,
   * String, byte[])} does for the default channel. A channel this node does not hold is not refused
   * here (the node's channels are the dispatcher's business): the dispatcher rejects the entry with
   * {@code WRONG_CHANNEL} and reports it.
   *
   * @param channel the channel the transaction names, or null for the node's default channel
   * @throws IllegalArgumentException if a value is malformed, or if the key is taken by an entry
   *     with another channel, contract, method or arguments (one key, one intent)
   */
  public OutboxEntry enqueue(
      @Nullable String channel,
      String idempotencyKey,
      String contractId,
      int contractVersion,
      String method,
      byte[] args) {
    if (channel != null) {
      Transaction.checkName(channel, "channel");
    }
    if (!KEY.matcher(idempotencyKey).matches()) {
      throw new IllegalArgumentException(
          "an idempotency key is 1 to 200 characters of [A-Za-z0-9._:/-]");
    }
    Transaction.checkName(contractId, "contract id");
    Transaction.checkName(method, "method");
    if (contractVersion < 1) {
      throw new IllegalArgumentException("contract version starts at 1");
    }
    if (args.length > Transaction.MAX_ARGS_BYTES) {
      throw new IllegalArgumentException(
          "arguments exceed " + Transaction.MAX_ARGS_BYTES + " bytes");
    }
    boolean inserted =
        store.insertIfAbsent(
            idempotencyKey, channel, contractId, contractVersion, method, args, clock.instant());
    OutboxStore.Row row =
        store
            .find(idempotencyKey)
            .orElseThrow(() -> new IllegalStateException("the outbox entry vanished"));
    if (!inserted && !row.sameIntent(channel, contractId, contractVersion, method, args)) {
      throw new IllegalArgumentException(
          "the idempotency key "
              + idempotencyKey
              + " is taken by another intent ("
              + row.contractId()
              + "."
              + row.method()
              + ")");
    }
    if (inserted) {
      wakeAfterCommit();
    }
    return row.entry();
  }

  /** The entry with this key, if any. */
  public Optional<OutboxEntry> find(String idempotencyKey) {
    return store.find(idempotencyKey).map(OutboxStore.Row::entry);
  }

  OutboxStore store() {
    return store;
  }

  /** Runs {@code listener} after each committed enqueue (the dispatcher's wake-up). */
  void onEnqueue(Runnable listener) {
    listeners.add(listener);
  }

  private void wakeAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              wake();
            }
          });
    } else {
      wake();
    }
  }

  private void wake() {
    listeners.forEach(Runnable::run);
  }
}

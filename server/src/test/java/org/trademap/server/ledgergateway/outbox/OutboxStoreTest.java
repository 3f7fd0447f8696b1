package org.trademap.server.ledgergateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.server.testing.OnEachDatabase;
import org.trademap.server.testing.TestDatabase;

class OutboxStoreTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  private static final byte[] ARGS = "args".getBytes(StandardCharsets.UTF_8);

  private static OutboxEntry enqueue(Outbox outbox, String key) {
    return outbox.enqueue(key, "kyc-registry", 1, "register", ARGS);
  }

  @OnEachDatabase
  void enqueuesAPendingEntryFoundByItsKey(TestDatabase db) {
    Outbox outbox = new Outbox(db.dataSource(), CLOCK);

    OutboxEntry entry = enqueue(outbox, "test/one");

    assertThat(entry.idempotencyKey()).isEqualTo("test/one");
    assertThat(entry.contractId()).isEqualTo("kyc-registry");
    assertThat(entry.contractVersion()).isEqualTo(1);
    assertThat(entry.method()).isEqualTo("register");
    assertThat(entry.status()).isEqualTo(new OutboxStatus.Pending(null));
    assertThat(entry.createdAt()).isEqualTo(CLOCK.instant());
    assertThat(outbox.find("test/one")).contains(entry);
    assertThat(outbox.find("test/two")).isEmpty();
  }

  @OnEachDatabase
  void aTakenKeyIsANoOpThatReturnsTheExistingEntry(TestDatabase db) {
    Outbox outbox = new Outbox(db.dataSource(), CLOCK);
    OutboxEntry first = enqueue(outbox, "test/once");

    OutboxEntry second = enqueue(outbox, "test/once");

    assertThat(second).isEqualTo(first);
    assertThat(outbox.store().nextPending().orElseThrow().seq()).isEqualTo(first.seq());
    assertThatThrownBy(
            () -> outbox.enqueue("test/once", "kyc-registry", 1, "update-commitment", ARGS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another intent");
  }

  @OnEachDatabase
  void refusesMalformedValues(TestDatabase db) {
    Outbox outbox = new Outbox(db.dataSource(), CLOCK);

    assertThatThrownBy(() -> enqueue(outbox, "a key with spaces"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> enqueue(outbox, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> outbox.enqueue("k", "KYC", 1, "register", ARGS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> outbox.enqueue("k", "kyc-registry", 0, "register", ARGS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(outbox.store().nextPending()).isEmpty();
  }

  @OnEachDatabase
  void commitsAndRollsBackWithTheCallersTransactionAndWakesOnlyAfterTheCommit(TestDatabase db) {
    Outbox outbox = new Outbox(db.dataSource(), CLOCK);
    AtomicInteger wakes = new AtomicInteger();
    outbox.onEnqueue(wakes::incrementAndGet);
    TransactionTemplate transaction =
        new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));

    transaction.executeWithoutResult(
        status -> {
          enqueue(outbox, "test/rolled-back");
          status.setRollbackOnly();
        });
    assertThat(outbox.find("test/rolled-back")).isEmpty();
    assertThat(wakes).hasValue(0);

    transaction.executeWithoutResult(
        status -> {
          enqueue(outbox, "test/committed");
          assertThat(wakes).as("not before the commit").hasValue(0);
        });
    assertThat(outbox.find("test/committed")).isPresent();
    assertThat(wakes).hasValue(1);

    enqueue(outbox, "test/no-transaction");
    assertThat(wakes).hasValue(2);
    enqueue(outbox, "test/no-transaction");
    assertThat(wakes).as("a no-op wakes nobody").hasValue(2);
  }

  @OnEachDatabase
  void entriesAreTakenOldestFirstAndSettleOnce(TestDatabase db) {
    Outbox outbox = new Outbox(db.dataSource(), CLOCK);
    OutboxStore store = outbox.store();
    OutboxEntry first = enqueue(outbox, "test/1");
    OutboxEntry second = enqueue(outbox, "test/2");
    Hash tx1 = Hash.sha256("tx1".getBytes(StandardCharsets.UTF_8));
    Hash tx2 = Hash.sha256("tx2".getBytes(StandardCharsets.UTF_8));

    assertThat(store.nextPending().orElseThrow().seq()).isEqualTo(first.seq());
    assertThat(store.storeSignature(first.seq(), null, new byte[] {1}, tx1, 7, CLOCK.instant()))
        .isTrue();
    assertThat(store.storeSignature(first.seq(), null, new byte[] {2}, tx2, 8, CLOCK.instant()))
        .as("only replaces the signature it was told")
        .isFalse();
    assertThat(outbox.find("test/1").orElseThrow().status())
        .isEqualTo(new OutboxStatus.Pending(tx1));
    OutboxStore.Row signed = store.find(first.seq()).orElseThrow();
    assertThat(signed.signedTx()).containsExactly(1);
    assertThat(signed.nonce()).isEqualTo(7L);
    assertThat(signed.signings()).isEqualTo(1);

    assertThat(store.markCommitted(first.seq(), tx1, 5, CLOCK.instant())).isTrue();
    assertThat(store.markCommitted(first.seq(), tx1, 6, CLOCK.instant())).isFalse();
    assertThat(outbox.find("test/1").orElseThrow().status())
        .isEqualTo(new OutboxStatus.Committed(tx1, 5));
    assertThat(store.nextPending().orElseThrow().seq()).isEqualTo(second.seq());

    assertThat(
            store.markRejected(
                second.seq(),
                "CONTRACT_REJECTED",
                "kyc.subject-exists",
                "A subject with this reference is already registered.",
                9L,
                CLOCK.instant()))
        .isTrue();
    assertThat(outbox.find("test/2").orElseThrow().status())
        .isEqualTo(
            new OutboxStatus.Rejected(
                "CONTRACT_REJECTED",
                "kyc.subject-exists",
                "A subject with this reference is already registered.",
                null,
                9L));
    assertThat(store.nextPending()).isEmpty();
  }
}

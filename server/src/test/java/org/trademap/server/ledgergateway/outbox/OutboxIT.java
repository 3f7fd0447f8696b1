package org.trademap.server.ledgergateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.server.ledgergateway.LedgerGateway;
import org.trademap.server.testing.LedgerScan;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestTransactions;

/**
 * The outbox against the server's own ledger node: what it records, what it refuses for good, and
 * how it finishes entries that a crash (or a transaction that can never commit) left half done. The
 * states a crash leaves are made directly: an entry whose signed transaction is stored but already
 * committed, stale, or outside the time window; and faults injected between the steps.
 */
@Import(OutboxIT.Faults.class)
class OutboxIT extends RunningServer {

  /** Fails the dispatcher once at the given point of the given entry. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Faults {
    static final Map<Long, OutboxFaults.Point> FAIL_ONCE = new ConcurrentHashMap<>();

    @Bean
    OutboxFaults failOnce() {
      return (point, seq) -> {
        if (FAIL_ONCE.remove(seq, point)) {
          throw new TransientDataAccessResourceException("injected fault at " + point);
        }
      };
    }
  }

  @Autowired Outbox outbox;
  @Autowired LedgerNode node;
  @Autowired LedgerGateway ledger;
  @Autowired PlatformTransactionManager transactions;

  private static String subject() {
    return "outbox-it-" + UUID.randomUUID();
  }

  private OutboxEntry enqueueRegister(String key, String ref) {
    return outbox.enqueue(
        key,
        KycRegistry.ID,
        KycRegistry.VERSION,
        KycRegistry.REGISTER,
        TestTransactions.registerArgs(ref));
  }

  /** Enqueues a registration on a named channel, in a transaction of its own. */
  private void enqueueOn(String channel, String key, String ref) {
    transaction()
        .executeWithoutResult(
            status ->
                outbox.enqueue(
                    channel,
                    key,
                    KycRegistry.ID,
                    KycRegistry.VERSION,
                    KycRegistry.REGISTER,
                    TestTransactions.registerArgs(ref)));
  }

  private TransactionTemplate transaction() {
    return new TransactionTemplate(transactions);
  }

  private OutboxStatus awaitSettled(String key) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !(outbox.find(key).orElseThrow().status() instanceof OutboxStatus.Pending));
    return outbox.find(key).orElseThrow().status();
  }

  /** Enqueues an entry whose transaction was already signed (as if before a crash). */
  private OutboxEntry enqueueSigned(String key, String ref, SignedTransaction signed) {
    return Objects.requireNonNull(
        transaction()
            .execute(
                status -> {
                  OutboxEntry entry = enqueueRegister(key, ref);
                  byte[] bytes = signed.encode();
                  assertThat(
                          outbox
                              .store()
                              .storeSignature(
                                  entry.seq(),
                                  null,
                                  bytes,
                                  Hash.sha256(bytes),
                                  signed.body().nonce(),
                                  java.time.Instant.now()))
                      .isTrue();
                  return entry;
                }));
  }

  @Test
  void recordsAnEntryOnTheLedgerSignedByTheNode() {
    String ref = subject();
    transaction().executeWithoutResult(status -> enqueueRegister("it/record", ref));

    OutboxStatus status = awaitSettled("it/record");

    assertThat(status).isInstanceOf(OutboxStatus.Committed.class);
    OutboxStatus.Committed committed = (OutboxStatus.Committed) status;
    var recorded = node.transaction(committed.txId()).orElseThrow();
    assertThat(recorded.height()).isEqualTo(committed.height());
    assertThat(recorded.receipt().code()).isEqualTo(ValidationCode.OK);
    assertThat(recorded.transaction().body().signer()).isEqualTo(node.nodeKey().publicKey());
    assertThat(recorded.transaction().body().method()).isEqualTo(KycRegistry.REGISTER);
    assertThat(recorded.transaction().body().args()).isEqualTo(TestTransactions.registerArgs(ref));
  }

  @Test
  void anEntryNamingTheDefaultChannelIsRecordedThere() {
    String ref = subject();
    enqueueOn(ledger.defaultChannel(), "it/named-default", ref);

    OutboxStatus status = awaitSettled("it/named-default");

    assertThat(status).isInstanceOf(OutboxStatus.Committed.class);
    assertThat(outbox.find("it/named-default").orElseThrow().channel())
        .isEqualTo(ledger.defaultChannel());
    var recorded = node.transaction(((OutboxStatus.Committed) status).txId()).orElseThrow();
    assertThat(recorded.transaction().body().channel()).isEqualTo(ledger.defaultChannel());
  }

  @Test
  void anEntryForAChannelThisNodeDoesNotHoldIsRejectedAndReportedNotDropped() {
    String ref = subject();
    enqueueOn("rel-nowhere", "it/unheld-channel", ref);

    OutboxStatus status = awaitSettled("it/unheld-channel");

    assertThat(status)
        .isEqualTo(
            new OutboxStatus.Rejected(
                "WRONG_CHANNEL", "", "this node does not hold channel rel-nowhere", null, null));
    assertThat(LedgerScan.mentioning(node, ref)).isEmpty();
    // The outbox goes on with the next entry.
    transaction().executeWithoutResult(status2 -> enqueueRegister("it/after-unheld", subject()));
    assertThat(awaitSettled("it/after-unheld")).isInstanceOf(OutboxStatus.Committed.class);
    // One key, one intent: the same call on another channel is another intent.
    assertThatThrownBy(
            () ->
                outbox.enqueue(
                    "it/unheld-channel",
                    KycRegistry.ID,
                    KycRegistry.VERSION,
                    KycRegistry.REGISTER,
                    TestTransactions.registerArgs(ref)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("taken by another intent");
  }

  @Test
  void anEnqueueThatIsRolledBackIsNeverRecorded() {
    String lost = subject();
    String kept = subject();
    transaction()
        .executeWithoutResult(
            status -> {
              enqueueRegister("it/rolled-back", lost);
              status.setRollbackOnly();
            });
    transaction().executeWithoutResult(status -> enqueueRegister("it/kept", kept));

    assertThat(awaitSettled("it/kept")).isInstanceOf(OutboxStatus.Committed.class);
    assertThat(outbox.find("it/rolled-back")).isEmpty();
    assertThat(LedgerScan.mentioning(node, lost)).isEmpty();
  }

  @Test
  void aContractRejectionIsFinalAndNotRetried() {
    String ref = subject();
    transaction().executeWithoutResult(status -> enqueueRegister("it/first", ref));
    transaction().executeWithoutResult(status -> enqueueRegister("it/second", ref));
    assertThat(awaitSettled("it/first")).isInstanceOf(OutboxStatus.Committed.class);

    OutboxStatus second = awaitSettled("it/second");
    transaction().executeWithoutResult(status -> enqueueRegister("it/after", subject()));
    assertThat(awaitSettled("it/after")).isInstanceOf(OutboxStatus.Committed.class);

    assertThat(second).isInstanceOf(OutboxStatus.Rejected.class);
    OutboxStatus.Rejected rejected = (OutboxStatus.Rejected) second;
    assertThat(rejected.code()).isEqualTo("CONTRACT_REJECTED");
    assertThat(rejected.reason()).isEqualTo(KycRegistry.SUBJECT_EXISTS);
    assertThat(rejected.message()).isNotBlank();
    assertThat(rejected.txId()).isNotNull();
    assertThat(rejected.height()).isNotNull();
    List<LedgerScan.Recorded> recorded = LedgerScan.mentioning(node, ref);
    assertThat(recorded).extracting(LedgerScan.Recorded::accepted).containsExactly(true, false);
  }

  @Test
  void aStoredTransactionTheLedgerAlreadyCommittedIsMarkedDoneNotSentAgain() {
    String ref = subject();
    SignedTransaction signed = TestTransactions.byNode(node).register(ref).sign();
    SubmitResult result = ledger.submit(signed.encode());
    assertThat(result.code()).isEqualTo(ValidationCode.OK);

    enqueueSigned("it/already-committed", ref, signed);

    assertThat(awaitSettled("it/already-committed"))
        .isEqualTo(
            new OutboxStatus.Committed(signed.id(), ((SubmitResult.Committed) result).height()));
    assertThat(LedgerScan.mentioning(node, ref)).hasSize(1);
  }

  @Test
  void aStoredTransactionWhoseNonceWasTakenIsSignedAnew() {
    String ref = subject();
    SignedTransaction stale = TestTransactions.byNode(node).register(ref).sign();
    assertThat(ledger.submit(TestTransactions.byNode(node).register(subject()).bytes()).code())
        .isEqualTo(ValidationCode.OK);

    enqueueSigned("it/nonce-taken", ref, stale);

    OutboxStatus status = awaitSettled("it/nonce-taken");
    assertThat(status).isInstanceOf(OutboxStatus.Committed.class);
    assertThat(((OutboxStatus.Committed) status).txId()).isNotEqualTo(stale.id());
    assertThat(node.transaction(stale.id())).isEmpty();
    assertThat(outbox.store().find("it/nonce-taken").orElseThrow().signings()).isEqualTo(2);
    assertThat(LedgerScan.mentioning(node, ref))
        .singleElement()
        .satisfies(r -> assertThat(r.accepted()).isTrue());
  }

  @Test
  void aStoredTransactionOutsideTheTimeWindowIsSignedAnew() {
    String ref = subject();
    SignedTransaction old =
        TestTransactions.byNode(node)
            .timestampMillis(System.currentTimeMillis() - Duration.ofMinutes(10).toMillis())
            .register(ref)
            .sign();

    enqueueSigned("it/too-old", ref, old);

    OutboxStatus status = awaitSettled("it/too-old");
    assertThat(status).isInstanceOf(OutboxStatus.Committed.class);
    assertThat(((OutboxStatus.Committed) status).txId()).isNotEqualTo(old.id());
    assertThat(LedgerScan.mentioning(node, ref)).hasSize(1);
  }

  @Test
  void aFailureBeforeTheSubmitRetriesTheSameTransaction() {
    String ref = subject();
    transaction()
        .executeWithoutResult(
            status -> {
              OutboxEntry entry = enqueueRegister("it/fail-before-submit", ref);
              Faults.FAIL_ONCE.put(entry.seq(), OutboxFaults.Point.BEFORE_SUBMIT);
            });

    assertThat(awaitSettled("it/fail-before-submit")).isInstanceOf(OutboxStatus.Committed.class);
    assertThat(Faults.FAIL_ONCE).isEmpty();
    assertThat(outbox.store().find("it/fail-before-submit").orElseThrow().signings()).isEqualTo(1);
    assertThat(LedgerScan.mentioning(node, ref)).hasSize(1);
  }

  @Test
  void aFailureAfterTheLedgerCommittedFindsTheCommitInsteadOfRecordingTwice() {
    String ref = subject();
    transaction()
        .executeWithoutResult(
            status -> {
              OutboxEntry entry = enqueueRegister("it/fail-after-commit", ref);
              Faults.FAIL_ONCE.put(entry.seq(), OutboxFaults.Point.AFTER_COMMIT);
            });

    OutboxStatus status = awaitSettled("it/fail-after-commit");

    assertThat(status).isInstanceOf(OutboxStatus.Committed.class);
    assertThat(Faults.FAIL_ONCE).isEmpty();
    assertThat(outbox.store().find("it/fail-after-commit").orElseThrow().signings()).isEqualTo(1);
    assertThat(LedgerScan.mentioning(node, ref))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.transaction().id())
                    .isEqualTo(((OutboxStatus.Committed) status).txId()));
  }
}

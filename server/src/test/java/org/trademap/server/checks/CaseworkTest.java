package org.trademap.server.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.contracts.kyc.CheckResult;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.kyc.KycFixture;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.SubmissionResult;
import org.trademap.server.ledgergateway.outbox.OutboxEntry;
import org.trademap.server.testing.OnEachDatabase;
import org.trademap.server.testing.TestDatabase;

/**
 * The back office's work on cases against each database (H2 and PostgreSQL): what each action
 * stores, what it enqueues for the ledger and what it writes to the audit log.
 */
class CaseworkTest {
  @TempDir Path documents;

  /** The services on one database, with a switch for whether registrations are on the ledger. */
  private final class Office {
    final KycFixture kyc;
    final AtomicBoolean registered = new AtomicBoolean(true);
    final AuditLog audit;
    final KycKeys keys;
    final Casework casework;
    final Staff ann;
    final Staff bob;
    final Staff sue;
    final Staff sam;

    Office(TestDatabase db) {
      kyc = new KycFixture(db, documents);
      audit = new AuditLog(db.dataSource(), KycFixture.CLOCK);
      keys = new KycKeys(db.dataSource(), kyc.outbox, kyc.transactions, KycFixture.CLOCK);
      casework =
          new Casework(
              db.dataSource(),
              audit,
              kyc.vault,
              kyc.outbox,
              accountId -> registered.get(),
              kyc.subjects,
              keys,
              kyc.transactions,
              KycFixture.CLOCK);
      ann = new Staff(kyc.account(AccountKind.PERSON), false);
      bob = new Staff(kyc.account(AccountKind.PERSON), false);
      sue = new Staff(kyc.account(AccountKind.PERSON), true);
      sam = new Staff(kyc.account(AccountKind.PERSON), true);
    }

    /** A submitted person's case, opened as the listener opens it. */
    CheckCase submitted() {
      UUID account = kyc.readyPerson();
      assertThat(kyc.files.submit(account, AccountKind.PERSON))
          .isInstanceOf(SubmissionResult.Submitted.class);
      Subject subject = kyc.subjects.forAccount(account).orElseThrow();
      return casework.open(subject.ref(), account, 1, KycFixture.CLOCK.instant()).orElseThrow();
    }

    Task task(CheckCase c, CheckProcess process) {
      return casework.tasks(c.id()).stream()
          .filter(t -> t.process() == process)
          .findFirst()
          .orElseThrow();
    }

    <T> T done(Outcome<T> outcome) {
      assertThat(outcome).isInstanceOf(Outcome.Done.class);
      return ((Outcome.Done<T>) outcome).value();
    }

    void pass(Staff staff, Task task) {
      done(casework.claim(staff, task.id()));
      done(
          casework.complete(
              staff,
              task.id(),
              new Casework.CompleteCommand(CheckResult.PASSED, "fine", false, false)));
    }

    List<String> actions(CheckCase c) {
      return audit.entries(c.id(), null, 100).stream().map(AuditLog.Entry::action).toList();
    }

    Optional<OutboxEntry> outbox(String key) {
      return kyc.outbox.find(key);
    }
  }

  @OnEachDatabase
  void opensOneCaseWithAnOpenTaskPerCommonCheckOnce(TestDatabase db) {
    Office office = new Office(db);
    CheckCase c = office.submitted();

    assertThat(office.casework.open(c.ref(), c.accountId(), 1, KycFixture.CLOCK.instant()))
        .isEmpty();
    assertThat(office.casework.tasks(c.id()))
        .extracting(Task::process)
        .containsExactly(
            CheckProcess.ID_DOCUMENT,
            CheckProcess.SANCTIONS_SCREENING,
            CheckProcess.RESIDENCE_CONFIRMATION);
    assertThat(office.casework.tasks(c.id()))
        .allSatisfy(t -> assertThat(t.state()).isEqualTo(new TaskState.Open()));
    assertThat(office.actions(c)).containsExactly("case.opened");
    assertThat(office.casework.queue(CheckProcess.ID_DOCUMENT))
        .extracting(i -> i.task().caseId())
        .containsExactly(c.id());
  }

  @OnEachDatabase
  void aResultOtherThanTheProposalIsAnOverrideThatASupervisorApproves(TestDatabase db) {
    Office office = new Office(db);
    CheckCase c = office.submitted();
    Task document = office.task(c, CheckProcess.ID_DOCUMENT);
    assertThat(
            office.casework.propose(
                c.ref(),
                CheckProcess.ID_DOCUMENT,
                new Proposal(CheckResult.FAILED, false, "checks.document.reason.surname-mismatch")))
        .isTrue();
    office.done(office.casework.claim(office.ann, document.id()));

    Task overridden =
        office.done(
            office.casework.complete(
                office.ann,
                document.id(),
                new Casework.CompleteCommand(CheckResult.PASSED, "married name", false, false)));

    assertThat(overridden.state()).isInstanceOf(TaskState.AwaitingApproval.class);
    assertThat(((TaskState.AwaitingApproval) overridden.state()).completion().override()).isTrue();
    assertThat(office.casework.approve(office.ann, document.id()))
        .isEqualTo(Outcome.refused(Refusal.SUPERVISOR_ONLY));
    assertThat(office.done(office.casework.approve(office.sue, document.id())).state())
        .isInstanceOf(TaskState.Done.class);

    Task screening = office.task(c, CheckProcess.SANCTIONS_SCREENING);
    office.casework.propose(
        c.ref(),
        CheckProcess.SANCTIONS_SCREENING,
        new Proposal(CheckResult.PASSED, false, "checks.document.proposal.passed"));
    office.pass(office.bob, screening);
    assertThat(office.task(c, CheckProcess.SANCTIONS_SCREENING).state())
        .isInstanceOf(TaskState.Done.class);
  }

  @OnEachDatabase
  void aCompletedCheckIsRecordedOnTheLedgerThroughTheOutboxWithItsReasonSealed(TestDatabase db) {
    Office office = new Office(db);
    CheckCase c = office.submitted();
    Task document = office.task(c, CheckProcess.ID_DOCUMENT);

    office.done(office.casework.claim(office.ann, document.id()));
    assertThat(office.casework.claim(office.bob, document.id()))
        .isEqualTo(Outcome.refused(Refusal.CLAIMED_BY_OTHER));
    Task completed =
        office.done(
            office.casework.complete(
                office.ann,
                document.id(),
                new Casework.CompleteCommand(
                    CheckResult.FAILED, "  the MRZ does not match  ", false, false)));

    assertThat(completed.state()).isInstanceOf(TaskState.Done.class);
    OutboxEntry entry = office.outbox("checks/check/" + document.id() + "/r1").orElseThrow();
    assertThat(entry.method()).isEqualTo(KycRegistry.RECORD_CHECK);
    Casework.TaskDetail detail =
        office.casework.detail(c).tasks().stream()
            .filter(t -> t.task().id().equals(document.id()))
            .findFirst()
            .orElseThrow();
    assertThat(detail.reason()).isEqualTo("the MRZ does not match");
    assertThat(detail.ledger()).isNotNull();
    assertThat(office.actions(c)).containsSubsequence("task.completed", "task.claimed");
  }

  @OnEachDatabase
  void recordsNothingBeforeTheRegistrationIsOnTheLedger(TestDatabase db) {
    Office office = new Office(db);
    CheckCase c = office.submitted();
    Task document = office.task(c, CheckProcess.ID_DOCUMENT);
    office.registered.set(false);

    office.done(office.casework.claim(office.ann, document.id()));
    Outcome<Task> refused =
        office.casework.complete(
            office.ann,
            document.id(),
            new Casework.CompleteCommand(CheckResult.PASSED, "fine", false, false));

    assertThat(refused).isEqualTo(Outcome.refused(Refusal.NOT_REGISTERED));
    assertThat(office.task(c, CheckProcess.ID_DOCUMENT).state())
        .isEqualTo(new TaskState.Claimed(office.ann.id(), KycFixture.CLOCK.instant()));
    assertThat(office.outbox("checks/check/" + document.id() + "/r1")).isEmpty();
  }

  @OnEachDatabase
  void fourEyesThenApprovalThenKeysAndARejectionAfterReKycRevokesTheKey(TestDatabase db) {
    Office office = new Office(db);
    CheckCase c = office.submitted();
    office.pass(office.ann, office.task(c, CheckProcess.ID_DOCUMENT));
    office.pass(office.ann, office.task(c, CheckProcess.SANCTIONS_SCREENING));
    Task residence = office.task(c, CheckProcess.RESIDENCE_CONFIRMATION);
    office.done(office.casework.claim(office.sue, residence.id()));
    office.done(
        office.casework.complete(
            office.sue,
            residence.id(),
            new Casework.CompleteCommand(CheckResult.PASSED, "override", false, true)));

    assertThat(office.casework.decide(office.ann, c.id(), Decision.APPROVED, null))
        .isEqualTo(Outcome.refused(Refusal.CHECKS_NOT_PASSED));
    assertThat(office.casework.approve(office.sue, residence.id()))
        .isEqualTo(Outcome.refused(Refusal.OWN_RESULT));
    assertThat(office.outbox("checks/check/" + residence.id() + "/r1")).isEmpty();
    office.done(office.casework.approve(office.sam, residence.id()));
    assertThat(office.outbox("checks/check/" + residence.id() + "/r1")).isPresent();
    assertThat(office.keys.issue(c.accountId())).isEqualTo(Outcome.refused(Refusal.NOT_APPROVED));

    CheckCase approved =
        office.done(office.casework.decide(office.bob, c.id(), Decision.APPROVED, ""));
    assertThat(approved.state()).isInstanceOf(CaseState.Decided.class);
    assertThat(office.outbox(Casework.decisionKey(c.id(), 1)).orElseThrow().method())
        .isEqualTo(KycRegistry.RECORD_CHECK);
    KycKeys.Issued first = office.done(office.keys.issue(c.accountId()));
    KycKeys.Issued second = office.done(office.keys.issue(c.accountId()));
    assertThat(second.revision()).isEqualTo(first.revision() + 1);
    assertThat(office.keys.matches(c.ref(), first.key())).isFalse();
    assertThat(office.keys.matches(c.ref(), second.key())).isTrue();
    assertThat(office.keys.current(c.accountId()).orElseThrow().revision()).isEqualTo(2);

    office.casework.reopen(
        null, c.ref(), EnumSet.of(CheckProcess.ID_DOCUMENT), ReopenReason.DOCUMENT_EXPIRED);
    assertThat(office.keys.matches(c.ref(), second.key())).as("valid during re-KYC").isTrue();
    Task reopened = office.task(c, CheckProcess.ID_DOCUMENT);
    assertThat(reopened.round()).isEqualTo(2);
    office.done(office.casework.claim(office.ann, reopened.id()));
    office.done(
        office.casework.complete(
            office.ann,
            reopened.id(),
            new Casework.CompleteCommand(CheckResult.FAILED, "expired", false, false)));
    assertThat(office.outbox("checks/check/" + reopened.id() + "/r2")).isPresent();
    office.done(office.casework.decide(office.ann, c.id(), Decision.REJECTED, "Expired."));

    assertThat(office.keys.current(c.accountId())).isEmpty();
    assertThat(office.keys.matches(c.ref(), second.key())).isFalse();
    assertThat(office.outbox("checks/kyc-key/" + c.ref() + "/k3").orElseThrow().method())
        .isEqualTo(KycRegistry.RECORD_KEY);
    assertThat(
            office.casework.detail(office.casework.caseById(c.id()).orElseThrow()).decisionReason())
        .isEqualTo("Expired.");
  }

  @OnEachDatabase
  void aHighRiskProposalAndAReKycGoFirstInTheQueue(TestDatabase db) {
    Office office = new Office(db);
    CheckCase older = office.submitted();
    CheckCase reKyc = office.submitted();
    CheckCase flagged = office.submitted();
    office.casework.reopen(
        null, reKyc.ref(), EnumSet.of(CheckProcess.SANCTIONS_SCREENING), ReopenReason.NEW_LIST_HIT);
    assertThat(
            office.casework.propose(
                flagged.ref(),
                CheckProcess.SANCTIONS_SCREENING,
                new Proposal(CheckResult.FAILED, true, "checks.screening.hit")))
        .isTrue();

    assertThat(office.casework.queue(CheckProcess.SANCTIONS_SCREENING))
        .extracting(i -> i.task().caseId())
        .containsExactly(flagged.id(), reKyc.id(), older.id());
    assertThat(office.task(flagged, CheckProcess.SANCTIONS_SCREENING).proposal())
        .isEqualTo(new Proposal(CheckResult.FAILED, true, "checks.screening.hit"));
    assertThat(office.actions(reKyc)).contains("case.reopened", "task.reopened");
  }

  @OnEachDatabase
  void theAuditLogPagesNewestFirst(TestDatabase db) {
    Office office = new Office(db);
    CheckCase c = office.submitted();
    office.pass(office.ann, office.task(c, CheckProcess.ID_DOCUMENT));

    List<AuditLog.Entry> page = office.audit.entries(c.id(), null, 2);
    List<AuditLog.Entry> next = office.audit.entries(c.id(), page.get(1).seq(), 2);

    assertThat(page)
        .extracting(AuditLog.Entry::action)
        .containsExactly("task.completed", "task.claimed");
    assertThat(next).extracting(AuditLog.Entry::action).containsExactly("case.opened");
    assertThat(page.getFirst().staffId()).isEqualTo(office.ann.id());
    assertThat(office.audit.entries(null, null, 1000)).hasSizeGreaterThanOrEqualTo(3);
  }
}

package org.trademap.server.checks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.contracts.kyc.CheckResult;
import org.trademap.server.kyc.SubjectRef;

/** The tables {@code check_case} and {@code check_task} (migration V8) over JDBC. */
final class CheckRepository {
  private static final String CASE_COLUMNS =
      "id, account_id, subject_ref, file_revision, opened_at, state, decision_round, decision,"
          + " decided_by, decided_at, reopened_at, reopen_reason";
  private static final String TASK_COLUMNS =
      "id, case_id, process, state, round, opened_at, reopen_reason, claimed_by, claimed_at,"
          + " result, high_risk, override_flag, completed_by, completed_at, approved_by,"
          + " approved_at, returned_by, proposed_result, proposed_high_risk, proposed_note";

  /**
   * What a task keeps besides its state: the sealed texts and its ledger record.
   *
   * @param reasonSealed the sealed reason of the current round's result, or null
   * @param noteSealed the sealed note the task was sent back with, or null
   * @param ledgerKey the outbox key of its last recorded result, or null
   */
  record TaskTexts(
      byte @Nullable [] reasonSealed, byte @Nullable [] noteSealed, @Nullable String ledgerKey) {}

  private final JdbcClient jdbc;

  CheckRepository(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** Inserts the case unless the account has one; whether it was inserted. */
  boolean insertCase(CheckCase c) {
    return jdbc.sql(
                "INSERT INTO check_case (id, account_id, subject_ref, file_revision, opened_at,"
                    + " state, decision_round) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
            .param(c.id())
            .param(c.accountId())
            .param(c.ref().value())
            .param(c.fileRevision())
            .param(timestamp(c.openedAt()))
            .param(c.state().name())
            .param(c.decisionRound())
            .update()
        == 1;
  }

  Optional<CheckCase> findCase(UUID id) {
    return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM check_case WHERE id = ?")
        .param(id)
        .query((rs, n) -> checkCase(rs))
        .optional();
  }

  Optional<CheckCase> findCaseByAccount(UUID accountId) {
    return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM check_case WHERE account_id = ?")
        .param(accountId)
        .query((rs, n) -> checkCase(rs))
        .optional();
  }

  Optional<CheckCase> findCaseByRef(SubjectRef ref) {
    return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM check_case WHERE subject_ref = ?")
        .param(ref.value())
        .query((rs, n) -> checkCase(rs))
        .optional();
  }

  /** Locks the case's row until the transaction ends: every change of a case or its tasks does. */
  Optional<CheckCase> lockCase(UUID id) {
    return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM check_case WHERE id = ? FOR UPDATE")
        .param(id)
        .query((rs, n) -> checkCase(rs))
        .optional();
  }

  /**
   * Writes the case's state, decision and re-KYC; the decision's sealed reason when decided now.
   */
  void updateCase(CheckCase c, byte @Nullable [] decisionReasonSealed) {
    CaseState.Decided decided =
        switch (c.state()) {
          case CaseState.Decided d -> d;
          case CaseState.Open open -> open.previous();
        };
    jdbc.sql(
            "UPDATE check_case SET state = ?, decision_round = ?, decision = ?, decided_by = ?,"
                + " decided_at = ?, decision_reason_sealed = COALESCE(?, decision_reason_sealed),"
                + " reopened_at = ?, reopen_reason = ? WHERE id = ?")
        .param(c.state().name())
        .param(c.decisionRound())
        .param(decided == null ? null : decided.decision().name())
        .param(decided == null ? null : decided.by())
        .param(decided == null ? null : timestamp(decided.at()))
        .param(decisionReasonSealed)
        .param(c.reopenedAt() == null ? null : timestamp(c.reopenedAt()))
        .param(c.reopenReason() == null ? null : c.reopenReason().name())
        .param(c.id())
        .update();
  }

  /** The sealed reason of the case's latest decision, if any. */
  Optional<byte[]> decisionReason(UUID caseId) {
    return jdbc.sql("SELECT decision_reason_sealed FROM check_case WHERE id = ?")
        .param(caseId)
        .query((rs, n) -> Optional.ofNullable(rs.getBytes(1)))
        .optional()
        .flatMap(x -> x);
  }

  void insertTask(Task task) {
    jdbc.sql(
            "INSERT INTO check_task (id, case_id, process, state, round, opened_at, high_risk,"
                + " override_flag, proposed_high_risk) VALUES (?, ?, ?, ?, ?, ?, FALSE, FALSE,"
                + " FALSE)")
        .param(task.id())
        .param(task.caseId())
        .param(task.process().name())
        .param(task.state().name())
        .param(task.round())
        .param(timestamp(task.openedAt()))
        .update();
    updateTask(task, null, null, null);
  }

  /**
   * Writes the task's state and round. The sealed reason, note and ledger key are set when given; a
   * new round clears the reason and note of the earlier one unless new ones are given.
   */
  void updateTask(
      Task task,
      byte @Nullable [] reasonSealed,
      byte @Nullable [] noteSealed,
      @Nullable String ledgerKey) {
    TaskState.Completion completion =
        switch (task.state()) {
          case TaskState.AwaitingApproval waiting -> waiting.completion();
          case TaskState.Done done -> done.completion();
          default -> null;
        };
    TaskState.Claimed claimed = task.state() instanceof TaskState.Claimed c ? c : null;
    Proposal proposal = task.proposal();
    jdbc.sql(
            "UPDATE check_task SET state = ?, opened_at = ?, reopen_reason = ?, claimed_by = ?,"
                + " claimed_at = ?, result = ?, high_risk = ?, override_flag = ?,"
                + " completed_by = ?, completed_at = ?, approved_by = ?, approved_at = ?,"
                + " returned_by = ?, proposed_result = ?, proposed_high_risk = ?,"
                + " proposed_note = ?,"
                + " reason_sealed = CASE WHEN round <> ? THEN ? ELSE COALESCE(?, reason_sealed) END,"
                + " note_sealed = CASE WHEN round <> ? THEN ? ELSE COALESCE(?, note_sealed) END,"
                + " ledger_key = COALESCE(?, ledger_key), round = ? WHERE id = ?")
        .param(task.state().name())
        .param(timestamp(task.openedAt()))
        .param(task.reopened() == null ? null : task.reopened().name())
        .param(claimed == null ? null : claimed.by())
        .param(claimed == null ? null : timestamp(claimed.at()))
        .param(completion == null ? null : completion.result().name())
        .param(completion != null && completion.highRisk())
        .param(completion != null && completion.override())
        .param(completion == null ? null : completion.by())
        .param(completion == null ? null : timestamp(completion.at()))
        .param(completion == null ? null : completion.approvedBy())
        .param(
            completion == null || completion.approvedAt() == null
                ? null
                : timestamp(completion.approvedAt()))
        .param(task.returnedBy())
        .param(proposal == null ? null : proposal.result().name())
        .param(proposal != null && proposal.highRisk())
        .param(proposal == null ? null : proposal.note())
        .param(task.round())
        .param(reasonSealed)
        .param(reasonSealed)
        .param(task.round())
        .param(noteSealed)
        .param(noteSealed)
        .param(ledgerKey)
        .param(task.round())
        .param(task.id())
        .update();
  }

  Optional<Task> findTask(UUID id) {
    return jdbc.sql("SELECT " + TASK_COLUMNS + " FROM check_task WHERE id = ?")
        .param(id)
        .query((rs, n) -> task(rs))
        .optional();
  }

  /** The case's tasks in the order of the processes. */
  List<Task> tasksOf(UUID caseId) {
    return jdbc
        .sql("SELECT " + TASK_COLUMNS + " FROM check_task WHERE case_id = ?")
        .param(caseId)
        .query((rs, n) -> task(rs))
        .list()
        .stream()
        .sorted(java.util.Comparator.comparing(Task::process))
        .toList();
  }

  /** The open and claimed tasks of a process. */
  List<Task> queued(CheckProcess process) {
    return jdbc.sql(
            "SELECT "
                + TASK_COLUMNS
                + " FROM check_task WHERE process = ? AND state IN ('OPEN', 'CLAIMED')")
        .param(process.name())
        .query((rs, n) -> task(rs))
        .list();
  }

  /** The tasks waiting for a supervisor's approval, oldest completion first. */
  List<Task> awaitingApproval() {
    return jdbc.sql(
            "SELECT "
                + TASK_COLUMNS
                + " FROM check_task WHERE state = 'AWAITING_APPROVAL' ORDER BY completed_at, id")
        .query((rs, n) -> task(rs))
        .list();
  }

  TaskTexts texts(UUID taskId) {
    return jdbc.sql("SELECT reason_sealed, note_sealed, ledger_key FROM check_task WHERE id = ?")
        .param(taskId)
        .query(
            (rs, n) ->
                new TaskTexts(
                    rs.getBytes("reason_sealed"),
                    rs.getBytes("note_sealed"),
                    rs.getString("ledger_key")))
        .single();
  }

  /** The subject references of cases by id, for the queue. */
  SubjectRef refOf(UUID caseId) {
    return new SubjectRef(
        jdbc.sql("SELECT subject_ref FROM check_case WHERE id = ?")
            .param(caseId)
            .query(String.class)
            .single());
  }

  private static CheckCase checkCase(ResultSet rs) throws SQLException {
    String decision = rs.getString("decision");
    CaseState.Decided decided =
        decision == null
            ? null
            : new CaseState.Decided(
                Decision.valueOf(decision),
                rs.getObject("decided_by", UUID.class),
                required(rs, "decided_at"));
    String state = rs.getString("state");
    String reopenReason = rs.getString("reopen_reason");
    return new CheckCase(
        rs.getObject("id", UUID.class),
        rs.getObject("account_id", UUID.class),
        new SubjectRef(rs.getString("subject_ref")),
        rs.getInt("file_revision"),
        required(rs, "opened_at"),
        "OPEN".equals(state) || decided == null ? new CaseState.Open(decided) : decided,
        rs.getInt("decision_round"),
        instant(rs.getObject("reopened_at", OffsetDateTime.class)),
        reopenReason == null ? null : ReopenReason.valueOf(reopenReason));
  }

  private static Task task(ResultSet rs) throws SQLException {
    String result = rs.getString("result");
    TaskState.Completion completion =
        result == null
            ? null
            : new TaskState.Completion(
                CheckResult.valueOf(result),
                rs.getObject("completed_by", UUID.class),
                required(rs, "completed_at"),
                rs.getBoolean("high_risk"),
                rs.getBoolean("override_flag"),
                rs.getObject("approved_by", UUID.class),
                instant(rs.getObject("approved_at", OffsetDateTime.class)));
    TaskState state =
        switch (rs.getString("state")) {
          case "OPEN" -> new TaskState.Open();
          case "CLAIMED" ->
              new TaskState.Claimed(
                  rs.getObject("claimed_by", UUID.class), required(rs, "claimed_at"));
          case "AWAITING_APPROVAL" -> new TaskState.AwaitingApproval(requireNonNull(completion));
          case "DONE" -> new TaskState.Done(requireNonNull(completion));
          default -> throw new IllegalStateException("unknown task state");
        };
    String proposed = rs.getString("proposed_result");
    String reopenReason = rs.getString("reopen_reason");
    return new Task(
        rs.getObject("id", UUID.class),
        rs.getObject("case_id", UUID.class),
        CheckProcess.valueOf(rs.getString("process")),
        rs.getInt("round"),
        required(rs, "opened_at"),
        reopenReason == null ? null : ReopenReason.valueOf(reopenReason),
        state,
        proposed == null
            ? null
            : new Proposal(
                CheckResult.valueOf(proposed),
                rs.getBoolean("proposed_high_risk"),
                rs.getString("proposed_note")),
        rs.getObject("returned_by", UUID.class));
  }

  private static TaskState.Completion requireNonNull(TaskState.@Nullable Completion completion) {
    if (completion == null) {
      throw new IllegalStateException("a completed task has a result");
    }
    return completion;
  }

  static Instant required(ResultSet rs, String column) throws SQLException {
    Instant value = instant(rs.getObject(column, OffsetDateTime.class));
    if (value == null) {
      throw new IllegalStateException(column + " is NOT NULL");
    }
    return value;
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static @Nullable Instant instant(@Nullable OffsetDateTime timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}

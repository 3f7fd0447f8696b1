package org.trademap.server.checks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.trademap.server.accounts.StaffEnrolled;
import org.trademap.server.accounts.StaffInvited;

/**
 * The append-only log of every staff action ({@code check_audit}): who (a staff account id, or none
 * for the server itself), what (an {@link Action}), when (UTC), on which case, task or account. It
 * holds ids and codes only, never personal data or reasons. Entries are written in the transaction
 * of the action they record, so an action and its entry commit together; nothing here updates or
 * deletes an entry. Supervisors read it ({@code GET /api/v1/checks/audit}).
 */
@Component
class AuditLog {
  /** The actions the log records, by their stable codes. */
  enum Action {
    STAFF_INVITED("staff.invited"),
    STAFF_ENROLLED("staff.enrolled"),
    CASE_OPENED("case.opened"),
    CASE_VIEWED("case.viewed"),
    TASK_CLAIMED("task.claimed"),
    TASK_RELEASED("task.released"),
    TASK_COMPLETED("task.completed"),
    TASK_SUBMITTED_FOR_APPROVAL("task.submitted-for-approval"),
    TASK_APPROVED("task.approved"),
    TASK_SENT_BACK("task.sent-back"),
    TASK_REOPENED("task.reopened"),
    CASE_APPROVED("case.approved"),
    CASE_REJECTED("case.rejected"),
    CASE_NEEDS_INFORMATION("case.needs-information"),
    CASE_REOPENED("case.reopened"),
    AUDIT_READ("audit.read");

    private final String code;

    Action(String code) {
      this.code = code;
    }

    String code() {
      return code;
    }
  }

  /**
   * One entry.
   *
   * @param seq its position in the log; pass it as {@code before} for the next page
   * @param at when (UTC)
   * @param staffId who, or null for the server itself
   * @param action the action's code
   * @param caseId the case, or null
   * @param taskId the task, or null
   * @param targetId the account acted on (e.g. an invited staff account), or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Entry(
      long seq,
      Instant at,
      @Nullable UUID staffId,
      String action,
      @Nullable UUID caseId,
      @Nullable UUID taskId,
      @Nullable UUID targetId) {}

  /** The most entries one read returns. */
  static final int MAX_PAGE = 500;

  private final JdbcClient jdbc;
  private final Clock clock;

  @Autowired
  AuditLog(DataSource dataSource, ObjectProvider<Clock> clock) {
    this(dataSource, clock.getIfUnique(Clock::systemUTC));
  }

  /** For tests: the log in the given database with the given clock. */
  AuditLog(DataSource dataSource, Clock clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.clock = clock;
  }

  /** Appends an entry, in the caller's transaction if there is one. */
  void record(
      @Nullable UUID staffId,
      Action action,
      @Nullable UUID caseId,
      @Nullable UUID taskId,
      @Nullable UUID targetId) {
    record(staffId, action.code(), caseId, taskId, targetId);
  }

  /**
   * Appends an entry with the action code of a check-specific part ({@link Checks#audit}), in the
   * caller's transaction if there is one.
   */
  void record(
      @Nullable UUID staffId,
      String action,
      @Nullable UUID caseId,
      @Nullable UUID taskId,
      @Nullable UUID targetId) {
    jdbc.sql(
            "INSERT INTO check_audit (at, staff_id, action, case_id, task_id, target_id)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .param(CheckRepository.timestamp(clock.instant()))
        .param(staffId)
        .param(action)
        .param(caseId)
        .param(taskId)
        .param(targetId)
        .update();
  }

  /**
   * Entries newest first.
   *
   * @param caseId only this case's, or all when null
   * @param before only entries before this position, or from the newest when null
   * @param limit at most this many (1 to {@link #MAX_PAGE})
   */
  List<Entry> entries(@Nullable UUID caseId, @Nullable Long before, int limit) {
    int size = Math.clamp(limit, 1, MAX_PAGE);
    return jdbc.sql(
            "SELECT seq, at, staff_id, action, case_id, task_id, target_id FROM check_audit"
                + " WHERE (CAST(? AS UUID) IS NULL OR case_id = ?)"
                + " AND (CAST(? AS BIGINT) IS NULL OR seq < ?) ORDER BY seq DESC LIMIT ?")
        .param(caseId)
        .param(caseId)
        .param(before)
        .param(before)
        .param(size)
        .query(
            (rs, n) ->
                new Entry(
                    rs.getLong("seq"),
                    CheckRepository.required(rs, "at"),
                    rs.getObject("staff_id", UUID.class),
                    rs.getString("action"),
                    rs.getObject("case_id", UUID.class),
                    rs.getObject("task_id", UUID.class),
                    rs.getObject("target_id", UUID.class)))
        .list();
  }

  @EventListener
  void on(StaffInvited invited) {
    record(invited.invitedBy(), Action.STAFF_INVITED, null, null, invited.accountId());
  }

  @EventListener
  void on(StaffEnrolled enrolled) {
    record(enrolled.accountId(), Action.STAFF_ENROLLED, null, null, enrolled.accountId());
  }
}

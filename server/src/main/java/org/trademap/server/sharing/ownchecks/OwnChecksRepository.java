package org.trademap.server.sharing.ownchecks;

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

/** The tables of the company's own checks (Flyway V17). */
final class OwnChecksRepository {

  /** The kinds of own check. */
  enum Kind {
    ASF,
    SUITABILITY
  }

  /**
   * The current version of a company's list.
   *
   * @param version 1 for the first upload
   * @param updatedAt when it was uploaded
   * @param updatedBy by whom
   * @param entryCount how many entries it has
   */
  record ListRow(long version, Instant updatedAt, UUID updatedBy, int entryCount) {}

  /**
   * An application's own check of one kind.
   *
   * @param applicationId the application
   * @param kind ASF or suitability
   * @param companyId the company
   * @param outcome the outcome's name
   * @param blocking whether it keeps the company from approving
   * @param listVersion the list version screened against (ASF), else null
   * @param recordedAt when
   * @param recordedBy who
   * @param detailSealed the detail JSON, sealed under the subject's vault key
   */
  record CheckRow(
      UUID applicationId,
      Kind kind,
      String companyId,
      String outcome,
      boolean blocking,
      @Nullable Long listVersion,
      Instant recordedAt,
      UUID recordedBy,
      byte[] detailSealed) {}

  private final JdbcClient jdbc;

  OwnChecksRepository(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  // ---- the company's list ----------------------------------------------------------------------

  Optional<ListRow> list(String companyId) {
    return jdbc.sql(
            "SELECT list_version, updated_at, updated_by, entry_count FROM sharing_own_asf_list"
                + " WHERE company_id = ?")
        .param(companyId)
        .query(
            (rs, n) ->
                new ListRow(
                    rs.getLong("list_version"),
                    instant(rs, "updated_at"),
                    rs.getObject("updated_by", UUID.class),
                    rs.getInt("entry_count")))
        .optional();
  }

  /** The list's version, locked until the transaction ends; empty if the company has none. */
  Optional<Long> lockList(String companyId) {
    return jdbc.sql("SELECT list_version FROM sharing_own_asf_list WHERE company_id = ? FOR UPDATE")
        .param(companyId)
        .query(Long.class)
        .optional();
  }

  List<AsfEntry> entries(String companyId) {
    return jdbc.sql(
            "SELECT entry_key, source_row, name, birth_date, note FROM sharing_own_asf_entry"
                + " WHERE company_id = ? ORDER BY source_row")
        .param(companyId)
        .query(
            (rs, n) ->
                new AsfEntry(
                    rs.getString("entry_key"),
                    rs.getLong("source_row"),
                    rs.getString("name"),
                    rs.getString("birth_date"),
                    rs.getString("note")))
        .list();
  }

  /** Replaces the company's list with a new version (call inside a transaction). */
  void replaceList(String companyId, long version, List<AsfEntry> entries, UUID by, Instant now) {
    int updated =
        jdbc.sql(
                "UPDATE sharing_own_asf_list SET list_version = ?, updated_at = ?, updated_by = ?,"
                    + " entry_count = ? WHERE company_id = ?")
            .param(version)
            .param(timestamp(now))
            .param(by)
            .param(entries.size())
            .param(companyId)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO sharing_own_asf_list (company_id, list_version, updated_at, updated_by,"
                  + " entry_count) VALUES (?, ?, ?, ?, ?)")
          .param(companyId)
          .param(version)
          .param(timestamp(now))
          .param(by)
          .param(entries.size())
          .update();
    }
    jdbc.sql("DELETE FROM sharing_own_asf_entry WHERE company_id = ?").param(companyId).update();
    for (AsfEntry e : entries) {
      jdbc.sql(
              "INSERT INTO sharing_own_asf_entry (company_id, entry_key, source_row, name,"
                  + " birth_date, note) VALUES (?, ?, ?, ?, ?, ?)")
          .param(companyId)
          .param(e.key())
          .param(e.row())
          .param(e.name())
          .param(e.birthDate())
          .param(e.note())
          .update();
    }
  }

  // ---- own checks ------------------------------------------------------------------------------

  private static final String CHECK_COLUMNS =
      "application_id, kind, company_id, outcome, blocking, list_version, recorded_at,"
          + " recorded_by, detail_sealed";

  List<CheckRow> checks(UUID applicationId) {
    return jdbc.sql("SELECT " + CHECK_COLUMNS + " FROM sharing_own_check WHERE application_id = ?")
        .param(applicationId)
        .query((rs, n) -> check(rs))
        .list();
  }

  Optional<CheckRow> lockCheck(UUID applicationId, Kind kind) {
    return jdbc.sql(
            "SELECT "
                + CHECK_COLUMNS
                + " FROM sharing_own_check WHERE application_id = ? AND kind = ? FOR UPDATE")
        .param(applicationId)
        .param(kind.name())
        .query((rs, n) -> check(rs))
        .optional();
  }

  /** Records the check, replacing the application's earlier one of the same kind. */
  void save(CheckRow row) {
    jdbc.sql("DELETE FROM sharing_own_check WHERE application_id = ? AND kind = ?")
        .param(row.applicationId())
        .param(row.kind().name())
        .update();
    jdbc.sql(
            "INSERT INTO sharing_own_check ("
                + CHECK_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .param(row.applicationId())
        .param(row.kind().name())
        .param(row.companyId())
        .param(row.outcome())
        .param(row.blocking())
        .param(row.listVersion())
        .param(timestamp(row.recordedAt()))
        .param(row.recordedBy())
        .param(row.detailSealed())
        .update();
  }

  private static CheckRow check(ResultSet rs) throws SQLException {
    long version = rs.getLong("list_version");
    Long listVersion = rs.wasNull() ? null : version;
    return new CheckRow(
        rs.getObject("application_id", UUID.class),
        Kind.valueOf(rs.getString("kind")),
        rs.getString("company_id"),
        rs.getString("outcome"),
        rs.getBoolean("blocking"),
        listVersion,
        instant(rs, "recorded_at"),
        rs.getObject("recorded_by", UUID.class),
        rs.getBytes("detail_sealed"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static OffsetDateTime timestamp(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}

package org.trademap.server.checks.screening;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.vault.SubjectId;

/**
 * The tables {@code screening_subject} and {@code screening_hit} over JDBC; joins the caller's
 * Spring transaction. Sealed columns are stored and returned as they are: the caller seals and
 * opens them with the vault.
 */
final class HitRepository {
  private static final String HIT_COLUMNS =
      "id, subject_id, party_index, party_role, source, entry_key, version_id, score, details,"
          + " found_at, seen_at, cleared_at, status, disposed_by, disposed_at, reason";

  /** A screened subject as stored. */
  record SubjectRow(SubjectId subject, byte[] sealedParties, Instant screenedAt, String versions) {}

  /** A hit as stored; {@code details} and {@code reason} sealed. */
  record HitRow(
      UUID id,
      SubjectId subject,
      int partyIndex,
      PartyRole role,
      ListSource source,
      String entryKey,
      long versionId,
      double score,
      byte[] details,
      Instant foundAt,
      Instant seenAt,
      @Nullable Instant clearedAt,
      HitStatus status,
      @Nullable UUID disposedBy,
      @Nullable Instant disposedAt,
      byte @Nullable [] reason) {}

  private final JdbcClient jdbc;

  HitRepository(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** Locks the subject's row (if any) until the transaction ends. */
  void lock(SubjectId subject) {
    jdbc.sql("SELECT subject_id FROM screening_subject WHERE subject_id = ? FOR UPDATE")
        .param(subject.value())
        .query(UUID.class)
        .list();
  }

  void saveSubject(SubjectId subject, byte[] sealedParties, Instant at, String versions) {
    int updated =
        jdbc.sql(
                "UPDATE screening_subject SET parties = ?, screened_at = ?, versions = ?"
                    + " WHERE subject_id = ?")
            .params(sealedParties, ListRepository.timestamp(at), versions, subject.value())
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO screening_subject (subject_id, parties, screened_at, versions)"
                  + " VALUES (?, ?, ?, ?)")
          .params(subject.value(), sealedParties, ListRepository.timestamp(at), versions)
          .update();
    }
  }

  Optional<SubjectRow> subject(SubjectId subject) {
    return jdbc.sql(
            "SELECT subject_id, parties, screened_at, versions FROM screening_subject"
                + " WHERE subject_id = ?")
        .param(subject.value())
        .query((rs, n) -> subjectRow(rs))
        .optional();
  }

  /** Every screened subject, in a stable order. */
  List<SubjectId> subjects() {
    return jdbc.sql("SELECT subject_id FROM screening_subject ORDER BY subject_id")
        .query((rs, n) -> new SubjectId(rs.getObject(1, UUID.class)))
        .list();
  }

  void insertHit(HitRow hit) {
    jdbc.sql(
            "INSERT INTO screening_hit (id, subject_id, party_index, party_role, source,"
                + " entry_key, version_id, score, details, found_at, seen_at, status)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')")
        .params(
            hit.id(),
            hit.subject().value(),
            hit.partyIndex(),
            hit.role().name(),
            hit.source().name(),
            hit.entryKey(),
            hit.versionId(),
            hit.score(),
            hit.details(),
            ListRepository.timestamp(hit.foundAt()),
            ListRepository.timestamp(hit.seenAt()))
        .update();
  }

  /** Records that a screening found the hit again; a cleared hit is reopened. */
  void seenAgain(
      UUID id,
      PartyRole role,
      long versionId,
      double score,
      byte[] details,
      Instant at,
      boolean reopen) {
    if (reopen) {
      jdbc.sql(
              "UPDATE screening_hit SET party_role = ?, version_id = ?, score = ?, details = ?,"
                  + " seen_at = ?, found_at = ?, cleared_at = NULL, status = 'OPEN',"
                  + " disposed_by = NULL, disposed_at = NULL, reason = NULL WHERE id = ?")
          .params(
              role.name(),
              versionId,
              score,
              details,
              ListRepository.timestamp(at),
              ListRepository.timestamp(at),
              id)
          .update();
    } else {
      jdbc.sql(
              "UPDATE screening_hit SET party_role = ?, version_id = ?, score = ?, details = ?,"
                  + " seen_at = ? WHERE id = ?")
          .params(role.name(), versionId, score, details, ListRepository.timestamp(at), id)
          .update();
    }
  }

  void clear(UUID id, Instant at) {
    jdbc.sql("UPDATE screening_hit SET cleared_at = ? WHERE id = ? AND cleared_at IS NULL")
        .params(ListRepository.timestamp(at), id)
        .update();
  }

  /** Disposes of an open hit; false if it is not open (any more). */
  boolean dispose(UUID id, HitStatus status, UUID by, Instant at, byte[] reason) {
    return jdbc.sql(
                "UPDATE screening_hit SET status = ?, disposed_by = ?, disposed_at = ?, reason = ?"
                    + " WHERE id = ? AND status = 'OPEN' AND cleared_at IS NULL")
            .params(status.name(), by, ListRepository.timestamp(at), reason, id)
            .update()
        == 1;
  }

  Optional<HitRow> hit(UUID id) {
    return jdbc.sql("SELECT " + HIT_COLUMNS + " FROM screening_hit WHERE id = ?")
        .param(id)
        .query((rs, n) -> hitRow(rs))
        .optional();
  }

  /** Every hit of the subject, cleared ones included, best score first. */
  List<HitRow> hits(SubjectId subject) {
    return jdbc.sql(
            "SELECT "
                + HIT_COLUMNS
                + " FROM screening_hit WHERE subject_id = ?"
                + " ORDER BY party_index, score DESC, source, entry_key")
        .param(subject.value())
        .query((rs, n) -> hitRow(rs))
        .list();
  }

  /** Hits that wait for an operator, oldest first. */
  List<HitRow> open(int limit) {
    return jdbc.sql(
            "SELECT "
                + HIT_COLUMNS
                + " FROM screening_hit WHERE status = 'OPEN' AND cleared_at IS NULL"
                + " ORDER BY found_at, id FETCH FIRST ? ROWS ONLY")
        .param(limit)
        .query((rs, n) -> hitRow(rs))
        .list();
  }

  private static SubjectRow subjectRow(ResultSet rs) throws SQLException {
    return new SubjectRow(
        new SubjectId(rs.getObject("subject_id", UUID.class)),
        rs.getBytes("parties"),
        ListRepository.instant(rs, "screened_at"),
        rs.getString("versions"));
  }

  private static HitRow hitRow(ResultSet rs) throws SQLException {
    return new HitRow(
        rs.getObject("id", UUID.class),
        new SubjectId(rs.getObject("subject_id", UUID.class)),
        rs.getInt("party_index"),
        PartyRole.valueOf(rs.getString("party_role")),
        ListSource.valueOf(rs.getString("source")),
        rs.getString("entry_key"),
        rs.getLong("version_id"),
        rs.getDouble("score"),
        rs.getBytes("details"),
        ListRepository.instant(rs, "found_at"),
        ListRepository.instant(rs, "seen_at"),
        optionalInstant(rs, "cleared_at"),
        HitStatus.valueOf(rs.getString("status")),
        rs.getObject("disposed_by", UUID.class),
        optionalInstant(rs, "disposed_at"),
        rs.getBytes("reason"));
  }

  private static @Nullable Instant optionalInstant(ResultSet rs, String column)
      throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}

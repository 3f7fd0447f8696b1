package org.trademap.server.kyc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.vault.SubjectId;

/**
 * The tables {@code kyc_file}, {@code kyc_file_part} and {@code kyc_ledger_record} over JDBC; joins
 * the caller's Spring transaction. Only sealed bytes pass through here, never plaintext.
 */
final class KycFileRepository {

  /**
   * A file's row.
   *
   * @param revision the number of changes of its parts so far
   * @param submittedAt when it was submitted, or null while it is a draft
   * @param submittedRevision the revision submitted, or null
   */
  record FileRow(
      SubjectId subject,
      int revision,
      @Nullable Instant submittedAt,
      @Nullable Integer submittedRevision) {}

  /** A sealed part as stored, with the file revision that wrote it. */
  record PartRow(FilePart part, int revision, byte[] sealed) {}

  /** A commitment of the file sent to the ledger through the outbox. */
  record LedgerRow(
      int fileRevision,
      String method,
      String idempotencyKey,
      byte[] commitment,
      Instant createdAt) {}

  private final JdbcClient jdbc;

  KycFileRepository(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** Makes the subject's file (revision 0, a draft) unless it has one. */
  void ensureFile(SubjectId subject, Instant now) {
    jdbc.sql(
            "INSERT INTO kyc_file (subject_id, revision, updated_at) VALUES (?, 0, ?)"
                + " ON CONFLICT DO NOTHING")
        .params(subject.value(), timestamp(now))
        .update();
  }

  Optional<FileRow> file(SubjectId subject) {
    return jdbc.sql(
            "SELECT revision, submitted_at, submitted_revision FROM kyc_file WHERE subject_id = ?")
        .param(subject.value())
        .query((rs, n) -> fileRow(subject, rs))
        .optional();
  }

  /**
   * The subject's file, locked until the caller's transaction ends, so that changes and the
   * submission of one file happen one after the other. The file must exist.
   */
  FileRow lockFile(SubjectId subject) {
    return jdbc.sql(
            "SELECT revision, submitted_at, submitted_revision FROM kyc_file WHERE subject_id = ?"
                + " FOR UPDATE")
        .param(subject.value())
        .query((rs, n) -> fileRow(subject, rs))
        .optional()
        .orElseThrow(() -> new IllegalStateException("subject " + subject + " has no KYC file"));
  }

  /** The file's stored parts. */
  Map<FilePart, PartRow> parts(SubjectId subject) {
    Map<FilePart, PartRow> parts = new EnumMap<>(FilePart.class);
    jdbc.sql("SELECT part, revision, sealed FROM kyc_file_part WHERE subject_id = ?")
        .param(subject.value())
        .query(
            (rs, n) ->
                new PartRow(
                    FilePart.valueOf(rs.getString("part")),
                    rs.getInt("revision"),
                    rs.getBytes("sealed")))
        .list()
        .forEach(row -> parts.put(row.part(), row));
    return parts;
  }

  /** Stores a part, replacing the part's previous document. Call with the file locked. */
  void putPart(SubjectId subject, FilePart part, int revision, byte[] sealed, Instant now) {
    int updated =
        jdbc.sql(
                "UPDATE kyc_file_part SET revision = ?, sealed = ?, updated_at = ?"
                    + " WHERE subject_id = ? AND part = ?")
            .params(revision, sealed, timestamp(now), subject.value(), part.name())
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO kyc_file_part (subject_id, part, revision, sealed, updated_at)"
                  + " VALUES (?, ?, ?, ?, ?)")
          .params(subject.value(), part.name(), revision, sealed, timestamp(now))
          .update();
    }
  }

  /** Sets the file's revision. Call with the file locked. */
  void setRevision(SubjectId subject, int revision, Instant now) {
    jdbc.sql("UPDATE kyc_file SET revision = ?, updated_at = ? WHERE subject_id = ?")
        .params(revision, timestamp(now), subject.value())
        .update();
  }

  /** Marks the draft file submitted at {@code revision}; false if it was submitted before. */
  boolean markSubmitted(SubjectId subject, int revision, Instant now) {
    return jdbc.sql(
                "UPDATE kyc_file SET submitted_at = ?, submitted_revision = ?, updated_at = ?"
                    + " WHERE subject_id = ? AND submitted_at IS NULL")
            .params(timestamp(now), revision, timestamp(now), subject.value())
            .update()
        == 1;
  }

  void insertLedgerRecord(
      SubjectId subject,
      int fileRevision,
      String method,
      String idempotencyKey,
      byte[] commitment,
      Instant now) {
    jdbc.sql(
            "INSERT INTO kyc_ledger_record (subject_id, file_revision, method, idempotency_key,"
                + " commitment, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(subject.value(), fileRevision, method, idempotencyKey, commitment, timestamp(now))
        .update();
  }

  /** The commitments sent for the file, oldest first. */
  List<LedgerRow> ledgerRecords(SubjectId subject) {
    return jdbc.sql(
            "SELECT file_revision, method, idempotency_key, commitment, created_at"
                + " FROM kyc_ledger_record WHERE subject_id = ? ORDER BY file_revision")
        .param(subject.value())
        .query(
            (rs, n) ->
                new LedgerRow(
                    rs.getInt("file_revision"),
                    rs.getString("method"),
                    rs.getString("idempotency_key"),
                    rs.getBytes("commitment"),
                    instant(rs, "created_at")))
        .list();
  }

  private static FileRow fileRow(SubjectId subject, ResultSet rs) throws SQLException {
    int submitted = rs.getInt("submitted_revision");
    Integer submittedRevision = rs.wasNull() ? null : submitted;
    OffsetDateTime at = rs.getObject("submitted_at", OffsetDateTime.class);
    return new FileRow(
        subject, rs.getInt("revision"), at == null ? null : at.toInstant(), submittedRevision);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? Instant.EPOCH : value.toInstant();
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}

package org.trademap.server.vault;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The table {@code vault_subject_key} over JDBC. It joins the caller's transaction when Spring
 * manages one for the same {@link DataSource}, so a subject's key is created or shredded together
 * with the caller's rows.
 */
final class VaultStore {

  /** A subject's row: live ({@code wrappedKey} set) or shredded ({@code shreddedAt} set). */
  record Row(
      SubjectId subject,
      @Nullable String kekId,
      byte @Nullable [] wrappedKey,
      @Nullable Instant shreddedAt) {}

  private final JdbcClient jdbc;

  VaultStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  Optional<Row> find(SubjectId subject) {
    return jdbc.sql(
            "SELECT subject_id, kek_id, wrapped_key, shredded_at FROM vault_subject_key"
                + " WHERE subject_id = ?")
        .param(subject.value())
        .query(
            (rs, n) ->
                new Row(
                    subject,
                    rs.getString("kek_id"),
                    rs.getBytes("wrapped_key"),
                    instant(rs.getObject("shredded_at", OffsetDateTime.class))))
        .optional();
  }

  /** Inserts a live row unless the subject has one (created concurrently, or shredded). */
  void insertIfAbsent(SubjectId subject, String kekId, byte[] wrappedKey, Instant now) {
    jdbc.sql(
            "INSERT INTO vault_subject_key (subject_id, kek_id, wrapped_key, created_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .params(subject.value(), kekId, wrappedKey, timestamp(now))
        .update();
  }

  /**
   * Destroys the subject's wrapped key, or leaves a tombstone if it never had one.
   *
   * @return whether this call shredded it (false if it had been shredded before)
   */
  boolean shred(SubjectId subject, Instant now) {
    int destroyed =
        jdbc.sql(
                "UPDATE vault_subject_key SET wrapped_key = NULL, kek_id = NULL, shredded_at = ?"
                    + " WHERE subject_id = ? AND shredded_at IS NULL")
            .params(timestamp(now), subject.value())
            .update();
    if (destroyed > 0) {
      return true;
    }
    return jdbc.sql(
                "INSERT INTO vault_subject_key (subject_id, created_at, shredded_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
            .params(subject.value(), timestamp(now), timestamp(now))
            .update()
        > 0;
  }

  /** The ids of the KEKs that wrapped the stored data keys. */
  List<String> kekIds() {
    return jdbc.sql(
            "SELECT DISTINCT kek_id FROM vault_subject_key WHERE kek_id IS NOT NULL ORDER BY kek_id")
        .query(String.class)
        .list();
  }

  /** The live rows wrapped by the given KEK. */
  List<Row> wrappedBy(String kekId) {
    return jdbc.sql(
            "SELECT subject_id, wrapped_key FROM vault_subject_key WHERE kek_id = ?"
                + " ORDER BY subject_id")
        .param(kekId)
        .query(
            (rs, n) ->
                new Row(
                    new SubjectId(rs.getObject("subject_id", UUID.class)),
                    kekId,
                    rs.getBytes("wrapped_key"),
                    null))
        .list();
  }

  /** Replaces a live row's wrapped key if it is still wrapped by {@code oldKekId}. */
  boolean rewrap(SubjectId subject, String oldKekId, String newKekId, byte[] newWrappedKey) {
    return jdbc.sql(
                "UPDATE vault_subject_key SET kek_id = ?, wrapped_key = ?"
                    + " WHERE subject_id = ? AND kek_id = ?")
            .params(newKekId, newWrappedKey, subject.value(), oldKekId)
            .update()
        == 1;
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static @Nullable Instant instant(@Nullable OffsetDateTime timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}

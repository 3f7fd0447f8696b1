package org.trademap.server.checks.screening;

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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The tables {@code screening_list_version} and {@code screening_list_entry} over JDBC; joins the
 * caller's Spring transaction.
 */
final class ListRepository {
  private static final String VERSION_COLUMNS =
      "id, source, fetched_at, content_sha256, entry_count, origin, edited_by";
  private static final int BATCH = 500;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  ListRepository(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.template = new JdbcTemplate(dataSource);
  }

  /** Stores a new version with its entries. */
  ListVersion insert(
      ListSource source,
      Instant fetchedAt,
      String sha256,
      String origin,
      @Nullable UUID editedBy,
      List<ListEntry> entries) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO screening_list_version"
                + " (source, fetched_at, content_sha256, entry_count, origin, edited_by)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .param(source.name())
        .param(timestamp(fetchedAt))
        .param(sha256)
        .param(entries.size())
        .param(origin)
        .param(editedBy)
        .update(key, "id");
    Number id = key.getKey();
    if (id == null) {
      throw new IllegalStateException("no id generated for the list version");
    }
    long versionId = id.longValue();
    for (int from = 0; from < entries.size(); from += BATCH) {
      List<ListEntry> batch = entries.subList(from, Math.min(entries.size(), from + BATCH));
      template.batchUpdate(
          "INSERT INTO screening_list_entry (version_id, entry_key, kind, name, payload)"
              + " VALUES (?, ?, ?, ?, ?)",
          batch.stream()
              .map(
                  e ->
                      new Object[] {
                        versionId,
                        e.key(),
                        e.kind().name(),
                        e.name().length() > 1000 ? e.name().substring(0, 1000) : e.name(),
                        ScreeningJson.entry(e)
                      })
              .toList());
    }
    return new ListVersion(versionId, source, fetchedAt, sha256, entries.size(), origin, editedBy);
  }

  /** The newest version of the list. */
  Optional<ListVersion> latest(ListSource source) {
    return jdbc.sql(
            "SELECT "
                + VERSION_COLUMNS
                + " FROM screening_list_version WHERE source = ?"
                + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
        .param(source.name())
        .query((rs, n) -> version(rs))
        .optional();
  }

  /** Every version of the list, newest first. */
  List<ListVersion> versions(ListSource source) {
    return jdbc.sql(
            "SELECT "
                + VERSION_COLUMNS
                + " FROM screening_list_version WHERE source = ? ORDER BY id DESC")
        .param(source.name())
        .query((rs, n) -> version(rs))
        .list();
  }

  /** The entries of a version, in key order. */
  List<ListEntry> entries(long versionId) {
    return jdbc.sql(
            "SELECT payload FROM screening_list_entry WHERE version_id = ? ORDER BY entry_key")
        .param(versionId)
        .query((rs, n) -> ScreeningJson.entry(rs.getBytes(1)))
        .list();
  }

  /** One entry of a version. */
  Optional<ListEntry> entry(long versionId, String key) {
    return jdbc.sql(
            "SELECT payload FROM screening_list_entry WHERE version_id = ? AND entry_key = ?")
        .params(versionId, key)
        .query((rs, n) -> ScreeningJson.entry(rs.getBytes(1)))
        .optional();
  }

  private static ListVersion version(ResultSet rs) throws SQLException {
    return new ListVersion(
        rs.getLong("id"),
        ListSource.valueOf(rs.getString("source")),
        instant(rs, "fetched_at"),
        rs.getString("content_sha256"),
        rs.getInt("entry_count"),
        rs.getString("origin"),
        rs.getObject("edited_by", UUID.class));
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    if (value == null) {
      throw new IllegalStateException(column + " is NULL");
    }
    return value.toInstant();
  }
}

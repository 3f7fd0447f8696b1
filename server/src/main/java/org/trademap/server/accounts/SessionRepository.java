package org.trademap.server.accounts;

import static org.trademap.server.accounts.AccountRepository.required;
import static org.trademap.server.accounts.AccountRepository.timestamp;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.identity.Role;

/** The table {@code account_session} (migration V4) over JDBC. */
final class SessionRepository {

  /** How a session is used. */
  enum Channel {
    /** A browser: the raw token is kept in the server's HTTP session behind the cookie. */
    BROWSER,
    /** An API client presenting {@code Authorization: Bearer <token>}. */
    BEARER
  }

  /**
   * A stored session.
   *
   * @param tokenHash the hash of its token
   * @param accountId whose it is
   * @param channel browser or bearer
   * @param createdAt when it was opened
   * @param expiresAt the first instant it is no longer valid
   */
  record Row(
      String tokenHash, UUID accountId, Channel channel, Instant createdAt, Instant expiresAt) {}

  /**
   * A session that is valid now, with the account it signs in.
   *
   * @param tokenHash the hash of its token
   * @param user the signed-in account
   * @param channel browser or bearer
   * @param expiresAt the first instant it is no longer valid
   */
  record Live(String tokenHash, SignedIn user, Channel channel, Instant expiresAt) {}

  private final JdbcClient jdbc;

  SessionRepository(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  void insert(Row row) {
    jdbc.sql(
            "INSERT INTO account_session (token_hash, account_id, channel, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .param(row.tokenHash())
        .param(row.accountId())
        .param(row.channel().name())
        .param(timestamp(row.createdAt()))
        .param(timestamp(row.expiresAt()))
        .update();
  }

  /**
   * The session with this token hash if it is not ended, not expired at {@code now}, and its
   * account is active.
   */
  Optional<Live> findLive(String tokenHash, Instant now) {
    return jdbc.sql(
            "SELECT s.token_hash, s.channel, s.expires_at, a.id, a.kind, a.role"
                + " FROM account_session s JOIN account a ON a.id = s.account_id"
                + " WHERE s.token_hash = ? AND s.ended_at IS NULL AND s.expires_at > ?"
                + " AND a.status = 'ACTIVE'")
        .params(tokenHash, timestamp(now))
        .query(
            (rs, n) ->
                new Live(
                    rs.getString("token_hash"),
                    new SignedIn(
                        rs.getObject("id", UUID.class),
                        AccountKind.valueOf(rs.getString("kind")),
                        Role.valueOf(rs.getString("role"))),
                    Channel.valueOf(rs.getString("channel")),
                    required(rs, "expires_at")))
        .optional();
  }

  /**
   * Ends the session unless it already ended.
   *
   * @return whether this call ended it
   */
  boolean end(String tokenHash, Instant now) {
    return jdbc.sql(
                "UPDATE account_session SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL")
            .params(timestamp(now), tokenHash)
            .update()
        == 1;
  }

  /**
   * Ends every session of the account, browser and bearer alike.
   *
   * @return how many were still open
   */
  int endAll(UUID accountId, Instant now) {
    return jdbc.sql(
            "UPDATE account_session SET ended_at = ? WHERE account_id = ? AND ended_at IS NULL")
        .params(timestamp(now), accountId)
        .update();
  }

  /**
   * Removes sessions that ended or expired before {@code cutoff}; they can never be used again.
   *
   * @return how many were removed
   */
  int purge(Instant cutoff) {
    return jdbc.sql("DELETE FROM account_session WHERE expires_at < ? OR ended_at < ?")
        .params(timestamp(cutoff), timestamp(cutoff))
        .update();
  }
}

package org.trademap.server.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.identity.Role;
import org.trademap.server.identity.StoredToken;
import org.trademap.server.identity.TokenPurpose;

/** The tables {@code account} and {@code one_time_token} (migration V2) over JDBC. */
final class AccountRepository {
  private static final String ACCOUNT_COLUMNS =
      "id, kind, email, password_hash, role, status, email_verified_at, created_at";

  /**
   * A stored token and the account it belongs to.
   *
   * @param accountId the account
   * @param token the token
   */
  record TokenRow(UUID accountId, StoredToken token) {}

  private final JdbcClient jdbc;

  AccountRepository(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** The key the uniqueness of addresses is checked on: the whole address in lower case. */
  static String emailKey(String email) {
    return email.toLowerCase(Locale.ROOT);
  }

  /**
   * Inserts the account unless an account with the same address (ignoring case) exists.
   *
   * @return whether it was inserted
   */
  boolean insertIfEmailFree(Account account) {
    return jdbc.sql(
                "INSERT INTO account (id, kind, email, email_key, password_hash, role, status,"
                    + " email_verified_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")
            .param(account.id())
            .param(account.kind().name())
            .param(account.email())
            .param(emailKey(account.email()))
            .param(account.passwordHash())
            .param(account.role().name())
            .param(account.status().name())
            .param(nullableTimestamp(account.emailVerifiedAt()))
            .param(timestamp(account.createdAt()))
            .update()
        == 1;
  }

  Optional<Account> findByEmail(String email) {
    return jdbc.sql("SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE email_key = ?")
        .param(emailKey(email))
        .query((rs, n) -> account(rs))
        .optional();
  }

  Optional<Account> findById(UUID id) {
    return jdbc.sql("SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE id = ?")
        .param(id)
        .query((rs, n) -> account(rs))
        .optional();
  }

  /** The accounts in these roles, oldest first. */
  List<Account> findByRoles(Collection<Role> roles) {
    if (roles.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "SELECT "
                + ACCOUNT_COLUMNS
                + " FROM account WHERE role IN (:roles) ORDER BY created_at, id")
        .param("roles", roles.stream().map(Role::name).toList())
        .query((rs, n) -> account(rs))
        .list();
  }

  /**
   * Records that the address was confirmed, unless it already was.
   *
   * @return whether this call set it
   */
  boolean markEmailVerified(UUID accountId, Instant now) {
    return jdbc.sql(
                "UPDATE account SET email_verified_at = ? WHERE id = ? AND email_verified_at IS NULL")
            .params(timestamp(now), accountId)
            .update()
        == 1;
  }

  /** Replaces the account's password hash. */
  void updatePasswordHash(UUID accountId, String passwordHash) {
    jdbc.sql("UPDATE account SET password_hash = ? WHERE id = ?")
        .params(passwordHash, accountId)
        .update();
  }

  void insertToken(UUID accountId, StoredToken token) {
    jdbc.sql(
            "INSERT INTO one_time_token (hash, account_id, purpose, issued_at, expires_at, used_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .param(token.hash())
        .param(accountId)
        .param(token.purpose().name())
        .param(timestamp(token.issuedAt()))
        .param(timestamp(token.expiresAt()))
        .param(nullableTimestamp(token.usedAt()))
        .update();
  }

  Optional<TokenRow> findToken(String hash) {
    return jdbc.sql(
            "SELECT account_id, purpose, hash, issued_at, expires_at, used_at FROM one_time_token"
                + " WHERE hash = ?")
        .param(hash)
        .query(
            (rs, n) ->
                new TokenRow(
                    rs.getObject("account_id", UUID.class),
                    new StoredToken(
                        TokenPurpose.valueOf(rs.getString("purpose")),
                        rs.getString("hash"),
                        required(rs, "issued_at"),
                        required(rs, "expires_at"),
                        instant(rs.getObject("used_at", OffsetDateTime.class)))))
        .optional();
  }

  /**
   * Marks the token used if it is still unused: of two concurrent uses exactly one gets {@code
   * true}.
   */
  boolean markTokenUsed(String hash, Instant now) {
    return jdbc.sql("UPDATE one_time_token SET used_at = ? WHERE hash = ? AND used_at IS NULL")
            .params(timestamp(now), hash)
            .update()
        == 1;
  }

  /**
   * Marks every unused token of the account for the purpose as used, so that only a token issued
   * afterwards works.
   *
   * @return how many were invalidated
   */
  int invalidateUnusedTokens(UUID accountId, TokenPurpose purpose, Instant now) {
    return jdbc.sql(
            "UPDATE one_time_token SET used_at = ?"
                + " WHERE account_id = ? AND purpose = ? AND used_at IS NULL")
        .params(timestamp(now), accountId, purpose.name())
        .update();
  }

  private static Account account(ResultSet rs) throws SQLException {
    return new Account(
        rs.getObject("id", UUID.class),
        AccountKind.valueOf(rs.getString("kind")),
        rs.getString("email"),
        rs.getString("password_hash"),
        Role.valueOf(rs.getString("role")),
        AccountStatus.valueOf(rs.getString("status")),
        instant(rs.getObject("email_verified_at", OffsetDateTime.class)),
        required(rs, "created_at"));
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

  static @Nullable OffsetDateTime nullableTimestamp(@Nullable Instant instant) {
    return instant == null ? null : timestamp(instant);
  }

  static @Nullable Instant instant(@Nullable OffsetDateTime timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}

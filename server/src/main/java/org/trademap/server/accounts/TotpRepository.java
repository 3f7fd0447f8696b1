package org.trademap.server.accounts;

import static org.trademap.server.accounts.AccountRepository.timestamp;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.identity.TotpAlgorithm;

/** The table {@code account_totp} (migration V4) over JDBC. */
final class TotpRepository {

  /**
   * An enrolled authenticator as stored.
   *
   * @param accountId whose it is
   * @param vaultSubject the vault subject its secret is sealed for
   * @param sealedSecret the base32 secret, sealed by the vault
   * @param algorithm the HMAC it was enrolled with
   * @param digits the code length it was enrolled with
   * @param lastStep the last accepted time step
   */
  record Row(
      UUID accountId,
      UUID vaultSubject,
      byte[] sealedSecret,
      TotpAlgorithm algorithm,
      int digits,
      long lastStep) {
    @Override
    public String toString() {
      return "Row[accountId=" + accountId + ", algorithm=" + algorithm + ", digits=" + digits + "]";
    }
  }

  private final JdbcClient jdbc;

  TotpRepository(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /**
   * Stores the account's authenticator unless it has one.
   *
   * @return whether it was stored
   */
  boolean insertIfAbsent(Row row, Instant enabledAt) {
    return jdbc.sql(
                "INSERT INTO account_totp (account_id, vault_subject, sealed_secret, algorithm,"
                    + " digits, last_step, enabled_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")
            .param(row.accountId())
            .param(row.vaultSubject())
            .param(row.sealedSecret())
            .param(row.algorithm().name())
            .param(row.digits())
            .param(row.lastStep())
            .param(timestamp(enabledAt))
            .update()
        == 1;
  }

  Optional<Row> find(UUID accountId) {
    return jdbc.sql(
            "SELECT account_id, vault_subject, sealed_secret, algorithm, digits, last_step"
                + " FROM account_totp WHERE account_id = ?")
        .param(accountId)
        .query(
            (rs, n) ->
                new Row(
                    rs.getObject("account_id", UUID.class),
                    rs.getObject("vault_subject", UUID.class),
                    rs.getBytes("sealed_secret"),
                    TotpAlgorithm.valueOf(rs.getString("algorithm")),
                    rs.getInt("digits"),
                    rs.getLong("last_step")))
        .optional();
  }

  boolean exists(UUID accountId) {
    return jdbc.sql("SELECT COUNT(*) FROM account_totp WHERE account_id = ?")
            .param(accountId)
            .query(Integer.class)
            .single()
        > 0;
  }

  /**
   * Records a newly accepted time step if it is later than the stored one: of two concurrent uses
   * of one code exactly one gets {@code true}.
   */
  boolean advanceStep(UUID accountId, long step) {
    return jdbc.sql("UPDATE account_totp SET last_step = ? WHERE account_id = ? AND last_step < ?")
            .params(step, accountId, step)
            .update()
        == 1;
  }

  /**
   * Removes the account's authenticator if its vault subject is the given one.
   *
   * @return whether it was removed
   */
  boolean delete(UUID accountId, UUID vaultSubject) {
    return jdbc.sql("DELETE FROM account_totp WHERE account_id = ? AND vault_subject = ?")
            .params(accountId, vaultSubject)
            .update()
        == 1;
  }
}

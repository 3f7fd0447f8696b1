package org.trademap.server.accounts;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.server.identity.PasswordHasher;

/**
 * What the rights of the person (export and erasure, package {@code kyc.rights}) need from the
 * accounts: the account's own data, and its erasure.
 *
 * <p>Erasing an account keeps its row (its id is what the KYC file, the consents and the erasure
 * record are keyed by) but leaves nothing personal in it: the address becomes the tombstone {@code
 * erased-<account id>@erased.invalid} (RFC 2606 reserves {@code .invalid}), so the real address can
 * sign up again; the password hash is replaced by the hash of a random secret nobody knows; the
 * account is disabled. Every session and bearer token ends, unused emailed links are deleted, and
 * an enrolled TOTP secret is crypto-shredded.
 */
@Service
public final class AccountRights {
  private static final Logger log = LoggerFactory.getLogger(AccountRights.class);
  private static final String TOMBSTONE_DOMAIN = "@erased.invalid";

  private final AccountRepository accounts;
  private final JdbcClient jdbc;
  private final Sessions sessions;
  private final SecondFactors secondFactors;
  private final PasswordHasher hasher;
  private final TransactionTemplate transaction;
  private final SecureRandom random = new SecureRandom();

  AccountRights(
      DataSource dataSource,
      Sessions sessions,
      SecondFactors secondFactors,
      PasswordHasher hasher,
      PlatformTransactionManager transactions) {
    this.accounts = new AccountRepository(dataSource);
    this.jdbc = JdbcClient.create(dataSource);
    this.sessions = sessions;
    this.secondFactors = secondFactors;
    this.hasher = hasher;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** The account's own data; empty if there is no such account. */
  public Optional<AccountSummary> summary(UUID accountId) {
    return accounts
        .findById(accountId)
        .map(
            a ->
                new AccountSummary(
                    a.id(),
                    a.kind(),
                    a.email(),
                    a.role(),
                    a.status() == AccountStatus.ACTIVE,
                    a.createdAt(),
                    a.emailVerifiedAt(),
                    secondFactors.enabled(a.id())));
  }

  /** The address an erased account is left with: nothing personal, unique, never deliverable. */
  public static String tombstone(UUID accountId) {
    return "erased-" + accountId + TOMBSTONE_DOMAIN;
  }

  /**
   * Erases the account's own data (see the class comment), in the caller's transaction if there is
   * one. Running it again ends any session opened meanwhile and changes nothing else.
   *
   * @return true if this call replaced the address, false if the account had been erased before
   * @throws IllegalArgumentException if there is no such account
   */
  public boolean erase(UUID accountId) {
    Account account =
        accounts
            .findById(accountId)
            .orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
    String tombstone = tombstone(accountId);
    boolean before = account.email().equals(tombstone);
    String unusable = before ? account.passwordHash() : unusableHash();
    Boolean erased =
        transaction.execute(
            status -> {
              sessions.endAll(accountId);
              secondFactors.disable(accountId);
              jdbc.sql("DELETE FROM one_time_token WHERE account_id = ?").param(accountId).update();
              if (before) {
                return false;
              }
              jdbc.sql(
                      "UPDATE account SET email = ?, email_key = ?, password_hash = ?, status = ?"
                          + " WHERE id = ?")
                  .params(
                      tombstone,
                      tombstone.toLowerCase(Locale.ROOT),
                      unusable,
                      AccountStatus.DISABLED.name(),
                      accountId)
                  .update();
              return true;
            });
    boolean now = Boolean.TRUE.equals(erased);
    if (now) {
      log.info("account {} erased: address replaced, disabled, sessions ended", accountId);
    }
    return now;
  }

  /** The hash of a random password nobody ever sees. */
  private String unusableHash() {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return hasher.hash(Base64.getEncoder().encodeToString(secret));
  }
}

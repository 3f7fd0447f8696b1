package org.trademap.server.accounts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.server.identity.TotpCheck;
import org.trademap.server.identity.TotpSecret;
import org.trademap.server.identity.TotpService;
import org.trademap.server.vault.Decrypted;
import org.trademap.server.vault.SubjectId;
import org.trademap.server.vault.Vault;

/**
 * The optional second factor of accounts: enrolled TOTP authenticators (RFC 6238), stored so that a
 * database dump alone does not reveal them, each time step accepted once.
 *
 * <p>The secret is sealed by the personal-data {@link Vault} for a vault subject of its own (a
 * random id per enrolment, not the account's KYC subject), so it is protected by the configured
 * key-encryption key, and switching the factor off crypto-shreds it. The last accepted step is
 * advanced with a conditional update, so a code, once accepted, is refused as {@link
 * TotpCheck.Replayed} however often and however concurrently it is presented again.
 */
@Service
final class SecondFactors {
  static final String VAULT_PURPOSE = "account.totp-secret";
  private static final Logger log = LoggerFactory.getLogger(SecondFactors.class);

  private final TotpRepository repository;
  private final Vault vault;
  private final TotpService totp;
  private final TransactionTemplate transaction;
  private final Clock clock;

  SecondFactors(
      DataSource dataSource,
      Vault vault,
      TotpService totp,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this.repository = new TotpRepository(dataSource);
    this.vault = vault;
    this.totp = totp;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /** Whether the account has switched the second factor on. */
  boolean enabled(UUID accountId) {
    return repository.exists(accountId);
  }

  /**
   * Checks a code against the account's authenticator and, if it is right and fresh, records its
   * step so that it never works again. An account without an authenticator gets {@link
   * TotpCheck.Wrong}.
   */
  TotpCheck verify(UUID accountId, String code) {
    Optional<TotpRepository.Row> row = repository.find(accountId);
    if (row.isEmpty()) {
      return new TotpCheck.Wrong();
    }
    Optional<TotpSecret> secret = open(row.get());
    if (secret.isEmpty()) {
      return new TotpCheck.Wrong();
    }
    TotpCheck check = totp.verify(secret.get(), code, row.get().lastStep());
    if (check instanceof TotpCheck.Accepted accepted
        && !repository.advanceStep(accountId, accepted.step())) {
      return new TotpCheck.Replayed();
    }
    return check;
  }

  /** A new random secret for enrolment; nothing is stored until {@link #enable} confirms it. */
  TotpSecret newSecret() {
    return totp.newSecret();
  }

  /** The {@code otpauth://} URI of the secret for authenticator apps. */
  String provisioningUri(TotpSecret secret, String accountName) {
    return totp.provisioningUri(secret, accountName);
  }

  /** What became of an attempt to switch the second factor on. */
  enum Enrolment {
    /** Switched on. */
    ENABLED,
    /** The code does not match the new secret; nothing changed. */
    WRONG_CODE,
    /** The account already has an authenticator; nothing changed. */
    ALREADY_ENABLED
  }

  /**
   * Switches the second factor on with a secret the person has put into their authenticator, proven
   * by a current code from it. The code's step counts as used.
   */
  Enrolment enable(UUID accountId, TotpSecret secret, String code) {
    if (!(totp.verify(secret, code, TotpService.NO_STEP_USED)
        instanceof TotpCheck.Accepted accepted)) {
      return Enrolment.WRONG_CODE;
    }
    SubjectId subject = SubjectId.random();
    Boolean stored =
        transaction.execute(
            status ->
                repository.insertIfAbsent(
                    new TotpRepository.Row(
                        accountId,
                        subject.value(),
                        vault.encrypt(
                            subject,
                            VAULT_PURPOSE,
                            secret.base32().getBytes(StandardCharsets.US_ASCII)),
                        secret.algorithm(),
                        secret.digits(),
                        accepted.step()),
                    clock.instant()));
    if (!Boolean.TRUE.equals(stored)) {
      vault.shred(subject);
      return Enrolment.ALREADY_ENABLED;
    }
    log.info("account {} switched the second factor on", accountId);
    return Enrolment.ENABLED;
  }

  /**
   * Switches the second factor off: removes the authenticator and crypto-shreds its secret. The
   * caller has checked the password and a current code.
   */
  void disable(UUID accountId) {
    Optional<TotpRepository.Row> row = repository.find(accountId);
    if (row.isEmpty()) {
      return;
    }
    UUID subject = row.get().vaultSubject();
    transaction.executeWithoutResult(
        status -> {
          if (repository.delete(accountId, subject)) {
            vault.shred(new SubjectId(subject));
          }
        });
    log.info("account {} switched the second factor off", accountId);
  }

  private Optional<TotpSecret> open(TotpRepository.Row row) {
    return switch (vault.decrypt(
        new SubjectId(row.vaultSubject()), VAULT_PURPOSE, row.sealedSecret())) {
      case Decrypted.Plaintext plaintext ->
          Optional.of(
              new TotpSecret(
                  new String(plaintext.bytes(), StandardCharsets.US_ASCII),
                  row.algorithm(),
                  row.digits()));
      case Decrypted.Shredded shredded -> Optional.empty();
      case Decrypted.Tampered tampered -> {
        log.error("the second-factor secret of account {} does not decrypt", row.accountId());
        yield Optional.empty();
      }
    };
  }
}

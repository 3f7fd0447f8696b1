package org.trademap.server.kyc.rights;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.server.accounts.AccountRights;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.kyc.documents.StoredDocuments;
import org.trademap.server.vault.Vault;

/**
 * Carries out erasure requests (ADR 0014): decided by {@link RetentionPolicy#amla()} with the
 * relationship started at the submission and ended when the person ended it; refused while the law
 * requires the data, otherwise performed by crypto-shredding.
 *
 * <p>In one database transaction, with the KYC file's row locked so that no submission slips in
 * after the decision: the subject's vault data key and salt are destroyed ({@link Vault#shred}: the
 * sealed profile parts, documents and the commitment's salt become meaningless), the account is
 * erased ({@link AccountRights#erase}: address replaced by a tombstone, password unusable,
 * disabled, sessions and bearer tokens ended, TOTP secret shredded) and the erasure is recorded
 * (account id and time, nothing personal). Then the document rows and files are deleted. The ledger
 * keeps the subject's reference and its last commitment, which nobody can link to a person or
 * recompute any more. Running it again repeats the clean-up and changes nothing else.
 */
@Service
public final class Erasures {
  private static final Logger log = LoggerFactory.getLogger(Erasures.class);

  private final RightsRepository repository;
  private final Relationships relationships;
  private final Subjects subjects;
  private final Vault vault;
  private final AccountRights accounts;
  private final StoredDocuments documents;
  private final TransactionTemplate transaction;
  private final Clock clock;

  Erasures(
      DataSource dataSource,
      Relationships relationships,
      Subjects subjects,
      Vault vault,
      AccountRights accounts,
      StoredDocuments documents,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this.repository = new RightsRepository(dataSource);
    this.relationships = relationships;
    this.subjects = subjects;
    this.vault = vault;
    this.accounts = accounts;
    this.documents = documents;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /** When the account's data was erased, if it was. */
  public Optional<Instant> erasedAt(UUID accountId) {
    return repository.erasedAt(accountId);
  }

  /**
   * Erases the account's personal data if the law allows it now.
   *
   * @return {@link ErasureResult.Erased}, or {@link ErasureResult.Refused} with the legal reason
   *     (then nothing changed)
   */
  public ErasureResult erase(UUID accountId) {
    Optional<Subject> subject = subjects.forAccount(accountId);
    ErasureResult result =
        Objects.requireNonNull(transaction.execute(status -> eraseLocked(accountId, subject)));
    if (result instanceof ErasureResult.Erased erased) {
      int deleted = subject.map(s -> documents.deleteAll(s.id())).orElse(0);
      if (erased.now()) {
        log.info(
            "account {} (subject {}) erased; {} documents deleted",
            accountId,
            subject.map(s -> s.id().toString()).orElse("none"),
            deleted);
      }
    }
    return result;
  }

  private ErasureResult eraseLocked(UUID accountId, Optional<Subject> subject) {
    Optional<Instant> before = repository.erasedAt(accountId);
    if (before.isPresent()) {
      accounts.erase(accountId);
      return new ErasureResult.Erased(before.get(), false);
    }
    Instant started = subject.flatMap(s -> repository.lockedSubmission(s.id())).orElse(null);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Relationship relationship =
        new Relationship(started, repository.relationshipEnded(accountId).orElse(null));
    if (relationship.erasure(RetentionPolicy.amla(), now)
        instanceof ErasureDecision.Refused refused) {
      log.info("erasure for account {} refused: {}", accountId, refused.reason().code());
      return new ErasureResult.Refused(refused);
    }
    subject.ifPresent(s -> vault.shred(s.id()));
    accounts.erase(accountId);
    repository.insertErasure(accountId, now);
    return new ErasureResult.Erased(now, true);
  }

  /** The decision for an erasure requested now, for pages that show it beforehand. */
  public ErasureDecision decision(UUID accountId) {
    return relationships.erasureDecision(accountId);
  }
}

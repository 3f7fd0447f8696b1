package org.trademap.server.checks;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.contracts.kyc.Commitment;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.contracts.kyc.KycRegistryCalls;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.ledgergateway.outbox.Outbox;

/**
 * The KYC keys of approved users ({@code check_kyc_key}). A key is made when the user asks for it
 * on My Page once their case is approved, shown in that one answer, and never again: only its
 * {@link KycKey#commitment() commitment} is stored, and recorded on the ledger with {@code
 * kyc-registry.record-key} and the key's revision. Asking again issues a new key and revokes the
 * old one (the ledger keeps only the newest commitment as valid). A rejection revokes the key
 * without a successor ({@link KycRegistryCalls#NO_KEY}).
 */
@Component
class KycKeys {
  private static final Logger log = LoggerFactory.getLogger(KycKeys.class);

  /**
   * A key issued now: shown once.
   *
   * @param key the readable key
   * @param revision 1 for the first key, one more for each re-issue
   * @param issuedAt when
   */
  record Issued(String key, int revision, Instant issuedAt) {
    @Override
    public String toString() {
      return "Issued[key=(hidden), revision=" + revision + "]";
    }
  }

  /**
   * The user's current key, without the key itself.
   *
   * @param revision its revision
   * @param issuedAt when it was issued
   * @param ledger its ledger record
   */
  record Current(int revision, Instant issuedAt, LedgerState ledger) {}

  private final JdbcClient jdbc;
  private final CheckRepository cases;
  private final Outbox outbox;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  @Autowired
  KycKeys(
      DataSource dataSource,
      Outbox outbox,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this(dataSource, outbox, transactions, clock.getIfUnique(Clock::systemUTC));
  }

  /** For tests: the keys in the given database with the given clock. */
  KycKeys(
      DataSource dataSource, Outbox outbox, PlatformTransactionManager transactions, Clock clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.cases = new CheckRepository(dataSource);
    this.outbox = outbox;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /**
   * Issues a new key to the account if its case is approved, revoking the current one.
   *
   * @return the key, shown once; {@link Refusal#NOT_APPROVED} unless the case is approved
   */
  Outcome<Issued> issue(UUID accountId) {
    KycKey key = KycKey.random(random);
    Outcome<Issued> outcome =
        transaction.execute(
            status -> {
              Optional<CheckCase> found =
                  cases.findCaseByAccount(accountId).flatMap(c -> cases.lockCase(c.id()));
              if (found.isEmpty()
                  || !(found.get().state() instanceof CaseState.Decided decided)
                  || decided.decision() != Decision.APPROVED) {
                return Outcome.refused(Refusal.NOT_APPROVED);
              }
              CheckCase c = found.get();
              Instant now = clock.instant();
              int revision = record(c, key.commitment(), now);
              log.info("case {}: KYC key revision {} issued", c.id(), revision);
              return Outcome.done(new Issued(key.text(), revision, now));
            });
    return Objects.requireNonNull(outcome);
  }

  /**
   * Revokes the case's current key without a successor, in the caller's transaction (a rejection).
   * Does nothing if there is no current key.
   */
  void revoke(CheckCase c, Instant at) {
    if (current(c.ref()).isEmpty()) {
      return;
    }
    int revision = record(c, KycRegistryCalls.NO_KEY, at);
    jdbc.sql("UPDATE check_kyc_key SET revoked_at = ? WHERE subject_ref = ? AND revision = ?")
        .params(CheckRepository.timestamp(at), c.ref().value(), revision)
        .update();
    log.info("case {}: KYC key revoked (revision {})", c.id(), revision);
  }

  /** The account's current key, if it has one. */
  Optional<Current> current(UUID accountId) {
    return cases.findCaseByAccount(accountId).flatMap(c -> current(c.ref()));
  }

  /** Whether the presented key is the subject's current one. */
  boolean matches(SubjectRef ref, @Nullable String presented) {
    Optional<KycKey> key = KycKey.parse(presented);
    if (key.isEmpty()) {
      return false;
    }
    byte[] stored =
        jdbc.sql(
                "SELECT commitment FROM check_kyc_key WHERE subject_ref = ? AND revoked_at IS NULL"
                    + " ORDER BY revision DESC LIMIT 1")
            .param(ref.value())
            .query((rs, n) -> rs.getBytes(1))
            .optional()
            .orElse(null);
    return stored != null && MessageDigest.isEqual(stored, key.get().commitment().bytes());
  }

  private Optional<Current> current(SubjectRef ref) {
    return jdbc.sql(
            "SELECT revision, issued_at, ledger_key FROM check_kyc_key WHERE subject_ref = ? AND"
                + " revoked_at IS NULL ORDER BY revision DESC LIMIT 1")
        .param(ref.value())
        .query(
            (rs, n) ->
                new Current(
                    rs.getInt("revision"),
                    CheckRepository.required(rs, "issued_at"),
                    LedgerState.of(outbox, rs.getString("ledger_key")).orElseThrow()))
        .optional();
  }

  /** Stores the next revision with this commitment, revoking the earlier ones, and enqueues it. */
  private int record(CheckCase c, Commitment commitment, Instant at) {
    int revision =
        jdbc.sql("SELECT COALESCE(MAX(revision), 0) FROM check_kyc_key WHERE subject_ref = ?")
                .param(c.ref().value())
                .query(Integer.class)
                .single()
            + 1;
    jdbc.sql("UPDATE check_kyc_key SET revoked_at = ? WHERE subject_ref = ? AND revoked_at IS NULL")
        .params(CheckRepository.timestamp(at), c.ref().value())
        .update();
    String key = "checks/kyc-key/" + c.ref() + "/k" + revision;
    jdbc.sql(
            "INSERT INTO check_kyc_key (subject_ref, revision, account_id, commitment, issued_at,"
                + " ledger_key) VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            c.ref().value(),
            revision,
            c.accountId(),
            commitment.bytes(),
            CheckRepository.timestamp(at),
            key)
        .update();
    outbox.enqueue(
        key,
        KycRegistry.ID,
        KycRegistry.VERSION,
        KycRegistry.RECORD_KEY,
        KycRegistryCalls.recordKey(c.ref().value(), commitment, revision));
    return revision;
  }
}

package org.trademap.server.kyc;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.vault.SubjectId;

/**
 * The subject of each account (table {@code kyc_subject}, migration V3): made on first use, then
 * the same for the account's lifetime.
 */
@Service
public final class Subjects {
  private static final Logger log = LoggerFactory.getLogger(Subjects.class);
  private static final String COLUMNS = "subject_id, account_id, subject_ref, kind, created_at";

  private final JdbcClient jdbc;
  private final Clock clock;

  @Autowired
  Subjects(DataSource dataSource, ObjectProvider<Clock> clock) {
    this(dataSource, clock.getIfUnique(Clock::systemUTC));
  }

  /** For tests: subjects in the given database with the given clock. */
  public Subjects(DataSource dataSource, Clock clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.clock = clock;
  }

  /**
   * The account's subject, made now if the account has none. Of two concurrent first calls both get
   * the same subject.
   *
   * @param accountId an existing account
   * @param kind the account's kind; ignored if the subject exists
   */
  public Subject of(UUID accountId, AccountKind kind) {
    Optional<Subject> existing = forAccount(accountId);
    if (existing.isPresent()) {
      return existing.get();
    }
    SubjectId id = SubjectId.random();
    int inserted =
        jdbc.sql(
                "INSERT INTO kyc_subject ("
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")
            .param(id.value())
            .param(accountId)
            .param(SubjectRef.random().value())
            .param(kind.name())
            .param(clock.instant().atOffset(ZoneOffset.UTC))
            .update();
    if (inserted == 1) {
      log.info("account {} has subject {}", accountId, id);
    }
    return forAccount(accountId)
        .orElseThrow(() -> new IllegalStateException("the subject row vanished"));
  }

  /** The account's subject, if it has one. */
  public Optional<Subject> forAccount(UUID accountId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM kyc_subject WHERE account_id = ?")
        .param(accountId)
        .query((rs, n) -> subject(rs))
        .optional();
  }

  /** The subject with this vault id, if any. */
  public Optional<Subject> byId(SubjectId id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM kyc_subject WHERE subject_id = ?")
        .param(id.value())
        .query((rs, n) -> subject(rs))
        .optional();
  }

  /** The subject the ledger knows by this reference, if any. */
  public Optional<Subject> byRef(SubjectRef ref) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM kyc_subject WHERE subject_ref = ?")
        .param(ref.value())
        .query((rs, n) -> subject(rs))
        .optional();
  }

  private static Subject subject(java.sql.ResultSet rs) throws java.sql.SQLException {
    OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
    Instant createdAt = created == null ? Instant.EPOCH : created.toInstant();
    return new Subject(
        new SubjectId(rs.getObject("subject_id", UUID.class)),
        rs.getObject("account_id", UUID.class),
        new SubjectRef(rs.getString("subject_ref")),
        AccountKind.valueOf(rs.getString("kind")),
        createdAt);
  }
}

package org.trademap.server.checks.residence;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.checks.residence.LetterState.Confirmed;
import org.trademap.server.checks.residence.LetterState.Dispatch;
import org.trademap.server.checks.residence.LetterState.Expired;
import org.trademap.server.checks.residence.LetterState.Generated;
import org.trademap.server.checks.residence.LetterState.Locked;
import org.trademap.server.checks.residence.LetterState.Returned;
import org.trademap.server.checks.residence.LetterState.Sent;
import org.trademap.server.checks.residence.LetterState.Superseded;
import org.trademap.server.kyc.SubjectRef;

/**
 * The tables {@code residence_letter} and {@code residence_attempt} (Flyway V10) over JDBC; joins
 * the caller's Spring transaction. Only the code's HMAC and the vault-sealed PDF pass through here.
 */
final class LetterRepository {
  private static final String COLUMNS =
      "id, subject_ref, issue, state, language, created_at, generated_by, expires_at, sent_at,"
          + " sent_by, confirmed_at, returned_at, returned_by, locked_at, superseded_at,"
          + " failed_attempts, unprintable";

  private final JdbcClient jdbc;

  LetterRepository(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** Stores a new letter. */
  void insert(Letter letter, byte[] codeHash, byte[] sealedPdf) {
    if (!(letter.state() instanceof Generated)) {
      throw new IllegalArgumentException("a new letter is generated");
    }
    jdbc.sql(
            "INSERT INTO residence_letter (id, subject_ref, issue, state, code_hash, language,"
                + " created_at, generated_by, expires_at, failed_attempts, unprintable,"
                + " sealed_pdf) VALUES (?, ?, ?, 'GENERATED', ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            letter.id(),
            letter.subject().value(),
            letter.issue(),
            codeHash,
            letter.language(),
            timestamp(letter.createdAt()),
            letter.generatedBy(),
            timestamp(letter.expiresAt()),
            letter.failedAttempts(),
            letter.unprintable(),
            sealedPdf)
        .update();
  }

  Optional<Letter> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM residence_letter WHERE id = ?")
        .param(id)
        .query((rs, n) -> letter(rs))
        .optional();
  }

  /** The letter, locked until the caller's transaction ends. */
  Optional<Letter> lock(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM residence_letter WHERE id = ? FOR UPDATE")
        .param(id)
        .query((rs, n) -> letter(rs))
        .optional();
  }

  /** The subject's letters, newest first. */
  List<Letter> letters(SubjectRef subject) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM residence_letter WHERE subject_ref = ? ORDER BY issue DESC")
        .param(subject.value())
        .query((rs, n) -> letter(rs))
        .list();
  }

  /** The id of the subject's current (newest) letter. */
  Optional<UUID> currentId(SubjectRef subject) {
    return jdbc.sql(
            "SELECT id FROM residence_letter WHERE subject_ref = ? ORDER BY issue DESC LIMIT 1")
        .param(subject.value())
        .query(UUID.class)
        .optional();
  }

  /** The issue number the subject's next letter gets. */
  int nextIssue(SubjectRef subject) {
    Integer highest =
        jdbc.sql("SELECT MAX(issue) FROM residence_letter WHERE subject_ref = ?")
            .param(subject.value())
            .query(Integer.class)
            .optional()
            .orElse(null);
    return highest == null ? 1 : highest + 1;
  }

  byte[] codeHash(UUID id) {
    return jdbc.sql("SELECT code_hash FROM residence_letter WHERE id = ?")
        .param(id)
        .query(byte[].class)
        .single();
  }

  /** The sealed PDF, while the letter has one. */
  Optional<byte[]> sealedPdf(UUID id) {
    return jdbc.sql(
            "SELECT sealed_pdf FROM residence_letter WHERE id = ? AND sealed_pdf IS NOT NULL")
        .param(id)
        .query(byte[].class)
        .optional();
  }

  /**
   * Writes the letter's state and failed attempts; a letter that is no longer generated loses its
   * PDF.
   */
  void update(Letter letter) {
    LetterState state = letter.state();
    Dispatch dispatch = state.dispatch();
    int updated =
        jdbc.sql(
                "UPDATE residence_letter SET state = ?, sent_at = ?, sent_by = ?,"
                    + " confirmed_at = ?, returned_at = ?, returned_by = ?, locked_at = ?,"
                    + " superseded_at = ?, failed_attempts = ?,"
                    + " sealed_pdf = CASE WHEN ? THEN sealed_pdf ELSE NULL END WHERE id = ?")
            .param(stateName(state))
            .param(dispatch == null ? null : timestamp(dispatch.at()))
            .param(dispatch == null ? null : dispatch.by())
            .param(state instanceof Confirmed c ? timestamp(c.confirmedAt()) : null)
            .param(state instanceof Returned r ? timestamp(r.returnedAt()) : null)
            .param(state instanceof Returned r ? r.returnedBy() : null)
            .param(state instanceof Locked l ? timestamp(l.lockedAt()) : null)
            .param(state instanceof Superseded s ? timestamp(s.supersededAt()) : null)
            .param(letter.failedAttempts())
            .param(state instanceof Generated)
            .param(letter.id())
            .update();
    if (updated != 1) {
      throw new IllegalStateException("residence letter " + letter.id() + " is not stored");
    }
  }

  /** Records a wrong code: the letter's attempt number {@code attempt}, by the account. */
  void insertFailure(UUID letterId, int attempt, UUID accountId, Instant at) {
    jdbc.sql(
            "INSERT INTO residence_attempt (letter_id, attempt, account_id, attempted_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(letterId, attempt, accountId, timestamp(at))
        .update();
  }

  /** When the account entered wrong codes since {@code since} (exclusive), oldest first. */
  List<Instant> failuresSince(UUID accountId, Instant since) {
    return jdbc.sql(
            "SELECT attempted_at FROM residence_attempt WHERE account_id = ? AND attempted_at > ?"
                + " ORDER BY attempted_at")
        .params(accountId, timestamp(since))
        .query((rs, n) -> required(rs, "attempted_at"))
        .list();
  }

  private static String stateName(LetterState state) {
    return switch (state) {
      case Generated g -> "GENERATED";
      case Sent s -> "SENT";
      case Confirmed c -> "CONFIRMED";
      case Returned r -> "RETURNED";
      case Locked l -> "LOCKED";
      case Superseded s -> "SUPERSEDED";
      case Expired e -> throw new IllegalArgumentException("expiry is not stored");
    };
  }

  private static Letter letter(ResultSet rs) throws SQLException {
    Instant sentAt = instant(rs, "sent_at");
    UUID sentBy = rs.getObject("sent_by", UUID.class);
    Dispatch dispatch = sentAt == null || sentBy == null ? null : new Dispatch(sentAt, sentBy);
    String state = rs.getString("state");
    LetterState current =
        switch (state) {
          case "GENERATED" -> new Generated();
          case "SENT" -> new Sent(required(dispatch, state));
          case "CONFIRMED" -> new Confirmed(dispatch, required(rs, "confirmed_at"));
          case "RETURNED" ->
              new Returned(
                  required(dispatch, state),
                  required(rs, "returned_at"),
                  required(rs.getObject("returned_by", UUID.class), state));
          case "LOCKED" -> new Locked(dispatch, required(rs, "locked_at"));
          case "SUPERSEDED" -> new Superseded(dispatch, required(rs, "superseded_at"));
          default -> throw new IllegalStateException("unknown residence letter state " + state);
        };
    return new Letter(
        rs.getObject("id", UUID.class),
        new SubjectRef(rs.getString("subject_ref")),
        rs.getInt("issue"),
        rs.getString("language"),
        required(rs, "created_at"),
        rs.getObject("generated_by", UUID.class),
        required(rs, "expires_at"),
        rs.getInt("failed_attempts"),
        rs.getInt("unprintable"),
        current);
  }

  private static <T> T required(@Nullable T value, String state) {
    if (value == null) {
      throw new IllegalStateException("a " + state + " residence letter lacks a column");
    }
    return value;
  }

  private static Instant required(ResultSet rs, String column) throws SQLException {
    Instant value = instant(rs, column);
    if (value == null) {
      throw new IllegalStateException("residence column " + column + " is null");
    }
    return value;
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}

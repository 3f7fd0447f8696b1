package org.trademap.server.kyc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.vault.SubjectId;

/** The table {@code kyc_consent} over JDBC; joins the caller's Spring transaction. */
final class ConsentRepository {
  private static final String COLUMNS = "seq, kind, scope, version, given_at, withdrawn_at";

  /** A stored consent with its row id. */
  record Row(long seq, Consent consent) {}

  private final JdbcClient jdbc;

  ConsentRepository(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** Locks the subject's row until the transaction ends, so its consents change one at a time. */
  void lockSubject(SubjectId subject) {
    List<UUID> locked =
        jdbc.sql("SELECT subject_id FROM kyc_subject WHERE subject_id = ? FOR UPDATE")
            .param(subject.value())
            .query(UUID.class)
            .list();
    if (locked.isEmpty()) {
      throw new IllegalStateException("no subject " + subject);
    }
  }

  void insert(SubjectId subject, Consent consent) {
    jdbc.sql(
            "INSERT INTO kyc_consent (subject_id, kind, scope, version, given_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(
            subject.value(),
            consent.kind().name(),
            consent.scope(),
            consent.version(),
            KycFileRepository.timestamp(consent.givenAt()))
        .update();
  }

  /** The newest consent of this kind and scope. */
  Optional<Row> latest(SubjectId subject, ConsentKind kind, String scope) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM kyc_consent WHERE subject_id = ? AND kind = ? AND scope = ?"
                + " ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")
        .params(subject.value(), kind.name(), scope)
        .query((rs, n) -> row(rs))
        .optional();
  }

  /** Records the withdrawal of a standing consent; false if it was withdrawn before. */
  boolean withdraw(long seq, Instant now) {
    return jdbc.sql(
                "UPDATE kyc_consent SET withdrawn_at = ? WHERE seq = ? AND withdrawn_at IS NULL")
            .params(KycFileRepository.timestamp(now), seq)
            .update()
        == 1;
  }

  /** Every consent of the subject, oldest first. */
  List<Consent> all(SubjectId subject) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM kyc_consent WHERE subject_id = ? ORDER BY seq")
        .param(subject.value())
        .query((rs, n) -> row(rs).consent())
        .list();
  }

  private static Row row(ResultSet rs) throws SQLException {
    OffsetDateTime withdrawn = rs.getObject("withdrawn_at", OffsetDateTime.class);
    return new Row(
        rs.getLong("seq"),
        new Consent(
            ConsentKind.valueOf(rs.getString("kind")),
            rs.getString("scope"),
            rs.getString("version"),
            KycFileRepository.instant(rs, "given_at"),
            withdrawn == null ? null : withdrawn.toInstant()));
  }
}

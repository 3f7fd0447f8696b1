package org.trademap.server.kyc.rights;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.vault.SubjectId;

/**
 * The tables {@code kyc_relationship_end} and {@code kyc_erasure} (migration V7) over JDBC, and the
 * submission time of a KYC file read under a row lock; joins the caller's Spring transaction.
 */
final class RightsRepository {
  private final JdbcClient jdbc;

  RightsRepository(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** When the account's business relationship ended, if it did. */
  Optional<Instant> relationshipEnded(UUID accountId) {
    return jdbc.sql("SELECT ended_at FROM kyc_relationship_end WHERE account_id = ?")
        .param(accountId)
        .query(OffsetDateTime.class)
        .optional()
        .map(OffsetDateTime::toInstant);
  }

  /** Records the end of the relationship unless one is recorded; true if this call did. */
  boolean insertRelationshipEnd(UUID accountId, Instant endedAt) {
    return jdbc.sql(
                "INSERT INTO kyc_relationship_end (account_id, ended_at) VALUES (?, ?)"
                    + " ON CONFLICT DO NOTHING")
            .params(accountId, endedAt.atOffset(ZoneOffset.UTC))
            .update()
        == 1;
  }

  /** When the account's data was erased, if it was. */
  Optional<Instant> erasedAt(UUID accountId) {
    return jdbc.sql("SELECT erased_at FROM kyc_erasure WHERE account_id = ?")
        .param(accountId)
        .query(OffsetDateTime.class)
        .optional()
        .map(OffsetDateTime::toInstant);
  }

  /** Records the erasure unless one is recorded; true if this call did. */
  boolean insertErasure(UUID accountId, Instant erasedAt) {
    return jdbc.sql(
                "INSERT INTO kyc_erasure (account_id, erased_at) VALUES (?, ?)"
                    + " ON CONFLICT DO NOTHING")
            .params(accountId, erasedAt.atOffset(ZoneOffset.UTC))
            .update()
        == 1;
  }

  /**
   * When the subject's KYC file was submitted, with the file row locked until the transaction ends,
   * so that no submission slips in between the erasure's decision and the shredding. Empty if the
   * file does not exist or is a draft.
   */
  Optional<Instant> lockedSubmission(SubjectId subject) {
    return jdbc.sql("SELECT submitted_at FROM kyc_file WHERE subject_id = ? FOR UPDATE")
        .param(subject.value())
        .query((rs, n) -> Optional.ofNullable(rs.getObject("submitted_at", OffsetDateTime.class)))
        .optional()
        .flatMap(at -> at.map(OffsetDateTime::toInstant));
  }
}

package org.trademap.server.checks.document;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.vault.Decrypted;
import org.trademap.server.vault.Vault;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latest judgment of each subject's identity document ({@code document_judgment}): what OCR
 * read, sealed by the vault under the subject's data key, and the parsed expiry date in clear for
 * the expiry job.
 */
final class JudgmentStore {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * A document whose expiry date has passed and whose check was not reopened for it yet.
   *
   * @param ref the subject
   * @param expiry the expiry date
   */
  record Expired(SubjectRef ref, LocalDate expiry) {}

  private final JdbcClient jdbc;
  private final Vault vault;

  JudgmentStore(DataSource dataSource, Vault vault) {
    this.jdbc = JdbcClient.create(dataSource);
    this.vault = vault;
  }

  /**
   * The vault purpose of a kept reading (one per subject; the subject is bound in by the vault).
   */
  private static final String PURPOSE = "checks.document-judgment";

  /**
   * Keeps the subject's latest judgment, replacing the earlier one. An expiry already past on the
   * day of the judgment counts as reopened for (the judgment itself proposes to fail), as does the
   * same expiry an earlier judgment was reopened for.
   */
  void save(
      Subject subject,
      StoredReading reading,
      @Nullable LocalDate expiry,
      Instant at,
      LocalDate today) {
    byte[] sealed = vault.encrypt(subject.id(), PURPOSE, JSON.writeValueAsBytes(reading));
    LocalDate reopened = expiry != null && expiry.isBefore(today) ? expiry : null;
    if (reopened == null && expiry != null && expiry.equals(reopenedFor(subject.ref()))) {
      reopened = expiry;
    }
    jdbc.sql("DELETE FROM document_judgment WHERE subject_ref = ?")
        .param(subject.ref().value())
        .update();
    jdbc.sql(
            "INSERT INTO document_judgment (subject_ref, judged_at, document_id, kind,"
                + " reading_sealed, expiry_date, expiry_reopened) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .param(subject.ref().value())
        .param(at.atOffset(ZoneOffset.UTC))
        .param(reading.document().map(d -> d.value()).orElse(null))
        .param(reading.kind())
        .param(sealed)
        .param(expiry == null ? null : Date.valueOf(expiry))
        .param(reopened == null ? null : Date.valueOf(reopened))
        .update();
  }

  private @Nullable LocalDate reopenedFor(SubjectRef ref) {
    return jdbc.sql("SELECT expiry_reopened FROM document_judgment WHERE subject_ref = ?")
        .param(ref.value())
        .query((rs, n) -> Optional.ofNullable(rs.getDate(1)).map(Date::toLocalDate))
        .optional()
        .flatMap(d -> d)
        .orElse(null);
  }

  /** The subject's latest judgment; empty if none was made, or the subject was erased. */
  Optional<StoredReading> find(Subject subject) {
    return jdbc.sql("SELECT reading_sealed FROM document_judgment WHERE subject_ref = ?")
        .param(subject.ref().value())
        .query((rs, n) -> rs.getBytes(1))
        .optional()
        .flatMap(
            stored ->
                switch (vault.decrypt(subject.id(), PURPOSE, stored)) {
                  case Decrypted.Plaintext p ->
                      Optional.of(JSON.readValue(p.bytes(), StoredReading.class));
                  case Decrypted.Shredded s -> Optional.empty();
                  case Decrypted.Tampered t ->
                      throw new IllegalStateException(
                          "the document judgment of "
                              + subject.ref()
                              + " fails its integrity check");
                });
  }

  /** The documents that expired before {@code today} and were not reopened for that expiry. */
  List<Expired> expiredBefore(LocalDate today) {
    return jdbc.sql(
            "SELECT subject_ref, expiry_date FROM document_judgment WHERE expiry_date < ?"
                + " AND (expiry_reopened IS NULL OR expiry_reopened <> expiry_date)"
                + " ORDER BY expiry_date, subject_ref")
        .param(Date.valueOf(today))
        .query((rs, n) -> new Expired(new SubjectRef(rs.getString(1)), rs.getDate(2).toLocalDate()))
        .list();
  }

  /** Notes that the check was reopened for this expiry. */
  void markReopened(SubjectRef ref, LocalDate expiry) {
    jdbc.sql("UPDATE document_judgment SET expiry_reopened = ? WHERE subject_ref = ?")
        .param(Date.valueOf(expiry))
        .param(ref.value())
        .update();
  }
}

package org.trademap.server.kyc.documents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.onboarding.documents.DocumentType;
import org.trademap.server.onboarding.documents.PixelSize;
import org.trademap.server.vault.SubjectId;

/** Table {@code kyc_document} (migration V6): the metadata of stored documents. */
final class DocumentRepository {
  private static final String COLUMNS =
      "id, subject_id, kind, media_type, size_bytes, width, height, pages, storage_name,"
          + " uploaded_at";

  /** A row: the metadata and the name of the file that holds the sealed bytes. */
  record Row(StoredDocument document, UUID storageName) {}

  private final JdbcClient jdbc;

  DocumentRepository(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /**
   * Locks the subject's row until the transaction ends, so that the uploads and deletions of one
   * subject happen one after the other (quota and one-per-kind stay exact).
   *
   * @return whether the subject exists
   */
  boolean lockSubject(SubjectId subject) {
    return jdbc.sql("SELECT subject_id FROM kyc_subject WHERE subject_id = ? FOR UPDATE")
        .param(subject.value())
        .query(UUID.class)
        .optional()
        .isPresent();
  }

  void insert(Row row) {
    StoredDocument d = row.document();
    PixelSize pixels = d.pixels();
    jdbc.sql("INSERT INTO kyc_document (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .param(d.id().value())
        .param(d.subject().value())
        .param(d.kind().name())
        .param(d.type().name())
        .param(d.size())
        .param(pixels == null ? null : pixels.width())
        .param(pixels == null ? null : pixels.height())
        .param(d.pages())
        .param(row.storageName())
        .param(d.uploadedAt().atOffset(ZoneOffset.UTC))
        .update();
  }

  /** The subject's documents, oldest first. */
  List<Row> list(SubjectId subject) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM kyc_document WHERE subject_id = ? ORDER BY uploaded_at, kind, id")
        .param(subject.value())
        .query((rs, n) -> row(rs))
        .list();
  }

  /** The subject's document with this id; empty if there is none or it is another's. */
  Optional<Row> find(SubjectId subject, DocumentId id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM kyc_document WHERE id = ? AND subject_id = ?")
        .param(id.value())
        .param(subject.value())
        .query((rs, n) -> row(rs))
        .optional();
  }

  /** The subject's document of this kind, if any. */
  Optional<Row> findKind(SubjectId subject, DocumentKind kind) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM kyc_document WHERE subject_id = ? AND kind = ?")
        .param(subject.value())
        .param(kind.name())
        .query((rs, n) -> row(rs))
        .optional();
  }

  /** How many documents the subject keeps of kinds other than {@code kind}. */
  long countOtherKinds(SubjectId subject, DocumentKind kind) {
    return jdbc.sql("SELECT COUNT(*) FROM kyc_document WHERE subject_id = ? AND kind <> ?")
        .param(subject.value())
        .param(kind.name())
        .query(Long.class)
        .single();
  }

  /** Whether some row names this file. */
  boolean referenced(UUID storageName) {
    return jdbc.sql("SELECT COUNT(*) FROM kyc_document WHERE storage_name = ?")
            .param(storageName)
            .query(Long.class)
            .single()
        > 0;
  }

  boolean delete(DocumentId id) {
    return jdbc.sql("DELETE FROM kyc_document WHERE id = ?").param(id.value()).update() == 1;
  }

  private static Row row(ResultSet rs) throws SQLException {
    DocumentType type = DocumentType.valueOf(rs.getString("media_type"));
    OffsetDateTime uploaded = rs.getObject("uploaded_at", OffsetDateTime.class);
    StoredDocument document =
        new StoredDocument(
            new DocumentId(rs.getObject("id", UUID.class)),
            new SubjectId(rs.getObject("subject_id", UUID.class)),
            DocumentKind.valueOf(rs.getString("kind")),
            type,
            rs.getInt("size_bytes"),
            type.isImage() ? new PixelSize(rs.getInt("width"), rs.getInt("height")) : null,
            rs.getInt("pages"),
            uploaded.toInstant());
    return new Row(document, rs.getObject("storage_name", UUID.class));
  }
}

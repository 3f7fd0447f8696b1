package org.trademap.server.kyc.documents;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.onboarding.documents.DocumentType;
import org.trademap.server.onboarding.documents.PixelSize;
import org.trademap.server.vault.SubjectId;

/**
 * What is known about a stored document, without its content.
 *
 * @param id the document's random id
 * @param subject whose document it is
 * @param kind what the document is
 * @param type the file type, decided by the magic bytes at upload
 * @param size the number of clean bytes (what a download returns)
 * @param pixels the pixel size of an image; {@code null} for a PDF
 * @param pages the page count of a PDF; 1 for an image
 * @param uploadedAt when it was uploaded
 */
public record StoredDocument(
    DocumentId id,
    SubjectId subject,
    DocumentKind kind,
    DocumentType type,
    int size,
    @Nullable PixelSize pixels,
    int pages,
    Instant uploadedAt) {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  public StoredDocument {
    if (size <= 0) {
      throw new IllegalArgumentException("a stored document has at least one byte");
    }
    if (type.isImage() != (pixels != null)) {
      throw new IllegalArgumentException("images and only images have pixel dimensions");
    }
    if (pages < 1) {
      throw new IllegalArgumentException("a document has at least one page");
    }
  }

  /**
   * The name a download is offered under, made by the server from the kind, the upload day and the
   * type, e.g. {@code passport-page-2026-03-01.jpg}: only {@code [a-z0-9.-]}, never the name the
   * user's file had.
   */
  public String downloadName() {
    return DocumentKinds.apiName(kind) + "-" + DAY.format(uploadedAt) + "." + type.extension();
  }
}

package org.trademap.server.kyc.documents;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.trademap.server.onboarding.documents.PixelSize;

/**
 * A stored document in the API, without its content.
 *
 * @param id the document's id, for {@code GET} and {@code DELETE /api/v1/me/documents/{id}}
 * @param kind {@code passport-page}, {@code id-card-front}, {@code id-card-back} or {@code
 *     register-extract}
 * @param mediaType what a download returns: {@code image/jpeg}, {@code image/png} or {@code
 *     application/pdf}
 * @param size the number of bytes a download returns
 * @param width the width of an image in pixels; absent for a PDF
 * @param height the height of an image in pixels; absent for a PDF
 * @param pages the number of pages (1 for an image)
 * @param uploadedAt when it was uploaded
 * @param fileName the name a download is offered under (made by the server)
 */
record DocumentView(
    String id,
    String kind,
    String mediaType,
    int size,
    @Nullable Integer width,
    @Nullable Integer height,
    int pages,
    Instant uploadedAt,
    String fileName) {

  static DocumentView of(StoredDocument document) {
    PixelSize pixels = document.pixels();
    return new DocumentView(
        document.id().toString(),
        DocumentKinds.apiName(document.kind()),
        document.type().mediaType(),
        document.size(),
        pixels == null ? null : pixels.width(),
        pixels == null ? null : pixels.height(),
        document.pages(),
        document.uploadedAt(),
        document.downloadName());
  }
}

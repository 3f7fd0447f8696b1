package org.trademap.server.kyc.documents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.web.ProblemException;

/**
 * Serves and deletes the signed-in account's own documents, for the API and the page alike. An id
 * that is malformed, unknown or another account's is answered the same way ({@code 404
 * document.not-found}), so probing ids tells nothing; such requests are logged with the account's
 * id.
 */
@Component
class DocumentDownloads {
  private static final Logger log = LoggerFactory.getLogger(DocumentDownloads.class);

  private final StoredDocuments documents;
  private final DocumentUploads uploads;

  DocumentDownloads(StoredDocuments documents, DocumentUploads uploads) {
    this.documents = documents;
    this.uploads = uploads;
  }

  /**
   * The document as an attachment: its stored type, a name made by the server, {@code nosniff},
   * {@code no-store}, and a sandboxing content security policy in case it is opened in place.
   *
   * @throws ProblemException {@code 404 document.not-found}, {@code 500 document.damaged} or {@code
   *     document.missing}, {@code 410 document.erased}
   */
  ResponseEntity<byte[]> download(SignedIn user, String id) {
    DocumentId documentId = ownId(user, id);
    return switch (documents.open(uploads.subjectOf(user).id(), documentId)) {
      case OpenResult.Content content -> {
        StoredDocument document = content.document();
        yield ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(document.type().mediaType()))
            .header(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                    .filename(document.downloadName())
                    .build()
                    .toString())
            .header("X-Content-Type-Options", "nosniff")
            .header("Content-Security-Policy", "default-src 'none'; sandbox")
            .cacheControl(CacheControl.noStore())
            .body(content.bytes());
      }
      case OpenResult.NotFound notFound -> throw notFound(user, id);
      case OpenResult.Damaged damaged ->
          throw ProblemException.of(HttpStatus.INTERNAL_SERVER_ERROR, "document.damaged");
      case OpenResult.Missing missing ->
          throw ProblemException.of(HttpStatus.INTERNAL_SERVER_ERROR, "document.missing");
      case OpenResult.Erased erased ->
          throw ProblemException.of(HttpStatus.GONE, "document.erased");
    };
  }

  /**
   * Deletes the document.
   *
   * @throws ProblemException {@code 404 document.not-found}
   */
  StoredDocument delete(SignedIn user, String id) {
    DocumentId documentId = ownId(user, id);
    return documents
        .delete(uploads.subjectOf(user).id(), documentId)
        .orElseThrow(() -> notFound(user, id));
  }

  private static DocumentId ownId(SignedIn user, String id) {
    return DocumentId.parse(id).orElseThrow(() -> notFound(user, id));
  }

  private static ProblemException notFound(SignedIn user, String id) {
    // The id as given is not logged: it is the caller's text. A well-formed one is an id only.
    log.info(
        "account {} asked for document {}, which it does not have",
        user.accountId(),
        DocumentId.parse(id).map(DocumentId::toString).orElse("(malformed)"));
    return ProblemException.of(HttpStatus.NOT_FOUND, "document.not-found");
  }
}

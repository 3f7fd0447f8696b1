package org.trademap.server.kyc.documents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.onboarding.documents.IntakeNotice;

/** The signed-in account's identity documents and register extract, over the REST API. */
@RestController
@Tag(
    name = "Documents",
    description =
        "Identity documents (passport photo page, or both sides of an ID card) and, for companies,"
            + " the commercial-register extract. One document of each kind is kept; uploading the"
            + " same kind again replaces it. The type is decided by the file's content: JPEG or PNG"
            + " images (re-encoded, so EXIF and anything appended is dropped), PDF for register"
            + " extracts. Stored encrypted under random names. Another account's document, an"
            + " unknown id and a malformed id are all answered 404 document.not-found.")
class DocumentsController {
  static final String PATH = "/api/v1/me/documents";

  /**
   * The documents on file.
   *
   * @param documents oldest first
   * @param identityProven whether they include a passport page or both sides of an ID card
   * @param complete whether they are all the account's submission needs (for a company also the
   *     register extract)
   */
  record DocumentList(List<DocumentView> documents, boolean identityProven, boolean complete) {}

  /**
   * An upload that was stored.
   *
   * @param document what is now on file
   * @param replaced the id of the document of the same kind it replaced, if any
   * @param notices what the server changed or noticed: {@code metadata-removed}, {@code
   *     trailing-data-removed}, {@code orientation-applied}, {@code declared-type-differs}, {@code
   *     display-name-sanitized}
   */
  record Uploaded(DocumentView document, @Nullable String replaced, List<String> notices) {}

  private final DocumentUploads uploads;
  private final DocumentDownloads downloads;
  private final StoredDocuments documents;

  DocumentsController(
      DocumentUploads uploads, DocumentDownloads downloads, StoredDocuments documents) {
    this.uploads = uploads;
    this.downloads = downloads;
    this.documents = documents;
  }

  @PostMapping(
      path = PATH,
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Upload a document (multipart/form-data: kind and file)",
      description =
          "kind is passport-page, id-card-front, id-card-back or register-extract (companies"
              + " only). Limits: trademap.documents.* (by default 10 MiB, 40 megapixels, a short"
              + " side of at least 600 pixels, 50 PDF pages, 20 documents). A body longer than the"
              + " limit is refused before it is read when its length is announced.")
  @ApiResponse(responseCode = "201", description = "stored; Location names the document")
  @ApiResponse(
      responseCode = "400",
      description =
          "document.unknown-kind (kind missing or not one of the four); document.file-missing")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(responseCode = "409", description = "document.quota-exceeded")
  @ApiResponse(responseCode = "410", description = "document.erased (the personal data was erased)")
  @ApiResponse(responseCode = "413", description = "document.too-large")
  @ApiResponse(
      responseCode = "415",
      description =
          "document.unknown-type (not JPEG, PNG or PDF); document.disguised (e.g. HTML named"
              + " .jpg)")
  @ApiResponse(
      responseCode = "422",
      description =
          "document.empty, document.type-mismatch (a PDF for an identity document),"
              + " document.too-many-pixels (pixel flood), document.too-small-image,"
              + " document.undecodable, document.polyglot (hidden or active content),"
              + " document.encrypted, document.too-many-pages, document.kind-not-applicable (a"
              + " register extract from a person)")
  ResponseEntity<Uploaded> upload(
      @AuthenticationPrincipal SignedIn user,
      @Parameter(description = "what the file is") @RequestParam(name = "kind", required = false)
          @Nullable String kind,
      @Parameter(description = "the image or PDF") @RequestPart(name = "file", required = false)
          @Nullable MultipartFile file) {
    return switch (uploads.upload(user, kind, file)) {
      case UploadOutcome.Refused refused -> throw refused.problem();
      case UploadOutcome.Uploaded uploaded -> {
        StoredDocument document = uploaded.stored().document();
        StoredDocument replaced = uploaded.stored().replaced();
        yield ResponseEntity.created(URI.create(PATH + "/" + document.id()))
            .cacheControl(CacheControl.noStore())
            .body(
                new Uploaded(
                    DocumentView.of(document),
                    replaced == null ? null : replaced.id().toString(),
                    uploaded.notices().stream().map(DocumentsController::noticeName).toList()));
      }
    };
  }

  @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The documents on file, without their content")
  @ApiResponse(responseCode = "200", description = "the documents, oldest first")
  @ApiResponse(responseCode = "401", description = "auth.required")
  ResponseEntity<DocumentList> list(@AuthenticationPrincipal SignedIn user) {
    var subject = uploads.subjectOf(user);
    List<StoredDocument> onFile = documents.list(subject.id());
    var kinds = documents.kindsOnFile(subject.id());
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(
            new DocumentList(
                onFile.stream().map(DocumentView::of).toList(),
                DocumentKinds.provesIdentity(kinds),
                DocumentKinds.complete(user.kind(), kinds)));
  }

  @GetMapping(PATH + "/{id}")
  @Operation(
      summary = "Download a document",
      description =
          "The clean bytes as stored (images re-encoded at upload), as an attachment with a name"
              + " made by the server, X-Content-Type-Options: nosniff and Cache-Control: no-store.")
  @ApiResponse(responseCode = "200", description = "the document")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(
      responseCode = "404",
      description = "document.not-found (unknown, malformed or another account's id: all alike)")
  @ApiResponse(responseCode = "410", description = "document.erased")
  @ApiResponse(
      responseCode = "500",
      description =
          "document.damaged (the stored file fails its integrity check; it is never served);"
              + " document.missing")
  ResponseEntity<byte[]> download(
      @AuthenticationPrincipal SignedIn user, @PathVariable("id") String id) {
    return downloads.download(user, id);
  }

  @DeleteMapping(PATH + "/{id}")
  @Operation(summary = "Delete a document (its encrypted file and its record)")
  @ApiResponse(responseCode = "204", description = "deleted")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(responseCode = "404", description = "document.not-found")
  ResponseEntity<Void> delete(
      @AuthenticationPrincipal SignedIn user, @PathVariable("id") String id) {
    downloads.delete(user, id);
    return ResponseEntity.noContent().build();
  }

  static String noticeName(IntakeNotice notice) {
    return notice.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

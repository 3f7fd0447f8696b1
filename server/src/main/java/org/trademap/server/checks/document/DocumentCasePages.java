package org.trademap.server.checks.document;

import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.checks.Checks;
import org.trademap.server.checks.Staff;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.kyc.documents.DocumentId;
import org.trademap.server.kyc.documents.OpenResult;
import org.trademap.server.kyc.documents.StoredDocuments;
import org.trademap.server.onboarding.documents.DocumentType;
import org.trademap.server.web.ProblemException;

/**
 * The document parts of the case page, for staff only ({@code /checks/**}: the security
 * configuration refuses everyone else, and {@link Staff#require} refuses again): the image of a
 * subject's document, and re-running the judgment (OCR) in the background. A subject or document
 * that is unknown, malformed or another subject's is answered {@code 404 document.not-found}. Each
 * action is audit-logged.
 */
@Controller
class DocumentCasePages {
  static final String BASE = "/checks/documents";

  /** The audit codes of the actions. */
  static final String IMAGE_VIEWED = "document.image-viewed";

  static final String RERUN = "document.judgment-rerun";

  private final Subjects subjects;
  private final StoredDocuments documents;
  private final DocumentCase judgments;
  private final Checks checks;

  DocumentCasePages(
      Subjects subjects, StoredDocuments documents, DocumentCase judgments, Checks checks) {
    this.subjects = subjects;
    this.documents = documents;
    this.judgments = judgments;
    this.checks = checks;
  }

  /**
   * The document as stored: an image inline with its own content type, a PDF as an attachment;
   * {@code nosniff}, a sandboxing content security policy and never cached.
   */
  @GetMapping(BASE + "/{subject}/{document}")
  ResponseEntity<byte[]> document(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable String subject,
      @PathVariable String document) {
    SignedIn staff = Staff.require(user);
    Subject found = subject(subject);
    DocumentId id = DocumentId.parse(document).orElseThrow(DocumentCasePages::notFound);
    return switch (documents.open(found.id(), id)) {
      case OpenResult.Content content -> {
        checks.audit(staff.accountId(), IMAGE_VIEWED, found.ref(), CheckProcess.ID_DOCUMENT);
        DocumentType type = content.document().type();
        ContentDisposition disposition =
            (type == DocumentType.PDF
                    ? ContentDisposition.attachment()
                    : ContentDisposition.inline())
                .filename(content.document().downloadName())
                .build();
        yield ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(type.mediaType()))
            .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
            .header("X-Content-Type-Options", "nosniff")
            .header("Content-Security-Policy", "default-src 'none'; sandbox")
            .cacheControl(CacheControl.noStore())
            .body(content.bytes());
      }
      case OpenResult.NotFound n -> throw notFound();
      case OpenResult.Missing m ->
          throw ProblemException.of(HttpStatus.INTERNAL_SERVER_ERROR, "document.missing");
      case OpenResult.Damaged d ->
          throw ProblemException.of(HttpStatus.INTERNAL_SERVER_ERROR, "document.damaged");
      case OpenResult.Erased e -> throw ProblemException.of(HttpStatus.GONE, "document.erased");
    };
  }

  /** Judges the subject's identity document again, in the background; back to the case page. */
  @PostMapping(BASE + "/{subject}/judgment")
  String rerun(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable String subject,
      RedirectAttributes redirect) {
    SignedIn staff = Staff.require(user);
    Subject found = subject(subject);
    Optional<Checks.CaseSummary> c = checks.caseOf(found.ref());
    if (c.isEmpty()) {
      throw notFound();
    }
    if (judgments.schedule(found.ref())) {
      checks.audit(staff.accountId(), RERUN, found.ref(), CheckProcess.ID_DOCUMENT);
      redirect.addFlashAttribute("notice", "checks.document.notice.rerun");
    } else {
      redirect.addFlashAttribute("notice", "checks.document.ocr.busy");
    }
    return "redirect:/checks/cases/" + c.get().caseId();
  }

  private Subject subject(String value) {
    try {
      return subjects.byRef(new SubjectRef(value)).orElseThrow(DocumentCasePages::notFound);
    } catch (IllegalArgumentException e) {
      throw notFound();
    }
  }

  private static ProblemException notFound() {
    return ProblemException.of(HttpStatus.NOT_FOUND, "document.not-found");
  }
}

package org.trademap.server.kyc.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.onboarding.documents.CleanDocument;
import org.trademap.server.onboarding.documents.DocumentIntake;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.onboarding.documents.IntakeResult;
import org.trademap.server.web.ProblemException;

/**
 * An upload from the API or the page, from the form fields to the stored document: the declared
 * kind, the intake (type by magic bytes, limits, re-encoding), then storage for the signed-in
 * account's subject. Every refusal is a value with a stable code, and changes nothing.
 */
@Component
class DocumentUploads {
  private static final Logger log = LoggerFactory.getLogger(DocumentUploads.class);

  /** The accepted values of the {@code kind} field, for the refusal's sentence. */
  static final String KIND_NAMES =
      Arrays.stream(DocumentKind.values())
          .map(DocumentKinds::apiName)
          .collect(Collectors.joining(", "));

  private final DocumentIntake intake;
  private final StoredDocuments documents;
  private final Subjects subjects;

  DocumentUploads(DocumentIntake intake, StoredDocuments documents, Subjects subjects) {
    this.intake = intake;
    this.documents = documents;
    this.subjects = subjects;
  }

  /** The limits uploads are checked against. */
  DocumentIntake intake() {
    return intake;
  }

  /** The signed-in account's subject, made on first use. */
  Subject subjectOf(SignedIn user) {
    return subjects.of(user.accountId(), user.kind());
  }

  UploadOutcome upload(SignedIn user, @Nullable String kindName, @Nullable MultipartFile file) {
    DocumentKind kind = DocumentKinds.ofApiName(kindName).orElse(null);
    if (kind == null) {
      return refused(HttpStatus.BAD_REQUEST, "document.unknown-kind", KIND_NAMES);
    }
    if (file == null) {
      return refused(HttpStatus.BAD_REQUEST, "document.file-missing");
    }
    if (!DocumentKinds.isAllowed(user.kind(), kind)) {
      return refused(HttpStatus.UNPROCESSABLE_CONTENT, "document.kind-not-applicable");
    }
    IntakeResult result;
    try (InputStream content = file.getInputStream()) {
      result = intake.intake(content, kind, file.getOriginalFilename(), file.getContentType());
    } catch (IOException e) {
      throw new UncheckedIOException("reading an upload failed", e);
    }
    return switch (result) {
      case IntakeResult.Refused refusal -> {
        log.info("account {}: upload of a {} refused ({})", user.accountId(), kind, refusal.code());
        yield new UploadOutcome.Refused(problem(refusal));
      }
      case IntakeResult.Accepted accepted -> store(user, accepted.document());
    };
  }

  private UploadOutcome store(SignedIn user, CleanDocument document) {
    return switch (documents.store(subjectOf(user), document)) {
      case StoreResult.Stored stored -> new UploadOutcome.Uploaded(stored, document.notices());
      case StoreResult.QuotaExceeded quota -> new UploadOutcome.Refused(problem(quota.refusal()));
      case StoreResult.NotApplicable notApplicable ->
          refused(HttpStatus.UNPROCESSABLE_CONTENT, "document.kind-not-applicable");
      case StoreResult.Erased erased -> refused(HttpStatus.GONE, "document.erased");
    };
  }

  private static ProblemException problem(IntakeResult.Refused refusal) {
    return ProblemException.of(
        HttpStatus.valueOf(refusal.reason().httpStatus()),
        refusal.code(),
        refusal.arguments().toArray());
  }

  private static UploadOutcome refused(HttpStatus status, String code, Object... arguments) {
    return new UploadOutcome.Refused(ProblemException.of(status, code, arguments));
  }
}

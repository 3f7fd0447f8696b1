package org.trademap.server.kyc.documents;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.trademap.server.onboarding.documents.DocumentIntake;
import org.trademap.server.web.ProblemException;
import org.trademap.server.web.RequestBodyLimit;

/**
 * The body limit of the upload paths: {@code trademap.documents.max-bytes} plus {@value
 * #FRAMING_BYTES} bytes for the multipart framing (boundaries, part headers, the {@code kind} and
 * {@code _csrf} fields). A larger body is answered {@code 413 document.too-large} like a file that
 * intake finds too large, before it is read when its length is announced.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimits {
  /** Room for everything in a multipart upload besides the file itself. */
  static final long FRAMING_BYTES = 64 * 1024;

  @Bean
  RequestBodyLimit documentUploadApiLimit(DocumentIntake intake) {
    return limit(DocumentsController.PATH, intake);
  }

  @Bean
  RequestBodyLimit documentUploadPageLimit(DocumentIntake intake) {
    return limit(DocumentsPage.PATH, intake);
  }

  private static RequestBodyLimit limit(String path, DocumentIntake intake) {
    DataSize maxBytes = intake.limits().maxBytes();
    return new RequestBodyLimit(
        path,
        DataSize.ofBytes(maxBytes.toBytes() + FRAMING_BYTES),
        ProblemException.of(
            HttpStatus.CONTENT_TOO_LARGE, "document.too-large", mebibytes(maxBytes)));
  }

  /** A size in MiB, as the messages show it. */
  static double mebibytes(DataSize size) {
    return size.toBytes() / (1024.0 * 1024.0);
  }
}

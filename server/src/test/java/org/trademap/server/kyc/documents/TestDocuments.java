package org.trademap.server.kyc.documents;

import org.trademap.server.onboarding.documents.CleanDocument;
import org.trademap.server.onboarding.documents.DocumentIntake;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.onboarding.documents.DocumentProperties;
import org.trademap.server.onboarding.documents.IntakeResult;

/** Clean documents made by the real intake (test files come from the intake's {@code Fixtures}). */
final class TestDocuments {
  static final DocumentIntake INTAKE = new DocumentIntake(DocumentProperties.defaults());

  private TestDocuments() {}

  /** The clean document the intake makes of these bytes; fails if it refuses them. */
  static CleanDocument clean(byte[] bytes, DocumentKind kind) {
    return switch (INTAKE.intake(bytes, kind, "upload", null)) {
      case IntakeResult.Accepted accepted -> accepted.document();
      case IntakeResult.Refused refused ->
          throw new IllegalArgumentException("intake refused the test file: " + refused.code());
    };
  }
}

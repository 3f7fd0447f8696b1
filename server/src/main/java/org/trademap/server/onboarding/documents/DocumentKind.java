package org.trademap.server.onboarding.documents;

import java.util.Set;

/** What the user says an upload is; decides which file types are accepted for it. */
public enum DocumentKind {
  /** The photo page of a passport (the page with the machine-readable zone). */
  PASSPORT_PAGE("passport-page", false),
  /** The front of an identity card. */
  ID_CARD_FRONT("id-card-front", false),
  /** The back of an identity card (the side with the machine-readable zone). */
  ID_CARD_BACK("id-card-back", false),
  /** An extract from the commercial register: a PDF as issued, or a scan or photo of one. */
  REGISTER_EXTRACT("register-extract", true);

  private final String defaultName;
  private final boolean acceptsPdf;

  DocumentKind(String defaultName, boolean acceptsPdf) {
    this.defaultName = defaultName;
    this.acceptsPdf = acceptsPdf;
  }

  /** The file types accepted for this kind. PDF is accepted for register extracts only. */
  public Set<DocumentType> acceptedTypes() {
    return acceptsPdf
        ? Set.of(DocumentType.JPEG, DocumentType.PNG, DocumentType.PDF)
        : Set.of(DocumentType.JPEG, DocumentType.PNG);
  }

  /** Whether a file of this type is accepted for this kind. */
  public boolean accepts(DocumentType type) {
    return type.isImage() || acceptsPdf;
  }

  /** The display name (without extension) used when the upload's own name has nothing left. */
  String defaultName() {
    return defaultName;
  }
}

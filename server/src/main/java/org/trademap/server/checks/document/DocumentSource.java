package org.trademap.server.checks.document;

import java.util.List;
import org.trademap.server.kyc.documents.DocumentId;
import org.trademap.server.kyc.documents.OpenResult;
import org.trademap.server.kyc.documents.StoredDocument;
import org.trademap.server.kyc.documents.StoredDocuments;
import org.trademap.server.vault.SubjectId;

/** Where the judge gets documents from: {@link StoredDocuments}, or a fake in tests. */
interface DocumentSource {
  /** The subject's documents, oldest first, without content. */
  List<StoredDocument> list(SubjectId subject);

  /** The subject's document with its decrypted content, or why it cannot be had. */
  OpenResult open(SubjectId subject, DocumentId document);

  static DocumentSource of(StoredDocuments documents) {
    return new DocumentSource() {
      @Override
      public List<StoredDocument> list(SubjectId subject) {
        return documents.list(subject);
      }

      @Override
      public OpenResult open(SubjectId subject, DocumentId document) {
        return documents.open(subject, document);
      }
    };
  }
}

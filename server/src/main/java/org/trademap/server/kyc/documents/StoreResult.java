package org.trademap.server.kyc.documents;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.onboarding.documents.IntakeResult;

/** The outcome of {@link StoredDocuments#store}: stored, or why nothing was. */
public sealed interface StoreResult {

  /**
   * The document is on file.
   *
   * @param document what was stored
   * @param replaced the document of the same kind it replaced (row and file are gone), if any
   */
  record Stored(StoredDocument document, @Nullable StoredDocument replaced)
      implements StoreResult {}

  /**
   * The subject already keeps as many documents as allowed ({@code document.quota-exceeded}).
   *
   * @param refusal the intake's refusal, with its code, sentence and arguments
   */
  record QuotaExceeded(IntakeResult.Refused refusal) implements StoreResult {}

  /**
   * Documents of this kind are not for subjects of that kind ({@code
   * document.kind-not-applicable}): a register extract for a person.
   *
   * @param kind the document kind
   * @param subjectKind the subject's kind
   */
  record NotApplicable(DocumentKind kind, AccountKind subjectKind) implements StoreResult {}

  /**
   * The subject's personal data was erased (its vault key shredded); nothing is stored for it any
   * more.
   *
   * @param erasedAt when
   */
  record Erased(Instant erasedAt) implements StoreResult {}
}

package org.trademap.server.checks.document;

import java.util.Locale;

/** The result of asking {@link DocumentJudge} to judge a subject's document. */
public sealed interface JudgmentOutcome {

  /**
   * The document was judged (whatever the proposal).
   *
   * @param judgment the judgment
   */
  record Judged(DocumentJudgment judgment) implements JudgmentOutcome {}

  /**
   * There is no document to judge; nothing was done.
   *
   * @param reason why
   */
  record NoDocument(Reason reason) implements JudgmentOutcome {}

  /** Why there is no document to judge. */
  enum Reason {
    /** The subject has no document with this id. */
    NOT_FOUND,
    /** The subject has no passport page and no identity card on file. */
    NO_IDENTITY_DOCUMENT,
    /** The document is a register extract, not an identity document. */
    NOT_AN_IDENTITY_DOCUMENT,
    /** The document's file is missing from the data directory. */
    FILE_MISSING,
    /** The document's file fails authentication. */
    FILE_DAMAGED,
    /** The subject's personal data was erased. */
    ERASED;

    /** The key of the reason's display text in {@code messages*.properties}. */
    public String messageKey() {
      return "checks.document.no-document." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}

package org.trademap.server.checks;

/**
 * What staff do in the check-specific parts (residence letters, the document image), for the audit
 * log ({@link Checks#audit}): a code, never personal data.
 */
public enum PartAction {
  DOCUMENT_IMAGE_VIEWED(AuditLog.Action.DOCUMENT_IMAGE_VIEWED),
  DOCUMENT_JUDGMENT_RERUN(AuditLog.Action.DOCUMENT_JUDGMENT_RERUN),
  RESIDENCE_LETTER_GENERATED(AuditLog.Action.RESIDENCE_LETTER_GENERATED),
  RESIDENCE_LETTER_DOWNLOADED(AuditLog.Action.RESIDENCE_LETTER_DOWNLOADED),
  RESIDENCE_LETTER_SENT(AuditLog.Action.RESIDENCE_LETTER_SENT),
  RESIDENCE_LETTER_RETURNED(AuditLog.Action.RESIDENCE_LETTER_RETURNED);

  private final AuditLog.Action action;

  PartAction(AuditLog.Action action) {
    this.action = action;
  }

  AuditLog.Action action() {
    return action;
  }
}

package org.trademap.server.kyc;

import java.util.List;
import org.trademap.server.vault.SubjectId;

/**
 * The stored KYC file cannot be read: a sealed part failed its integrity check (changed, moved or
 * not sealed for this subject), or the subject's key was destroyed (erasure). Nothing is shown or
 * changed then. The message names the subject and the parts, never their content.
 */
public final class UnreadableFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the file cannot be read. */
  public enum Reason {
    /** A part was changed or is not what the vault sealed for this subject, part and revision. */
    TAMPERED,
    /** The subject's data key was destroyed: the data is erased. */
    ERASED
  }

  private final Reason reason;

  UnreadableFileException(SubjectId subject, Reason reason, List<String> parts) {
    super("the KYC file of subject " + subject + " is unreadable (" + reason + "): " + parts);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}

package org.trademap.server.checks;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trademap.server.vault.Decrypted;
import org.trademap.server.vault.SubjectId;
import org.trademap.server.vault.Vault;

/**
 * The free text staff write: the reason of a result or a decision, the note of a send-back. It may
 * name the person, so it is sealed by the vault under the subject's data key, for the place it
 * belongs to (a task's round or a case's decision), and is gone when the subject is erased. It is
 * never logged, audited or put on the ledger.
 */
final class Reasons {
  /** The longest reason, in characters after normalisation. */
  static final int MAX_LENGTH = 2000;

  private static final Logger log = LoggerFactory.getLogger(Reasons.class);

  private final Vault vault;

  Reasons(Vault vault) {
    this.vault = vault;
  }

  /**
   * The reason as it is stored (NFC, without surrounding blanks), or why it is refused.
   *
   * @param required whether a blank reason is refused (else it becomes empty)
   */
  static Checked check(@Nullable String text, boolean required) {
    String normalised = text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFC).strip();
    if (normalised.isEmpty() && required) {
      return new Checked.Refused(Refusal.REASON_REQUIRED);
    }
    if (normalised.codePointCount(0, normalised.length()) > MAX_LENGTH) {
      return new Checked.Refused(Refusal.REASON_TOO_LONG);
    }
    return new Checked.Valid(normalised);
  }

  /** A checked reason. */
  sealed interface Checked {
    /**
     * Acceptable.
     *
     * @param text the reason as stored (possibly empty when not required)
     */
    record Valid(String text) implements Checked {}

    /**
     * Refused.
     *
     * @param why the reason
     */
    record Refused(Refusal why) implements Checked {}
  }

  /** The vault purpose of a task's reason in a round. */
  static String taskReason(UUID taskId, int round) {
    return "checks.task-reason:" + taskId + ":" + round;
  }

  /** The vault purpose of the note a supervisor sent a task back with, for the new round. */
  static String taskNote(UUID taskId, int round) {
    return "checks.task-note:" + taskId + ":" + round;
  }

  /** The vault purpose of a case's decision reason. */
  static String decisionReason(UUID caseId, int decisionRound) {
    return "checks.decision-reason:" + caseId + ":" + decisionRound;
  }

  byte[] seal(SubjectId subject, String purpose, String text) {
    return vault.encrypt(subject, purpose, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The reason; empty if the subject was erased or the stored value is damaged. */
  Optional<String> open(SubjectId subject, String purpose, byte @Nullable [] sealed) {
    if (sealed == null) {
      return Optional.empty();
    }
    return switch (vault.decrypt(subject, purpose, sealed)) {
      case Decrypted.Plaintext plain ->
          Optional.of(new String(plain.bytes(), StandardCharsets.UTF_8));
      case Decrypted.Shredded shredded -> Optional.empty();
      case Decrypted.Tampered tampered -> {
        log.error("a sealed reason of subject {} fails its integrity check ({})", subject, purpose);
        yield Optional.empty();
      }
    };
  }
}

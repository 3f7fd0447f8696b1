package org.trademap.server.onboarding.documents;

import java.util.List;

/** The outcome of {@link DocumentIntake}: a clean document, or a refusal with a stable code. */
public sealed interface IntakeResult permits IntakeResult.Accepted, IntakeResult.Refused {

  /**
   * The upload is safe to store.
   *
   * @param document the cleaned bytes and what is known about them
   */
  record Accepted(CleanDocument document) implements IntakeResult {}

  /**
   * The upload was refused; nothing of it should be kept.
   *
   * @param reason why, with the stable code and HTTP status
   * @param sentence the reason as an English sentence for people (no personal data in it)
   * @param arguments the values in the sentence, for {@code problem.<code>.detail} in other
   *     languages: numbers and format names only
   */
  record Refused(Refusal reason, String sentence, List<Object> arguments) implements IntakeResult {
    public Refused {
      arguments = List.copyOf(arguments);
    }

    /** The stable code, e.g. {@code document.too-many-pixels}. */
    public String code() {
      return reason.code();
    }
  }
}

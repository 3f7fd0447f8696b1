package org.trademap.server.kyc;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.trademap.server.accounts.AccountKind;

/**
 * Where an account stands in its onboarding: every step with its status and, where a step was
 * recorded on the ledger, the transaction. My Page and {@code GET /api/v1/me} show it.
 *
 * @param accountId the account
 * @param kind person or legal entity
 * @param status the state of the KYC file as a whole
 * @param revision the file's revision (0: nothing saved)
 * @param submission the submission with its ledger transactions, or null before it
 * @param steps the steps in order; {@link StepKind#BENEFICIAL_OWNERS} for legal entities only
 * @param missing what the submission still needs (empty once it is possible or done)
 */
public record Progress(
    UUID accountId,
    AccountKind kind,
    Status status,
    int revision,
    @Nullable Submission submission,
    List<Step> steps,
    List<Requirement> missing) {

  /** Copies the lists. */
  public Progress {
    steps = List.copyOf(steps);
    missing = List.copyOf(missing);
  }

  /**
   * Whether the data changed after the submission, so that the checks must be run again on the
   * newest revision (its commitment was sent to the ledger as an {@code update-commitment}).
   */
  public boolean recheckRequired() {
    return submission != null && revision > submission.revision();
  }

  /** The state of the KYC file as a whole. */
  public enum Status {
    /** Being filled in; not submitted. */
    DRAFT,
    /** Submitted; its registration on the ledger is pending. */
    SUBMITTED,
    /** Submitted and registered on the ledger. */
    REGISTERED,
    /** Submitted, but the ledger refused the registration (see its record). */
    REGISTRATION_REJECTED;

    /** The name in the API and in message keys, e.g. {@code registration-rejected}. */
    public String apiName() {
      return Progress.apiName(this);
    }
  }

  /** The onboarding steps, in the order they are done. */
  public enum StepKind {
    ACCOUNT,
    EMAIL,
    PERSONAL_DATA,
    BENEFICIAL_OWNERS,
    DOCUMENTS,
    CONSENTS,
    VIDEO_IDENTIFICATION,
    CHECKS,
    APPROVAL;

    /** The name in the API and in message keys, e.g. {@code personal-data}. */
    public String apiName() {
      return Progress.apiName(this);
    }
  }

  /** How far a step is. */
  public enum StepStatus {
    NOT_STARTED,
    IN_PROGRESS,
    DONE;

    /** The name in the API and in message keys, e.g. {@code in-progress}. */
    public String apiName() {
      return Progress.apiName(this);
    }
  }

  /** {@code SOME_NAME} as {@code some-name}. */
  static String apiName(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * One step.
   *
   * @param kind which step
   * @param status how far it is
   * @param ledger the ledger transaction that recorded it (for the personal data and the beneficial
   *     owners: the newest commitment of the file), or null
   */
  public record Step(StepKind kind, StepStatus status, @Nullable LedgerRecord ledger) {}
}

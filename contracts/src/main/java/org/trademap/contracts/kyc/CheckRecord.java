package org.trademap.contracts.kyc;

/**
 * One completed check in a subject's history.
 *
 * @param subjectRef the opaque subject reference
 * @param sequence the check's position in the subject's history, from 1
 * @param process the check that was done
 * @param result its result
 * @param operatorPseudonym the pseudonym of the operator who did it
 * @param completedAtMillis when the operator completed it (never after {@code recordedAtMillis})
 * @param recordedAtMillis block time of the transaction that recorded it
 */
public record CheckRecord(
    String subjectRef,
    long sequence,
    CheckProcess process,
    CheckResult result,
    String operatorPseudonym,
    long completedAtMillis,
    long recordedAtMillis) {

  /** Validates the reference, the pseudonym and the sequence. */
  public CheckRecord {
    KycRegistryRecords.requireSubjectRef(subjectRef);
    if (!Wire.isPseudonym(operatorPseudonym)) {
      throw new IllegalArgumentException(
          "an operator pseudonym is 1 to 64 characters of [A-Za-z0-9_-]");
    }
    if (sequence < 1) {
      throw new IllegalArgumentException("check sequence numbers start at 1");
    }
  }
}

package org.trademap.contracts.kyc;

/**
 * The current KYC key of a subject as the registry stores it: only a commitment to the key, which
 * reveals nothing about it; whoever is shown the key can check it against the commitment.
 *
 * @param subjectRef the opaque subject reference
 * @param keyCommitment the commitment to the key; {@link KycRegistryCalls#NO_KEY} when the last key
 *     was revoked without a successor
 * @param revision 1 for the first key, one more for each later one (each revokes the one before)
 * @param recordedAtMillis block time of the transaction that recorded it
 */
public record KeyRecord(
    String subjectRef, Commitment keyCommitment, long revision, long recordedAtMillis) {

  /** Validates the reference and the revision. */
  public KeyRecord {
    KycRegistryRecords.requireSubjectRef(subjectRef);
    if (revision < 1) {
      throw new IllegalArgumentException("key revisions start at 1");
    }
  }

  /** Whether this record revokes the subject's key without a successor. */
  public boolean revoked() {
    return keyCommitment.equals(KycRegistryCalls.NO_KEY);
  }
}

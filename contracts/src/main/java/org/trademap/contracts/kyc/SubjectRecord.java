package org.trademap.contracts.kyc;

/**
 * A registered subject as the registry stores it.
 *
 * @param subjectRef the opaque subject reference
 * @param commitment the current commitment to the subject's personal data
 * @param registeredAtMillis block time of the registration
 * @param commitmentRevision 1 at registration, one more with every commitment update
 * @param commitmentUpdatedAtMillis block time the current commitment was set
 * @param checkCount number of recorded checks, which is the sequence of the latest one
 */
public record SubjectRecord(
    String subjectRef,
    Commitment commitment,
    long registeredAtMillis,
    long commitmentRevision,
    long commitmentUpdatedAtMillis,
    long checkCount) {

  /** Validates the reference and the counters. */
  public SubjectRecord {
    KycRegistryRecords.requireSubjectRef(subjectRef);
    if (commitmentRevision < 1) {
      throw new IllegalArgumentException("the commitment revision starts at 1");
    }
    if (checkCount < 0) {
      throw new IllegalArgumentException("the check count must not be negative");
    }
  }
}

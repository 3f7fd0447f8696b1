package org.trademap.contracts.kyc;

import org.trademap.ledger.api.contract.Args;

/**
 * Builds the argument bytes of each {@link KycRegistry} method, so that clients never assemble them
 * by hand. Each builder checks its input the way the contract will and throws {@link
 * IllegalArgumentException} for input the contract would reject as malformed.
 */
public final class KycRegistryCalls {

  /** The key commitment that stands for "no valid key": 32 zero bytes. */
  public static final Commitment NO_KEY = new Commitment(new byte[Wire.COMMITMENT_SIZE]);

  private KycRegistryCalls() {}

  /**
   * Arguments of {@value KycRegistry#REGISTER}.
   *
   * @param subjectRef opaque reference, 1–64 characters of {@code [A-Za-z0-9_-]}
   * @param commitment the salted commitment to the subject's personal data
   */
  public static byte[] register(String subjectRef, Commitment commitment) {
    return Args.encode(subjectRef(subjectRef), commitment.bytes());
  }

  /**
   * Arguments of {@value KycRegistry#RECORD_CHECK}.
   *
   * @param subjectRef the registered subject
   * @param process the check that was done
   * @param result its result
   * @param operatorPseudonym the operator's pseudonym, 1–64 characters of {@code [A-Za-z0-9_-]}
   * @param completedAtMillis when the check was completed (Unix epoch milliseconds)
   */
  public static byte[] recordCheck(
      String subjectRef,
      CheckProcess process,
      CheckResult result,
      String operatorPseudonym,
      long completedAtMillis) {
    if (!Wire.isPseudonym(operatorPseudonym)) {
      throw new IllegalArgumentException(
          "an operator pseudonym is 1 to 64 characters of [A-Za-z0-9_-]");
    }
    return Args.encode(
        subjectRef(subjectRef),
        Wire.ascii(process.wireName()),
        Wire.ascii(result.wireName()),
        Wire.ascii(operatorPseudonym),
        Wire.longBytes(completedAtMillis));
  }

  /**
   * Arguments of {@value KycRegistry#UPDATE_COMMITMENT}.
   *
   * @param subjectRef the registered subject
   * @param newCommitment the commitment to the subject's changed personal data
   */
  public static byte[] updateCommitment(String subjectRef, Commitment newCommitment) {
    return Args.encode(subjectRef(subjectRef), newCommitment.bytes());
  }

  /**
   * Arguments of {@value KycRegistry#RECORD_KEY}.
   *
   * @param subjectRef the registered subject
   * @param keyCommitment the commitment to the subject's KYC key ({@link #NO_KEY} revokes without a
   *     successor)
   * @param revision 1 for the first key, one more for each later one
   */
  public static byte[] recordKey(String subjectRef, Commitment keyCommitment, long revision) {
    if (revision < 1) {
      throw new IllegalArgumentException("key revisions start at 1");
    }
    return Args.encode(subjectRef(subjectRef), keyCommitment.bytes(), Wire.longBytes(revision));
  }

  /** True if {@code value} is a well-formed subject reference or operator pseudonym. */
  public static boolean isValidPseudonym(String value) {
    return Wire.isPseudonym(value);
  }

  private static byte[] subjectRef(String subjectRef) {
    return Wire.ascii(KycRegistryRecords.requireSubjectRef(subjectRef));
  }
}

package org.trademap.contracts.kyc;

import java.util.List;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.contract.Args;

/**
 * The stored subject record as the contract reads and writes it (layout in {@link Wire}). A plain
 * class rather than a record because it runs inside the contract.
 */
final class SubjectState {
  static final int FIELDS = 6;

  final byte[] subjectRef;
  final byte[] commitment;
  final long registeredAtMillis;
  final long commitmentRevision;
  final long commitmentUpdatedAtMillis;
  final long checkCount;

  SubjectState(
      byte[] subjectRef,
      byte[] commitment,
      long registeredAtMillis,
      long commitmentRevision,
      long commitmentUpdatedAtMillis,
      long checkCount) {
    this.subjectRef = subjectRef.clone();
    this.commitment = commitment.clone();
    this.registeredAtMillis = registeredAtMillis;
    this.commitmentRevision = commitmentRevision;
    this.commitmentUpdatedAtMillis = commitmentUpdatedAtMillis;
    this.checkCount = checkCount;
  }

  SubjectState withCommitment(byte[] newCommitment, long atMillis) {
    return new SubjectState(
        subjectRef,
        newCommitment,
        registeredAtMillis,
        commitmentRevision + 1,
        atMillis,
        checkCount);
  }

  SubjectState withCheckCount(long newCheckCount) {
    return new SubjectState(
        subjectRef,
        commitment,
        registeredAtMillis,
        commitmentRevision,
        commitmentUpdatedAtMillis,
        newCheckCount);
  }

  byte[] encode() {
    return Args.encode(
        subjectRef,
        commitment,
        Wire.longBytes(registeredAtMillis),
        Wire.longBytes(commitmentRevision),
        Wire.longBytes(commitmentUpdatedAtMillis),
        Wire.longBytes(checkCount));
  }

  /**
   * Reads a stored subject record.
   *
   * @throws EncodingException if the bytes are not a subject record
   */
  static SubjectState decode(byte[] value) {
    List<byte[]> f = Args.decode(value, FIELDS);
    if (!Wire.isPseudonym(f.get(0))) {
      throw new EncodingException("the stored subject reference is not valid");
    }
    if (f.get(1).length != Wire.COMMITMENT_SIZE) {
      throw new EncodingException("the stored commitment is not 32 bytes");
    }
    for (int i = 2; i < FIELDS; i++) {
      if (f.get(i).length != Wire.LONG_SIZE) {
        throw new EncodingException("a stored number is not 8 bytes");
      }
    }
    return new SubjectState(
        f.get(0),
        f.get(1),
        Wire.readLong(f.get(2)),
        Wire.readLong(f.get(3)),
        Wire.readLong(f.get(4)),
        Wire.readLong(f.get(5)));
  }
}

package org.trademap.contracts.kyc;

import java.util.List;
import java.util.function.Supplier;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.contract.Args;

/**
 * Reads what the KYC registry stores and returns, for clients such as the server's pages: the keys
 * of its key space, the stored subject and check records, and the value of an accepted call.
 *
 * <p>Key layout: {@code "subject/" + subjectRef} holds the {@link SubjectRecord}; {@code "check/" +
 * subjectRef + "/" + sequence} (sequence as 8 bytes big-endian, from 1) holds each {@link
 * CheckRecord}, so {@link #checkKeyPrefix} lists a subject's history in order. The subject record
 * keeps the per-subject check counter.
 */
public final class KycRegistryRecords {

  private KycRegistryRecords() {}

  /** The key of a subject's record. */
  public static byte[] subjectKey(String subjectRef) {
    return Wire.subjectKey(Wire.ascii(requireSubjectRef(subjectRef)));
  }

  /** The key of the check with sequence {@code sequence} (from 1) in a subject's history. */
  public static byte[] checkKey(String subjectRef, long sequence) {
    if (sequence < 1) {
      throw new IllegalArgumentException("check sequence numbers start at 1");
    }
    return Wire.checkKey(Wire.ascii(requireSubjectRef(subjectRef)), sequence);
  }

  /** The prefix shared by the keys of all of a subject's checks, and by no other key. */
  public static byte[] checkKeyPrefix(String subjectRef) {
    return Wire.checkKeyPrefix(Wire.ascii(requireSubjectRef(subjectRef)));
  }

  /** The key of a subject's current KYC key record. */
  public static byte[] keyKey(String subjectRef) {
    return Wire.keyKey(Wire.ascii(requireSubjectRef(subjectRef)));
  }

  /**
   * Decodes a stored KYC key record, which is also the data of a {@value KycRegistry#KEY_RECORDED}
   * event.
   *
   * @throws EncodingException if the bytes are not one
   */
  public static KeyRecord decodeKey(byte[] value) {
    List<byte[]> f = Args.decode(value, Wire.KEY_RECORD_FIELDS);
    return build(
        () ->
            new KeyRecord(
                text(f.get(0)), new Commitment(f.get(1)), number(f.get(2)), number(f.get(3))));
  }

  /**
   * Decodes a stored subject record.
   *
   * @throws EncodingException if the bytes are not one
   */
  public static SubjectRecord decodeSubject(byte[] value) {
    SubjectState s = SubjectState.decode(value);
    return build(
        () ->
            new SubjectRecord(
                Wire.ascii(s.subjectRef),
                new Commitment(s.commitment),
                s.registeredAtMillis,
                s.commitmentRevision,
                s.commitmentUpdatedAtMillis,
                s.checkCount));
  }

  /**
   * Decodes a stored check record, which is also the data of a {@value KycRegistry#CHECK_RECORDED}
   * event.
   *
   * @throws EncodingException if the bytes are not one
   */
  public static CheckRecord decodeCheck(byte[] value) {
    List<byte[]> f = Args.decode(value, 7);
    String process = text(f.get(2));
    String result = text(f.get(3));
    return build(
        () ->
            new CheckRecord(
                text(f.get(0)),
                number(f.get(1)),
                CheckProcess.ofWireName(process)
                    .orElseThrow(() -> new EncodingException("unknown check process " + process)),
                CheckResult.ofWireName(result)
                    .orElseThrow(() -> new EncodingException("unknown check result " + result)),
                text(f.get(4)),
                number(f.get(5)),
                number(f.get(6))));
  }

  /**
   * Reads an 8-byte big-endian number: the value of every accepted registry call (commitment
   * revision or check sequence) and the number fields of records and events.
   *
   * @throws EncodingException unless there are exactly 8 bytes
   */
  public static long number(byte[] value) {
    if (value.length != Wire.LONG_SIZE) {
      throw new EncodingException("a number has 8 bytes, not " + value.length);
    }
    return Wire.readLong(value);
  }

  static String text(byte[] value) {
    return Wire.ascii(value);
  }

  static String requireSubjectRef(String subjectRef) {
    if (!Wire.isPseudonym(subjectRef)) {
      throw new IllegalArgumentException(
          "a subject reference is 1 to 64 characters of [A-Za-z0-9_-]");
    }
    return subjectRef;
  }

  /** Builds a value from decoded fields, reporting invalid ones as an encoding problem. */
  static <T> T build(Supplier<T> value) {
    try {
      return value.get();
    } catch (IllegalArgumentException e) {
      throw new EncodingException(String.valueOf(e.getMessage()));
    }
  }
}

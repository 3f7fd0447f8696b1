package org.trademap.contracts.kyc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.contract.Args;

/**
 * The byte-level vocabulary of the KYC registry, shared by the contract and its client helpers so
 * that both always agree.
 *
 * <p>This class runs inside the contract, so it keeps to the determinism rules: plain loops over
 * arrays, no string concatenation, no hashing collections, no records or enums (their generated
 * methods use bootstraps and reflection the node's bytecode check does not need to see).
 *
 * <h2>Key layout of the contract's key space</h2>
 *
 * <ul>
 *   <li>{@code "subject/" + subjectRef} (ASCII) → the subject record: {@link
 *       org.trademap.ledger.api.contract.Args} fields {@code subjectRef, commitment (32 bytes),
 *       registeredAtMillis (8), commitmentRevision (8), commitmentUpdatedAtMillis (8), checkCount
 *       (8)}. {@code checkCount} is the per-subject counter: the sequence of the latest check.
 *   <li>{@code "check/" + subjectRef + "/" + sequence} (sequence as 8 bytes big-endian, starting at
 *       1) → the check record: fields {@code subjectRef, sequence (8), process, result,
 *       operatorPseudonym, completedAtMillis (8), recordedAtMillis (8)}. A subject reference cannot
 *       contain {@code /}, so {@code "check/" + subjectRef + "/"} is a prefix that holds exactly
 *       that subject's history, in order.
 *   <li>{@code "key/" + subjectRef} → the subject's current KYC key record: fields {@code
 *       subjectRef, keyCommitment (32 bytes), revision (8), recordedAtMillis (8)}; absent until the
 *       first key.
 * </ul>
 *
 * All numbers are 8-byte big-endian; all names are ASCII.
 */
final class Wire {
  static final int COMMITMENT_SIZE = 32;
  static final int LONG_SIZE = 8;
  static final int MAX_PSEUDONYM_LENGTH = 64;

  static final String PROCESS_ID_DOCUMENT = "id-document";
  static final String PROCESS_SANCTIONS_SCREENING = "sanctions-screening";
  static final String PROCESS_RESIDENCE_CONFIRMATION = "residence-confirmation";
  static final String PROCESS_VIDEO_IDENTIFICATION = "video-identification";
  static final String PROCESS_BENEFICIAL_OWNERS = "beneficial-owners";
  static final String PROCESS_APPROVAL = "approval";

  static final String RESULT_PASSED = "passed";
  static final String RESULT_FAILED = "failed";
  static final String RESULT_NEEDS_INFORMATION = "needs-information";

  private static final String[] PROCESSES = {
    PROCESS_ID_DOCUMENT,
    PROCESS_SANCTIONS_SCREENING,
    PROCESS_RESIDENCE_CONFIRMATION,
    PROCESS_VIDEO_IDENTIFICATION,
    PROCESS_BENEFICIAL_OWNERS,
    PROCESS_APPROVAL,
  };

  private static final String[] RESULTS = {
    RESULT_PASSED, RESULT_FAILED, RESULT_NEEDS_INFORMATION,
  };

  private static final byte[] SUBJECT_PREFIX = ascii("subject/");
  private static final byte[] CHECK_PREFIX = ascii("check/");
  private static final byte[] KEY_PREFIX = ascii("key/");
  static final int KEY_RECORD_FIELDS = 4;
  private static final byte SEPARATOR = '/';

  private Wire() {}

  static byte[] ascii(String value) {
    return value.getBytes(StandardCharsets.US_ASCII);
  }

  static String ascii(byte[] value) {
    return new String(value, StandardCharsets.US_ASCII);
  }

  /** True for 1–64 bytes of {@code [A-Za-z0-9_-]}: subject references and operator pseudonyms. */
  static boolean isPseudonym(byte[] value) {
    if (value.length == 0 || value.length > MAX_PSEUDONYM_LENGTH) {
      return false;
    }
    for (byte b : value) {
      if (!isPseudonymByte(b)) {
        return false;
      }
    }
    return true;
  }

  static boolean isPseudonym(String value) {
    if (value.isEmpty() || value.length() > MAX_PSEUDONYM_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0x7F || !isPseudonymByte((byte) c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPseudonymByte(byte b) {
    return (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '_'
        || b == '-';
  }

  /** The known process whose ASCII spelling is {@code value}, or null. */
  static @Nullable String process(byte[] value) {
    return oneOf(value, PROCESSES);
  }

  /** The known result whose ASCII spelling is {@code value}, or null. */
  static @Nullable String result(byte[] value) {
    return oneOf(value, RESULTS);
  }

  private static @Nullable String oneOf(byte[] value, String[] names) {
    for (String name : names) {
      if (Arrays.equals(value, ascii(name))) {
        return name;
      }
    }
    return null;
  }

  static byte[] longBytes(long value) {
    byte[] out = new byte[LONG_SIZE];
    for (int i = 0; i < LONG_SIZE; i++) {
      out[i] = (byte) (value >>> (56 - 8 * i));
    }
    return out;
  }

  /** Reads 8 big-endian bytes; the caller has checked the length. */
  static long readLong(byte[] value) {
    long v = 0;
    for (int i = 0; i < LONG_SIZE; i++) {
      v = (v << 8) | (value[i] & 0xFF);
    }
    return v;
  }

  static byte[] subjectKey(byte[] subjectRef) {
    return concat(SUBJECT_PREFIX, subjectRef, new byte[0]);
  }

  static byte[] keyKey(byte[] subjectRef) {
    return concat(KEY_PREFIX, subjectRef, new byte[0]);
  }

  /**
   * The revision of a stored key record.
   *
   * @throws EncodingException if the bytes are not a key record
   */
  static long storedKeyRevision(byte[] record) {
    byte[] revision = Args.decode(record, KEY_RECORD_FIELDS).get(2);
    if (revision.length != LONG_SIZE) {
      throw new EncodingException("a stored key revision is not 8 bytes");
    }
    return readLong(revision);
  }

  static byte[] checkKeyPrefix(byte[] subjectRef) {
    return concat(CHECK_PREFIX, subjectRef, new byte[] {SEPARATOR});
  }

  static byte[] checkKey(byte[] subjectRef, long sequence) {
    return concat(checkKeyPrefix(subjectRef), longBytes(sequence), new byte[0]);
  }

  private static byte[] concat(byte[] a, byte[] b, byte[] c) {
    byte[] out = Arrays.copyOf(a, a.length + b.length + c.length);
    for (int i = 0; i < b.length; i++) {
      out[a.length + i] = b[i];
    }
    for (int i = 0; i < c.length; i++) {
      out[a.length + b.length + i] = c[i];
    }
    return out;
  }
}

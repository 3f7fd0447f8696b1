package org.trademap.contracts.sharing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.contract.Args;

/**
 * The byte-level vocabulary of the sharing contract, shared by the contract and its client helpers.
 * It runs inside the contract, so it keeps to the determinism rules: plain loops over arrays, no
 * records, enums or string concatenation.
 *
 * <p>Key layout: {@code "application/" + applicationRef} (ASCII) holds the application record,
 * {@link Args} fields {@code applicationRef, subjectRef, recipientCommitment (32), purpose,
 * consentVersion, status, packageHash (32, zeros until shared), appliedAtMillis (8),
 * updatedAtMillis (8), transitions (8), refusedShares (8)}. All numbers are 8-byte big-endian.
 */
final class SharingWire {
  static final int HASH_SIZE = 32;
  static final int LONG_SIZE = 8;
  static final int MAX_REF_LENGTH = 64;
  static final int MAX_VERSION_LENGTH = 16;
  static final int FIELDS = 11;

  static final String STATUS_APPLIED = "applied";
  static final String STATUS_SHARED = "shared";
  static final String STATUS_APPROVED = "approved";
  static final String STATUS_REJECTED = "rejected";
  static final String STATUS_WITHDRAWN = "withdrawn";

  static final String PURPOSE_ACCOUNT_OPENING = "account-opening";

  static final String OK = "ok";
  static final String REFUSED = "refused";

  private static final String[] PURPOSES = {PURPOSE_ACCOUNT_OPENING};
  private static final String[] DECISIONS = {STATUS_APPROVED, STATUS_REJECTED};
  private static final byte[] APPLICATION_PREFIX = ascii("application/");

  private SharingWire() {}

  static byte[] ascii(String value) {
    return value.getBytes(StandardCharsets.US_ASCII);
  }

  static String ascii(byte[] value) {
    return new String(value, StandardCharsets.US_ASCII);
  }

  /** True for 1–{@code max} bytes of {@code [A-Za-z0-9._-]}. */
  static boolean isToken(byte[] value, int max) {
    if (value.length == 0 || value.length > max) {
      return false;
    }
    for (byte b : value) {
      boolean ok =
          (b >= 'A' && b <= 'Z')
              || (b >= 'a' && b <= 'z')
              || (b >= '0' && b <= '9')
              || b == '_'
              || b == '-'
              || b == '.';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static boolean isRef(byte[] value) {
    return isToken(value, MAX_REF_LENGTH) && !contains(value, (byte) '.');
  }

  static boolean isPurpose(byte[] value) {
    return oneOf(value, PURPOSES);
  }

  static boolean isDecision(byte[] value) {
    return oneOf(value, DECISIONS);
  }

  private static boolean contains(byte[] value, byte b) {
    for (byte v : value) {
      if (v == b) {
        return true;
      }
    }
    return false;
  }

  private static boolean oneOf(byte[] value, String[] names) {
    for (String name : names) {
      if (Arrays.equals(value, ascii(name))) {
        return true;
      }
    }
    return false;
  }

  static byte[] applicationKey(byte[] applicationRef) {
    byte[] out =
        Arrays.copyOf(APPLICATION_PREFIX, APPLICATION_PREFIX.length + applicationRef.length);
    for (int i = 0; i < applicationRef.length; i++) {
      out[APPLICATION_PREFIX.length + i] = applicationRef[i];
    }
    return out;
  }

  static byte[] longBytes(long value) {
    byte[] out = new byte[LONG_SIZE];
    for (int i = 0; i < LONG_SIZE; i++) {
      out[i] = (byte) (value >>> (56 - 8 * i));
    }
    return out;
  }

  static long readLong(byte[] value) {
    if (value.length != LONG_SIZE) {
      throw new EncodingException("a number has 8 bytes");
    }
    long v = 0;
    for (int i = 0; i < LONG_SIZE; i++) {
      v = (v << 8) | (value[i] & 0xFF);
    }
    return v;
  }

  /**
   * Decodes a stored application record, checking its shape.
   *
   * @throws EncodingException if the bytes are not one
   */
  static List<byte[]> decodeApplication(byte[] value) {
    List<byte[]> f = Args.decode(value, FIELDS);
    if (f.get(2).length != HASH_SIZE || f.get(6).length != HASH_SIZE) {
      throw new EncodingException("a stored commitment or hash is not 32 bytes");
    }
    for (int i = 7; i < FIELDS; i++) {
      if (f.get(i).length != LONG_SIZE) {
        throw new EncodingException("a stored number is not 8 bytes");
      }
    }
    return f;
  }
}

package org.trademap.contracts.sharing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.trademap.ledger.api.contract.Args;

/**
 * Builds the argument bytes of each {@link SharingRegistry} method, and the recipient commitment.
 * Each builder checks its input the way the contract will and throws {@link
 * IllegalArgumentException} for input the contract would reject as malformed.
 */
public final class SharingCalls {
  /** The purpose of an account-opening application. */
  public static final String ACCOUNT_OPENING = SharingWire.PURPOSE_ACCOUNT_OPENING;

  private static final byte[] RECIPIENT_DOMAIN = ascii("trademap.sharing.recipient.v1");

  private SharingCalls() {}

  /**
   * The recipient commitment {@code SHA-256("trademap.sharing.recipient.v1" ‖ 0 ‖ salt ‖
   * companyId)}: names the company on the ledger without revealing it to anyone who lacks the salt.
   *
   * @param salt 32 random bytes kept off the ledger with the application
   * @param companyId the company's id (UTF-8)
   */
  public static byte[] recipientCommitment(byte[] salt, String companyId) {
    if (salt.length != SharingWire.HASH_SIZE) {
      throw new IllegalArgumentException("a recipient salt has 32 bytes");
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(RECIPIENT_DOMAIN);
      sha.update((byte) 0);
      sha.update(salt);
      sha.update(companyId.getBytes(StandardCharsets.UTF_8));
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /** Arguments of {@value SharingRegistry#APPLY}. */
  public static byte[] apply(
      String applicationRef,
      String subjectRef,
      byte[] recipientCommitment,
      String purpose,
      String consentVersion) {
    byte[] version = ascii(consentVersion);
    if (!SharingWire.isToken(version, SharingWire.MAX_VERSION_LENGTH)) {
      throw new IllegalArgumentException("a consent version is 1 to 16 characters");
    }
    return Args.encode(
        ref(applicationRef), ref(subjectRef), hash(recipientCommitment), ascii(purpose), version);
  }

  /** Arguments of {@value SharingRegistry#SHARE}. */
  public static byte[] share(
      String applicationRef, byte[] recipientCommitment, byte[] packageHash) {
    return Args.encode(ref(applicationRef), hash(recipientCommitment), hash(packageHash));
  }

  /**
   * Arguments of {@value SharingRegistry#DECIDE}.
   *
   * @param approved true for {@code approved}, false for {@code rejected}
   */
  public static byte[] decide(String applicationRef, boolean approved) {
    return Args.encode(
        ref(applicationRef),
        ascii(approved ? SharingWire.STATUS_APPROVED : SharingWire.STATUS_REJECTED));
  }

  /** Arguments of {@value SharingRegistry#WITHDRAW}. */
  public static byte[] withdraw(String applicationRef) {
    return Args.encode(ref(applicationRef));
  }

  /** True for a well-formed application or subject reference. */
  public static boolean isValidRef(String ref) {
    return SharingWire.isRef(ascii(ref));
  }

  private static byte[] ref(String value) {
    byte[] bytes = ascii(value);
    if (!SharingWire.isRef(bytes)) {
      throw new IllegalArgumentException("a reference is 1 to 64 characters of [A-Za-z0-9_-]");
    }
    return bytes;
  }

  private static byte[] hash(byte[] value) {
    if (value.length != SharingWire.HASH_SIZE) {
      throw new IllegalArgumentException("a commitment or hash has 32 bytes");
    }
    return value.clone();
  }

  private static byte[] ascii(String value) {
    return value.getBytes(StandardCharsets.US_ASCII);
  }
}

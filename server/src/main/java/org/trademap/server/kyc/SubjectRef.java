package org.trademap.server.kyc;

import java.security.SecureRandom;
import java.util.Base64;
import org.trademap.contracts.kyc.KycRegistryCalls;

/**
 * The opaque pseudonymous reference the ledger knows a subject by. It is random: nothing about the
 * account, its address or the vault's subject id can be learnt from it.
 *
 * @param value 22 base64url characters for new references (128 random bits); any well-formed
 *     KycRegistry reference when read back
 */
public record SubjectRef(String value) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public SubjectRef {
    if (!KycRegistryCalls.isValidPseudonym(value)) {
      throw new IllegalArgumentException(
          "a subject reference is 1 to 64 characters of [A-Za-z0-9_-]");
    }
  }

  /** A new random reference. */
  public static SubjectRef random() {
    byte[] bits = new byte[16];
    RANDOM.nextBytes(bits);
    return new SubjectRef(Base64.getUrlEncoder().withoutPadding().encodeToString(bits));
  }

  @Override
  public String toString() {
    return value;
  }
}

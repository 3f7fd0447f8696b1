package org.trademap.server.identity;

/**
 * An enrolled authenticator's shared secret with the parameters it was enrolled with. The caller
 * stores all three (the secret encrypted, like all personal data) together with the last accepted
 * time step.
 *
 * @param base32 the secret in base32 without padding; at least 128 bits
 * @param algorithm the HMAC
 * @param digits the code length, 6 to 8
 */
public record TotpSecret(String base32, TotpAlgorithm algorithm, int digits) {
  static final int MIN_KEY_BYTES = 16;

  public TotpSecret {
    if (Base32.decode(base32).length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("a TOTP secret has at least 128 bits");
    }
    if (digits < 6 || digits > 8) {
      throw new IllegalArgumentException("TOTP codes have 6 to 8 digits");
    }
  }

  byte[] key() {
    return Base32.decode(base32);
  }

  @Override
  public String toString() {
    return "TotpSecret[base32=(hidden), algorithm=" + algorithm + ", digits=" + digits + "]";
  }
}

package org.trademap.server.identity;

/** The HMAC of a TOTP authenticator (RFC 6238 §1.2). */
public enum TotpAlgorithm {
  /** HMAC-SHA1, the default every authenticator app supports. */
  SHA1("HmacSHA1", 20),
  /** HMAC-SHA256, which some authenticator apps support. */
  SHA256("HmacSHA256", 32);

  private final String jcaName;
  private final int keyBytes;

  TotpAlgorithm(String jcaName, int keyBytes) {
    this.jcaName = jcaName;
    this.keyBytes = keyBytes;
  }

  String jcaName() {
    return jcaName;
  }

  /** The secret length generated for new authenticators: the HMAC's output length. */
  int keyBytes() {
    return keyBytes;
  }
}

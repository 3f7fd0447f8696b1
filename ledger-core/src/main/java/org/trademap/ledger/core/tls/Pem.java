package org.trademap.ledger.core.tls;

import java.util.Base64;

/** PEM armour (RFC 7468) for one DER object: certificates and PKCS #8 private keys. */
final class Pem {
  static final String CERTIFICATE = "CERTIFICATE";
  static final String PRIVATE_KEY = "PRIVATE KEY";

  private Pem() {}

  static String encode(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  /**
   * The DER inside the one {@code label} block of a PEM text.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  static byte[] decode(String label, String text) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("no PEM block '" + label + "'");
    }
    if (text.indexOf(begin, from + begin.length()) >= 0) {
      throw new IllegalArgumentException("more than one PEM block '" + label + "'");
    }
    String body = text.substring(from + begin.length(), to).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the PEM block '" + label + "' is not base64", e);
    }
  }
}

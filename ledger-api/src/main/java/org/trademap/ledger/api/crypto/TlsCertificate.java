package org.trademap.ledger.api.crypto;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A node's X.509 TLS certificate in DER, as listed in the genesis document. Peers accept exactly
 * the certificates the genesis document lists (pinning), so equality is byte equality of the DER.
 */
public final class TlsCertificate {
  /** The largest certificate accepted: a self-signed node certificate has well under 1 KiB. */
  public static final int MAX_SIZE = 8192;

  private final byte[] der;
  private final X509Certificate x509;

  private TlsCertificate(byte[] der, X509Certificate x509) {
    this.der = der;
    this.x509 = x509;
  }

  /**
   * Parses a DER certificate.
   *
   * @throws IllegalArgumentException if the bytes are not exactly one X.509 certificate
   */
  public static TlsCertificate ofDer(byte[] der) {
    if (der.length == 0 || der.length > MAX_SIZE) {
      throw new IllegalArgumentException(
          "a TLS certificate has 1 to " + MAX_SIZE + " bytes, not " + der.length);
    }
    byte[] copy = der.clone();
    X509Certificate cert;
    try {
      cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(copy));
      if (!Arrays.equals(cert.getEncoded(), copy)) {
        throw new IllegalArgumentException("the TLS certificate is not in canonical DER");
      }
    } catch (CertificateException | ClassCastException e) {
      throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
    }
    return new TlsCertificate(copy, cert);
  }

  /** Parses the base64 of a DER certificate (as in {@code genesis.json}). */
  public static TlsCertificate ofBase64(String base64) {
    return ofDer(Base64.getDecoder().decode(base64));
  }

  /** The DER bytes. */
  public byte[] der() {
    return der.clone();
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(der);
  }

  /** The certificate as the JDK sees it (a copy, so callers cannot change this one). */
  public X509Certificate x509() {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalStateException("a parsed certificate no longer parses", e);
    }
  }

  /** SHA-256 of the DER: the certificate's fingerprint in logs and status pages. */
  public Hash fingerprint() {
    return Hash.sha256(der);
  }

  /** The subject's distinguished name, for messages. */
  public String subject() {
    return x509.getSubjectX500Principal().getName();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TlsCertificate c && Arrays.equals(der, c.der);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(der);
  }

  @Override
  public String toString() {
    return "TlsCertificate[" + subject() + ", sha256 " + fingerprint().hex() + "]";
  }
}

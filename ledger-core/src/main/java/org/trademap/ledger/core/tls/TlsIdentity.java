package org.trademap.ledger.core.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.trademap.ledger.api.crypto.TlsCertificate;

/**
 * A node's TLS identity: a P-256 private key and the self-signed certificate the genesis document
 * lists for the organisation. Kept apart from the Ed25519 signing key: one key, one purpose.
 */
public final class TlsIdentity {
  /** How long a generated certificate is valid. */
  public static final Duration VALIDITY = Duration.ofDays(10 * 365);

  /** The organisation name in every generated certificate's subject. */
  public static final String ORGANISATION = "TradeMap consortium";

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final PrivateKey privateKey;
  private final TlsCertificate certificate;

  private TlsIdentity(PrivateKey privateKey, TlsCertificate certificate) {
    this.privateKey = privateKey;
    this.certificate = certificate;
  }

  /**
   * Generates a key and a self-signed certificate for an organisation's node.
   *
   * @param orgId the organisation id, the certificate's common name
   * @param hosts host names and IP literals the node is reached at (subject alternative names)
   * @param now start of the validity (less an hour, for clocks a little behind)
   */
  public static TlsIdentity generate(
      String orgId, List<String> hosts, Instant now, SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      java.security.KeyPair kp = g.generateKeyPair();
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.O, ORGANISATION)
              .addRDN(BCStyle.CN, orgId)
              .build();
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(127, random).setBit(126),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(VALIDITY)),
              subject,
              kp.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      if (!hosts.isEmpty()) {
        b.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hosts));
      }
      byte[] der =
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()))
              .getEncoded();
      return new TlsIdentity(kp.getPrivate(), TlsCertificate.ofDer(der));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot generate a TLS certificate", e);
    }
  }

  private static GeneralNames alternativeNames(List<String> hosts) throws CertIOException {
    List<GeneralName> names = new ArrayList<>();
    for (String host : hosts) {
      names.add(
          new GeneralName(isIpLiteral(host) ? GeneralName.iPAddress : GeneralName.dNSName, host));
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  /**
   * Reads a certificate and its private key (PEM files) and checks that they belong together.
   *
   * @throws IllegalArgumentException naming the file that is missing, unreadable or does not match
   */
  public static TlsIdentity read(Path certificateFile, Path privateKeyFile) {
    TlsCertificate cert = readCertificate(certificateFile);
    PrivateKey key;
    try {
      byte[] der = Pem.decode(Pem.PRIVATE_KEY, Files.readString(privateKeyFile));
      key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read TLS private key " + privateKeyFile, e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "TLS private key "
              + privateKeyFile
              + " is not a PEM PKCS #8 P-256 key: "
              + e.getMessage(),
          e);
    }
    if (!matches(key, cert)) {
      throw new IllegalArgumentException(
          "TLS private key " + privateKeyFile + " does not belong to " + certificateFile);
    }
    return new TlsIdentity(key, cert);
  }

  /** Reads a PEM certificate file. */
  public static TlsCertificate readCertificate(Path file) {
    try {
      return TlsCertificate.ofDer(Pem.decode(Pem.CERTIFICATE, Files.readString(file)));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read TLS certificate " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "TLS certificate " + file + " is not a PEM X.509 certificate: " + e.getMessage(), e);
    }
  }

  private static boolean matches(PrivateKey key, TlsCertificate cert) {
    try {
      byte[] challenge = "trademap tls key check".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(key);
      s.update(challenge);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance("SHA256withECDSA");
      v.initVerify(cert.x509().getPublicKey());
      v.update(challenge);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * Writes the certificate (world-readable) and the private key (owner only); refuses to overwrite
   * either.
   */
  public void write(Path certificateFile, Path privateKeyFile) {
    writeNew(privateKeyFile, Pem.encode(Pem.PRIVATE_KEY, privateKey.getEncoded()), true);
    writeNew(certificateFile, Pem.encode(Pem.CERTIFICATE, certificate.der()), false);
  }

  private static void writeNew(Path file, String text, boolean secret) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
      if (secret) {
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system: the platform's default permissions apply.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  public TlsCertificate certificate() {
    return certificate;
  }

  /** Whether a host string is an IP literal rather than a name. */
  static boolean isIpLiteral(String host) {
    return IPV4.matcher(host).matches() || host.contains(":");
  }

  @Override
  public String toString() {
    return "TlsIdentity[" + certificate + "]";
  }
}

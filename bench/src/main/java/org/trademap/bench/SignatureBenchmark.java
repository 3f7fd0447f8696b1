package org.trademap.bench;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.trademap.ledger.api.crypto.Ed25519;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.crypto.Signature;
import org.trademap.ledger.api.tx.SignedTransaction;

/**
 * Ed25519 verification of one {@code kyc-registry.register} transaction body: BouncyCastle through
 * the ledger API ({@link Ed25519#verify}), the JDK's own provider ({@code
 * java.security.Signature.getInstance("Ed25519")}) on the same key, message and signature, and
 * {@link SignedTransaction#verifySignature()} as the node calls it (body encoding included).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignatureBenchmark {
  /** DER prefix of an X.509 SubjectPublicKeyInfo for an Ed25519 key (RFC 8410). */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private final SignedTransaction tx;
  private final PublicKey key;
  private final byte[] message;
  private final Signature signature;
  private final byte[] signatureBytes;
  private final java.security.PublicKey jdkKey;
  private final java.security.Signature jdkVerifier;

  /** Signs one registration and imports its key into the JDK provider. */
  public SignatureBenchmark() {
    this.tx = Fixtures.registrations(1).getFirst();
    this.key = tx.body().signer();
    this.message = tx.body().encode();
    this.signature = tx.signature();
    this.signatureBytes = signature.bytes();
    try {
      byte[] der = new byte[X509_PREFIX.length + PublicKey.SIZE];
      System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
      System.arraycopy(key.bytes(), 0, der, X509_PREFIX.length, PublicKey.SIZE);
      this.jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
      this.jdkVerifier = java.security.Signature.getInstance("Ed25519");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no usable Ed25519 provider", e);
    }
  }

  /** Checks that every variant accepts the signature, so no failure path is measured. */
  @Setup
  public void checkFixtures() throws GeneralSecurityException {
    if (!bouncyCastle() || !jdk() || !signedTransaction()) {
      throw new IllegalStateException("the fixture signature does not verify");
    }
  }

  /** BouncyCastle (strict RFC 8032 checks, cached public point), as the ledger verifies. */
  @Benchmark
  public boolean bouncyCastle() {
    return Ed25519.verify(key, message, signature);
  }

  /** The JDK's SunEC provider on the same key, message and signature. */
  @Benchmark
  public boolean jdk() throws GeneralSecurityException {
    jdkVerifier.initVerify(jdkKey);
    jdkVerifier.update(message);
    return jdkVerifier.verify(signatureBytes);
  }

  /** What the node does per transaction: encode the body, then verify with BouncyCastle. */
  @Benchmark
  public boolean signedTransaction() {
    return tx.verifySignature();
  }
}

package org.trademap.server.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes passwords with Argon2id (BouncyCastle) into self-describing PHC strings and verifies them
 * in constant time.
 *
 * <p>Passwords are normalised to NFC before hashing, so the same password typed on two keyboards
 * (composed or decomposed accents) verifies. Each hash has its own random 16-byte salt and a
 * 32-byte output.
 *
 * <p>A login for an unknown account calls {@link #verifyDummy(String)}, which costs as much as a
 * real verification, so response times do not tell whether an account exists.
 */
public final class PasswordHasher {
  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;

  private final IdentityProperties.Hashing settings;
  private final SecureRandom random;
  private final PhcHash dummy;

  /** A hasher that makes new hashes with the given cost. */
  public PasswordHasher(IdentityProperties.Hashing settings) {
    this.settings = settings;
    this.random = new SecureRandom();
    byte[] unguessable = new byte[32];
    random.nextBytes(unguessable);
    this.dummy = hash(unguessable, newSalt(), settings);
  }

  /** A new PHC string for the password, with a fresh salt and the configured cost. */
  public String hash(String password) {
    return hash(password, newSalt()).format();
  }

  PhcHash hash(String password, byte[] salt) {
    byte[] bytes = utf8(password);
    try {
      return hash(bytes, salt, settings);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Whether the password matches the stored PHC string, compared in constant time.
   *
   * @throws IllegalArgumentException if {@code stored} is not an Argon2id PHC string (a corrupt
   *     record, not a wrong password)
   */
  public boolean verify(String password, String stored) {
    return verify(password, PhcHash.parse(stored));
  }

  /**
   * Does the work of a verification against a hash no password matches, and returns nothing: for
   * logins to accounts that do not exist.
   */
  public void verifyDummy(String password) {
    verify(password, dummy);
  }

  String dummyHash() {
    return dummy.format();
  }

  /**
   * Whether the stored hash was made with other parameters than the configured ones; after a
   * successful login the caller then stores {@link #hash(String)} of the same password.
   */
  public boolean needsRehash(String stored) {
    PhcHash phc = PhcHash.parse(stored);
    return phc.memoryKib() != settings.memoryKib()
        || phc.iterations() != settings.iterations()
        || phc.parallelism() != settings.parallelism()
        || phc.salt().length < SALT_BYTES
        || phc.hash().length != HASH_BYTES;
  }

  private boolean verify(String password, PhcHash stored) {
    byte[] bytes = utf8(password);
    byte[] expected = stored.hash();
    byte[] actual = new byte[expected.length];
    try {
      generator(stored.memoryKib(), stored.iterations(), stored.parallelism(), stored.salt())
          .generateBytes(bytes, actual);
      return MessageDigest.isEqual(expected, actual);
    } finally {
      Arrays.fill(bytes, (byte) 0);
      Arrays.fill(actual, (byte) 0);
    }
  }

  private static PhcHash hash(byte[] password, byte[] salt, IdentityProperties.Hashing settings) {
    byte[] out = new byte[HASH_BYTES];
    generator(settings.memoryKib(), settings.iterations(), settings.parallelism(), salt)
        .generateBytes(password, out);
    return new PhcHash(
        settings.memoryKib(), settings.iterations(), settings.parallelism(), salt, out);
  }

  private static Argon2BytesGenerator generator(
      int memoryKib, int iterations, int parallelism, byte[] salt) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build());
    return generator;
  }

  private byte[] newSalt() {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return salt;
  }

  private static byte[] utf8(String password) {
    return Unicode.nfc(password).getBytes(StandardCharsets.UTF_8);
  }
}

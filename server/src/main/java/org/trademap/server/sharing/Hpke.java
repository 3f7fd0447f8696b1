package org.trademap.server.sharing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;

/**
 * Sealing a KYC package to one company: HPKE (RFC 9180) in base mode with DHKEM(X25519,
 * HKDF-SHA256), HKDF-SHA256 and AES-256-GCM, from BouncyCastle. The sealed form is the 32-byte
 * encapsulated key followed by the ciphertext; the associated data binds it to one application.
 */
final class Hpke {
  /** The size of a public key, a private key and an encapsulated key. */
  static final int KEY_SIZE = 32;

  private static final byte[] INFO = "trademap.kyc-package.v1".getBytes(StandardCharsets.US_ASCII);

  /**
   * A key pair's encodings.
   *
   * @param publicKey 32 bytes
   * @param privateKey 32 bytes
   */
  record Keys(byte[] publicKey, byte[] privateKey) {
    Keys {
      publicKey = publicKey.clone();
      privateKey = privateKey.clone();
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public byte[] privateKey() {
      return privateKey.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Keys k && Arrays.equals(publicKey, k.publicKey);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
      return "Keys[private key hidden]";
    }
  }

  private Hpke() {}

  private static HPKE suite() {
    return new HPKE(
        HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
  }

  /** A new X25519 key pair. */
  static Keys generate() {
    HPKE hpke = suite();
    AsymmetricCipherKeyPair pair = hpke.generatePrivateKey();
    return new Keys(
        hpke.serializePublicKey(pair.getPublic()), hpke.serializePrivateKey(pair.getPrivate()));
  }

  /**
   * Seals {@code plaintext} to the holder of the private key of {@code publicKey}.
   *
   * @param aad what the sealed value is bound to (the application reference)
   * @return the encapsulated key followed by the ciphertext
   */
  static byte[] seal(byte[] publicKey, byte[] aad, byte[] plaintext) {
    HPKE hpke = suite();
    try {
      byte[][] out =
          hpke.seal(hpke.deserializePublicKey(publicKey), INFO, aad, plaintext, null, null, null);
      byte[] ciphertext = out[0];
      byte[] enc = out[1];
      byte[] sealed = Arrays.copyOf(enc, enc.length + ciphertext.length);
      System.arraycopy(ciphertext, 0, sealed, enc.length, ciphertext.length);
      return sealed;
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("HPKE sealing failed", e);
    }
  }

  /**
   * Opens a value sealed by {@link #seal}.
   *
   * @return the plaintext, or empty if the value was changed, sealed to another key or bound to
   *     other associated data
   */
  static Optional<byte[]> open(Keys keys, byte[] aad, byte[] sealed) {
    if (sealed.length <= KEY_SIZE) {
      return Optional.empty();
    }
    HPKE hpke = suite();
    try {
      AsymmetricCipherKeyPair pair =
          hpke.deserializePrivateKey(keys.privateKey(), keys.publicKey());
      byte[] enc = Arrays.copyOf(sealed, KEY_SIZE);
      byte[] ciphertext = Arrays.copyOfRange(sealed, KEY_SIZE, sealed.length);
      return Optional.of(hpke.open(enc, pair, INFO, aad, ciphertext, null, null, null));
    } catch (InvalidCipherTextException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}

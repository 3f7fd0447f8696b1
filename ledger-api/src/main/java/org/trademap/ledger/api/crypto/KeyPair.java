package org.trademap.ledger.api.crypto;

import java.security.SecureRandom;

/**
 * An Ed25519 signing key with its public key. The private part never leaves this object except
 * through {@link #privateKeyBytes()}, which key files use.
 */
public final class KeyPair {
  private final byte[] privateKey;
  private final PublicKey publicKey;

  private KeyPair(byte[] privateKey) {
    this.privateKey = privateKey.clone();
    this.publicKey = Ed25519.publicKey(this.privateKey);
  }

  public static KeyPair fromPrivateKey(byte[] privateKey) {
    return new KeyPair(privateKey);
  }

  public static KeyPair generate(SecureRandom random) {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return new KeyPair(seed);
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public Signature sign(byte[] message) {
    return Ed25519.sign(privateKey, message);
  }

  public byte[] privateKeyBytes() {
    return privateKey.clone();
  }

  @Override
  public String toString() {
    return "KeyPair[" + publicKey.shortId() + "]";
  }
}

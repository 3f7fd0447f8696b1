package org.trademap.ledger.api.crypto;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Strict RFC 8032 Ed25519 (pure, no context) on BouncyCastle's implementation.
 *
 * <p>Verification refuses: signatures whose S is not below the group order L (non-canonical S,
 * which would make signatures malleable), public keys that are not the canonical encoding of a
 * curve point, and public keys of small order (for which many messages verify).
 */
public final class Ed25519 {
  private static final int CACHE_LIMIT = 4096;
  private static final ConcurrentHashMap<
          PublicKey, org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint>
      POINTS = new ConcurrentHashMap<>();

  static {
    org.bouncycastle.math.ec.rfc8032.Ed25519.precompute();
  }

  private Ed25519() {}

  /** The public key for a 32-byte private key (seed). */
  public static PublicKey publicKey(byte[] privateKey) {
    checkPrivate(privateKey);
    byte[] pk = new byte[PublicKey.SIZE];
    org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(privateKey, 0, pk, 0);
    return new PublicKey(pk);
  }

  public static Signature sign(byte[] privateKey, byte[] message) {
    checkPrivate(privateKey);
    byte[] sig = new byte[Signature.SIZE];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
        privateKey, 0, message, 0, message.length, sig, 0);
    return new Signature(sig);
  }

  /** True only if the key is a valid prime-order point and the signature is canonical and valid. */
  public static boolean verify(PublicKey key, byte[] message, Signature signature) {
    var point = point(key);
    if (point == null) {
      return false;
    }
    byte[] sig = signature.bytes();
    return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
        sig, 0, point, message, 0, message.length);
  }

  /** Whether the key decodes to a canonical point of prime order (not small order). */
  public static boolean isValidPublicKey(PublicKey key) {
    return point(key) != null;
  }

  private static org.bouncycastle.math.ec.rfc8032.Ed25519.@org.jspecify.annotations.Nullable
      PublicPoint
      point(PublicKey key) {
    var cached = POINTS.get(key);
    if (cached != null) {
      return cached;
    }
    var point =
        org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFullExport(key.bytes(), 0);
    if (point != null) {
      if (POINTS.size() >= CACHE_LIMIT) {
        POINTS.clear();
      }
      POINTS.put(key, point);
    }
    return point;
  }

  private static void checkPrivate(byte[] privateKey) {
    if (privateKey.length != 32) {
      throw new IllegalArgumentException("an Ed25519 private key has 32 bytes");
    }
  }
}

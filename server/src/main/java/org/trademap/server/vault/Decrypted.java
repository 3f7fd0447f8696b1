package org.trademap.server.vault;

import java.time.Instant;

/** What {@link Vault#decrypt} found: the plaintext, or why there is none. */
public sealed interface Decrypted {

  /**
   * The ciphertext was sealed by this vault for this subject and purpose and is intact.
   *
   * @param bytes the plaintext; the caller owns this copy
   */
  record Plaintext(byte[] bytes) implements Decrypted {}

  /**
   * The subject's data key was destroyed (crypto-shredding), so nothing sealed for it can be read
   * any more.
   *
   * @param shreddedAt when the key was destroyed
   */
  record Shredded(Instant shreddedAt) implements Decrypted {}

  /**
   * The ciphertext was not sealed by this vault for this subject and purpose, or was changed since:
   * a flipped or missing byte, a ciphertext moved to another subject or field, or a subject the
   * vault holds no key for. The content is never returned.
   */
  record Tampered() implements Decrypted {}
}

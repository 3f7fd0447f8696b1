package org.trademap.server.vault;

/**
 * The vault's keys are missing, unreadable or not the ones that wrapped the stored data keys. The
 * server refuses to start; the message says what to fix and never contains key material.
 */
public final class VaultKeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  VaultKeyException(String message) {
    super(message);
  }

  VaultKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}

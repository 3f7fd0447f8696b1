package org.trademap.server.vault;

import java.util.UUID;

/**
 * The server's internal id of a person or legal entity whose personal data the vault protects.
 *
 * <p>It is a stable customer identifier, so it must never reach the ledger (the ledger gets an
 * opaque pseudonymous reference instead).
 *
 * @param value a random UUID
 */
public record SubjectId(UUID value) {

  /** A new random id. */
  public static SubjectId random() {
    return new SubjectId(UUID.randomUUID());
  }

  /**
   * Reads an id written by {@link #toString()}.
   *
   * @throws IllegalArgumentException if {@code text} is not a UUID
   */
  public static SubjectId parse(String text) {
    return new SubjectId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}

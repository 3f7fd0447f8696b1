package org.trademap.server.kyc.documents;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The random id of a stored document, as the API and the pages show it. It is not the name of the
 * file the document is stored in.
 *
 * @param value a random UUID
 */
public record DocumentId(UUID value) {
  private static final Pattern CANONICAL =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** A new random id. */
  public static DocumentId random() {
    return new DocumentId(UUID.randomUUID());
  }

  /**
   * Reads an id in the canonical lowercase form {@link #toString()} writes; anything else (other
   * case, missing dashes, extra characters) is empty, so a malformed id behaves like an unknown
   * one.
   */
  public static Optional<DocumentId> parse(@Nullable String text) {
    if (text == null || !CANONICAL.matcher(text).matches()) {
      return Optional.empty();
    }
    return Optional.of(new DocumentId(UUID.fromString(text)));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}

package org.trademap.server.sharing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A position in one of the relay's lists (ADR 0035): the creation time and id of the last entry
 * handed out, entries ordered by both. Opaque to the company's server: base64url of {@code
 * instant|uuid}.
 *
 * @param at the last entry's creation time
 * @param id the last entry's id
 */
record RelayCursor(Instant at, UUID id) {
  private static final int MAX_LENGTH = 200;

  /** The cursor as the relay hands it out. */
  String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a cursor: empty for none (the list from its start).
   *
   * @throws IllegalArgumentException if it is not a cursor of this relay
   */
  static Optional<RelayCursor> parse(@Nullable String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (text.isEmpty() || text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("not a cursor");
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int bar = decoded.indexOf('|');
      if (bar < 0) {
        throw new IllegalArgumentException("not a cursor");
      }
      UUID id = UUID.fromString(decoded.substring(bar + 1));
      if (!id.toString().equals(decoded.substring(bar + 1))) {
        throw new IllegalArgumentException("not a cursor");
      }
      return Optional.of(new RelayCursor(Instant.parse(decoded.substring(0, bar)), id));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a cursor", e);
    }
  }
}

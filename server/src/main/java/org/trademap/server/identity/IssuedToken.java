package org.trademap.server.identity;

/**
 * A freshly issued one-time token: the raw token goes into the emailed link and nowhere else; the
 * {@link #stored()} part goes into the database.
 *
 * @param rawToken 256 random bits in URL-safe base64 without padding (43 characters); never stored,
 *     never logged
 * @param stored what to store
 */
public record IssuedToken(String rawToken, StoredToken stored) {
  @Override
  public String toString() {
    return "IssuedToken[rawToken=(hidden), stored=" + stored + "]";
  }
}

package org.trademap.server.identity;

import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * What the database keeps of a one-time token. Looked up by {@link #hash()}, which the caller
 * computes from a presented token with {@link TokenService#hashOf(TokenPurpose, String)}.
 *
 * @param purpose what the token was issued for
 * @param hash SHA-256 of the purpose and the raw token, 64 lowercase hex digits
 * @param issuedAt when it was issued
 * @param expiresAt the first instant at which it is no longer valid
 * @param usedAt when it was used, or {@code null} while unused
 */
public record StoredToken(
    TokenPurpose purpose,
    String hash,
    Instant issuedAt,
    Instant expiresAt,
    @Nullable Instant usedAt) {
  public StoredToken {
    if (hash.length() != 64 || !hash.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException("a token hash is 64 hex digits");
    }
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("a token must expire after it was issued");
    }
  }

  /** The same token, marked as used at the given instant. */
  public StoredToken usedAt(Instant when) {
    return new StoredToken(purpose, hash, issuedAt, expiresAt, when);
  }
}

package org.trademap.server.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Issues and checks typed one-time tokens for emailed links (email verification, password reset,
 * …).
 *
 * <p>A token is 256 random bits in URL-safe base64. Only {@code SHA-256("trademap-token:" + purpose
 * + ":" + token)} is stored, so a database leak yields no usable link, and a token issued for one
 * purpose hashes differently under every other purpose. Lifetimes come from {@code
 * trademap.identity.tokens.*}; time from the injected clock.
 */
public final class TokenService {
  static final int TOKEN_BYTES = 32;
  private static final Pattern RAW_TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final IdentityProperties.Tokens settings;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** A service with the given lifetimes and clock. */
  public TokenService(IdentityProperties.Tokens settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** A new token for the purpose, valid from now for the purpose's lifetime. */
  public IssuedToken issue(TokenPurpose purpose) {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    String raw = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    return new IssuedToken(
        raw,
        new StoredToken(purpose, hash(purpose, raw), now, now.plus(settings.ttl(purpose)), null));
  }

  /**
   * The hash to look a presented token up by, for the purpose the caller expects. A malformed token
   * still gets a hash (which matches nothing), so the lookup needs no special case.
   */
  public String hashOf(TokenPurpose purpose, String rawToken) {
    return hash(purpose, rawToken);
  }

  /**
   * Checks a presented token against what was stored under its hash.
   *
   * @param stored the record found by {@link #hashOf(TokenPurpose, String)}, or {@code null} if
   *     none was found
   * @param rawToken the token from the link
   * @param expected the purpose of the page or endpoint it was presented to
   */
  public TokenCheck check(@Nullable StoredToken stored, String rawToken, TokenPurpose expected) {
    if (stored == null || !RAW_TOKEN.matcher(rawToken).matches()) {
      return new TokenCheck.Unknown();
    }
    if (!matches(stored, stored.purpose(), rawToken)) {
      return new TokenCheck.Unknown();
    }
    if (stored.purpose() != expected) {
      return new TokenCheck.WrongPurpose();
    }
    if (stored.usedAt() != null) {
      return new TokenCheck.Used();
    }
    if (!clock.instant().isBefore(stored.expiresAt())) {
      return new TokenCheck.Expired();
    }
    return new TokenCheck.Valid();
  }

  private static boolean matches(StoredToken stored, TokenPurpose purpose, String rawToken) {
    return MessageDigest.isEqual(
        HexFormat.of().parseHex(stored.hash()), HexFormat.of().parseHex(hash(purpose, rawToken)));
  }

  private static String hash(TokenPurpose purpose, String rawToken) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(("trademap-token:" + purpose.name() + ":").getBytes(StandardCharsets.US_ASCII));
      sha256.update(rawToken.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}

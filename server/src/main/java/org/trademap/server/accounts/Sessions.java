package org.trademap.server.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Opens, finds and ends sessions, for browsers and bearer-token clients alike.
 *
 * <p>A session is an opaque 256-bit random token (43 characters of URL-safe base64). The database
 * keeps only {@code SHA-256("trademap-session:" + token)} with the account, the channel and the
 * expiry; every request looks its session up there, so ending a session (logout, password reset,
 * {@code DELETE /api/v1/sessions/current}) takes effect at once on every server that shares the
 * database. Tokens are never logged.
 */
@Service
final class Sessions {
  private static final Logger log = LoggerFactory.getLogger(Sessions.class);
  private static final Pattern RAW_TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final int TOKEN_BYTES = 32;
  private static final Duration PURGE_EVERY = Duration.ofHours(1);
  private static final Duration KEEP_ENDED = Duration.ofDays(1);

  /**
   * A session just opened.
   *
   * @param token the raw token: handed to the client (bearer) or kept in the HTTP session
   *     (browser); never stored in the database, never logged
   * @param expiresAt the first instant it is no longer valid
   */
  record Opened(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "Opened[token=(hidden), expiresAt=" + expiresAt + "]";
    }
  }

  private final SessionRepository repository;
  private final SessionProperties properties;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.MIN);

  Sessions(DataSource dataSource, SessionProperties properties, ObjectProvider<Clock> clock) {
    this.repository = new SessionRepository(dataSource);
    this.properties = properties;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /** Opens a session for the account on the channel, valid for the channel's lifetime. */
  Opened open(UUID accountId, SessionRepository.Channel channel) {
    Instant now = clock.instant();
    purgeNowAndThen(now);
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Duration lifetime =
        switch (channel) {
          case BROWSER -> properties.browserLifetime();
          case BEARER -> properties.bearerLifetime();
        };
    Instant expiresAt = now.plus(lifetime);
    repository.insert(new SessionRepository.Row(hash(token), accountId, channel, now, expiresAt));
    log.info("account {} signed in ({})", accountId, channel);
    return new Opened(token, expiresAt);
  }

  /**
   * The live session of a presented token: not ended, not expired, and its account active. Empty
   * for anything else, including malformed tokens.
   */
  Optional<SessionRepository.Live> find(@Nullable String token) {
    if (token == null || !RAW_TOKEN.matcher(token).matches()) {
      return Optional.empty();
    }
    return repository.findLive(hash(token), clock.instant());
  }

  /** Ends the session with this token hash (logout); nothing happens if it already ended. */
  void end(String tokenHash) {
    repository.end(tokenHash, clock.instant());
  }

  /** Ends every session of the account, browser and bearer (after a password reset). */
  void endAll(UUID accountId) {
    int ended = repository.endAll(accountId, clock.instant());
    log.info("ended {} session(s) of account {}", ended, accountId);
  }

  /** The stored form of a token. */
  static String hash(String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update("trademap-session:".getBytes(StandardCharsets.US_ASCII));
      sha256.update(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Deletes long-dead rows, at most once an hour, so the table does not grow without bound. */
  private void purgeNowAndThen(Instant now) {
    Instant last = lastPurge.get();
    if (now.isBefore(last.plus(PURGE_EVERY)) || !lastPurge.compareAndSet(last, now)) {
      return;
    }
    int purged = repository.purge(now.minus(KEEP_ENDED));
    if (purged > 0) {
      log.info("purged {} ended or expired session(s)", purged);
    }
  }
}

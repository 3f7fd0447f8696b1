package org.trademap.server.identity;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code trademap.identity.*} properties. Every default is safe for production; the checks in
 * the constructors refuse settings weaker than the floors documented here.
 *
 * @param password rules for new passwords
 * @param hashing the Argon2id cost of password hashes
 * @param tokens how long emailed one-time links stay valid
 * @param totp the second factor
 * @param throttle back-off and lockout of failed logins
 */
@ConfigurationProperties("trademap.identity")
public record IdentityProperties(
    @DefaultValue Password password,
    @DefaultValue Hashing hashing,
    @DefaultValue Tokens tokens,
    @DefaultValue Totp totp,
    @DefaultValue Throttle throttle) {

  /** Every property at its default. */
  public static IdentityProperties defaults() {
    return new IdentityProperties(
        Password.defaults(),
        Hashing.defaults(),
        Tokens.defaults(),
        Totp.defaults(),
        Throttle.defaults());
  }

  /**
   * Rules for new passwords ({@code trademap.identity.password.*}), after OWASP ASVS 5.0 V6.2.
   * Lengths count Unicode code points after NFC normalisation.
   *
   * @param minLength the shortest acceptable password; default 12, never below 8
   * @param maxLength the longest acceptable password; default 128, never below 128 (ASVS asks for
   *     at least 64) and never above 1024
   * @param contextWords words of this service that no password may contain (besides the user's own
   *     name and email address); default {@code trademap}
   */
  public record Password(
      @DefaultValue("12") int minLength,
      @DefaultValue("128") int maxLength,
      @DefaultValue("trademap") List<String> contextWords) {
    static final int FLOOR = 8;

    public Password {
      if (minLength < FLOOR) {
        throw new IllegalArgumentException(
            "trademap.identity.password.min-length must be at least " + FLOOR);
      }
      if (maxLength < 128 || maxLength > 1024) {
        throw new IllegalArgumentException(
            "trademap.identity.password.max-length must be 128 to 1024");
      }
      if (minLength > maxLength) {
        throw new IllegalArgumentException(
            "trademap.identity.password.min-length must not exceed max-length");
      }
      contextWords = List.copyOf(contextWords);
    }

    static Password defaults() {
      return new Password(12, 128, List.of("trademap"));
    }
  }

  /**
   * The Argon2id cost of new password hashes ({@code trademap.identity.hashing.*}). The default is
   * OWASP's m = 19 MiB, t = 2, p = 1. Anything at least as strong as OWASP's weakest recommended
   * configuration (m = 7 MiB, t = 5) is accepted: memory at least 7168 KiB and memory × iterations
   * at least 35840. Stored hashes with other parameters still verify and report {@code
   * needsRehash}.
   *
   * @param memoryKib memory per hash in KiB; default 19456
   * @param iterations passes over the memory; default 2
   * @param parallelism lanes; default 1, at most 16
   */
  public record Hashing(
      @DefaultValue("19456") int memoryKib,
      @DefaultValue("2") int iterations,
      @DefaultValue("1") int parallelism) {
    static final int MIN_MEMORY_KIB = 7168;
    static final long MIN_MEMORY_TIMES_ITERATIONS = 35_840;
    static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;

    public Hashing {
      if (parallelism < 1 || parallelism > 16) {
        throw new IllegalArgumentException("trademap.identity.hashing.parallelism must be 1 to 16");
      }
      if (iterations < 1 || iterations > 100) {
        throw new IllegalArgumentException("trademap.identity.hashing.iterations must be 1 to 100");
      }
      if (memoryKib < MIN_MEMORY_KIB
          || memoryKib > MAX_MEMORY_KIB
          || (long) memoryKib * iterations < MIN_MEMORY_TIMES_ITERATIONS) {
        throw new IllegalArgumentException(
            "trademap.identity.hashing: memory-kib must be 7168 to 4194304 and memory-kib ×"
                + " iterations at least 35840 (OWASP's weakest Argon2id configuration)");
      }
    }

    static Hashing defaults() {
      return new Hashing(19_456, 2, 1);
    }
  }

  /**
   * How long each kind of emailed one-time link stays valid ({@code trademap.identity.tokens.*});
   * each between one minute and 30 days.
   *
   * @param emailVerification confirming the address at sign-up; default 24 hours
   * @param passwordReset resetting a forgotten password; default 30 minutes
   * @param emailChange confirming a new address; default 1 hour
   * @param invitation accepting an invitation to a staff account; default 7 days
   */
  public record Tokens(
      @DefaultValue("24h") Duration emailVerification,
      @DefaultValue("30m") Duration passwordReset,
      @DefaultValue("1h") Duration emailChange,
      @DefaultValue("7d") Duration invitation) {
    public Tokens {
      for (Duration ttl : List.of(emailVerification, passwordReset, emailChange, invitation)) {
        if (ttl.compareTo(Duration.ofMinutes(1)) < 0 || ttl.compareTo(Duration.ofDays(30)) > 0) {
          throw new IllegalArgumentException(
              "trademap.identity.tokens.*: each lifetime must be 1 minute to 30 days");
        }
      }
    }

    static Tokens defaults() {
      return new Tokens(
          Duration.ofHours(24), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofDays(7));
    }

    /** How long a token for this purpose stays valid. */
    public Duration ttl(TokenPurpose purpose) {
      return switch (purpose) {
        case EMAIL_VERIFICATION -> emailVerification;
        case PASSWORD_RESET -> passwordReset;
        case EMAIL_CHANGE -> emailChange;
        case INVITATION -> invitation;
      };
    }
  }

  /**
   * The second factor for newly enrolled authenticators ({@code trademap.identity.totp.*}). Already
   * enrolled secrets keep the algorithm and digits they were created with.
   *
   * @param issuer the name authenticator apps show; default {@code TradeMap}; no colon
   * @param algorithm the HMAC; default {@code SHA1}, which every authenticator app supports
   * @param digits the code length, 6 to 8; default 6
   */
  public record Totp(
      @DefaultValue("TradeMap") String issuer,
      @DefaultValue("SHA1") TotpAlgorithm algorithm,
      @DefaultValue("6") int digits) {
    public Totp {
      if (issuer.isBlank() || issuer.contains(":")) {
        throw new IllegalArgumentException(
            "trademap.identity.totp.issuer must be non-blank and contain no colon");
      }
      if (digits < 6 || digits > 8) {
        throw new IllegalArgumentException("trademap.identity.totp.digits must be 6 to 8");
      }
    }

    static Totp defaults() {
      return new Totp("TradeMap", TotpAlgorithm.SHA1, 6);
    }
  }

  /**
   * Back-off and lockout of failed logins ({@code trademap.identity.throttle.*}). Failures are
   * counted three ways: per account and source address together, per account over all sources, and
   * per source address over all accounts. See {@link LoginThrottle}.
   *
   * @param freeFailures failures of one account from one source before delays start; default 3
   * @param baseDelay the first delay; it doubles with each further failure; default 1 second
   * @param maxDelay the longest delay; default 1 minute
   * @param pairLockAfter failures of one account from one source that lock that source out of that
   *     account; default 10
   * @param pairLockDuration how long that lock lasts; default 15 minutes
   * @param accountLockAfter failures of one account from all sources within one {@code
   *     accountWindow} that lock the account for sources where it has not recently logged in;
   *     default 100 (ASVS: at most 100 failed attempts per hour)
   * @param accountWindow the window of {@code accountLockAfter}; the lock ends with the window;
   *     default 1 hour
   * @param sourceLockAfter failures from one source over all accounts within one {@code
   *     sourceWindow} that lock that source out of every account; default 100
   * @param sourceWindow the window of {@code sourceLockAfter}; the lock ends with the window;
   *     default 1 hour
   * @param forgetAfter failures of one account from one source are forgotten this long after the
   *     last one; default 24 hours
   * @param trustedFor how long a source where the account completed a login stays exempt from the
   *     account-wide lock; default 30 days
   * @param maxEntries how many accounts, sources and account–source pairs each are remembered; the
   *     least recently seen are forgotten first; default 100000
   */
  public record Throttle(
      @DefaultValue("3") int freeFailures,
      @DefaultValue("1s") Duration baseDelay,
      @DefaultValue("1m") Duration maxDelay,
      @DefaultValue("10") int pairLockAfter,
      @DefaultValue("15m") Duration pairLockDuration,
      @DefaultValue("100") int accountLockAfter,
      @DefaultValue("1h") Duration accountWindow,
      @DefaultValue("100") int sourceLockAfter,
      @DefaultValue("1h") Duration sourceWindow,
      @DefaultValue("24h") Duration forgetAfter,
      @DefaultValue("30d") Duration trustedFor,
      @DefaultValue("100000") int maxEntries) {
    public Throttle {
      if (freeFailures < 0 || pairLockAfter <= freeFailures) {
        throw new IllegalArgumentException(
            "trademap.identity.throttle: free-failures must be at least 0 and below"
                + " pair-lock-after");
      }
      if (accountLockAfter <= pairLockAfter) {
        throw new IllegalArgumentException(
            "trademap.identity.throttle.account-lock-after must exceed pair-lock-after, so that"
                + " one source cannot lock an account for everyone");
      }
      if (sourceLockAfter < pairLockAfter) {
        throw new IllegalArgumentException(
            "trademap.identity.throttle.source-lock-after must be at least pair-lock-after");
      }
      for (Duration d :
          List.of(
              baseDelay,
              maxDelay,
              pairLockDuration,
              accountWindow,
              sourceWindow,
              forgetAfter,
              trustedFor)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("trademap.identity.throttle: durations must be > 0");
        }
      }
      if (maxDelay.compareTo(baseDelay) < 0) {
        throw new IllegalArgumentException(
            "trademap.identity.throttle.max-delay must be at least base-delay");
      }
      if (maxEntries < 1) {
        throw new IllegalArgumentException(
            "trademap.identity.throttle.max-entries must be positive");
      }
    }

    static Throttle defaults() {
      return new Throttle(
          3,
          Duration.ofSeconds(1),
          Duration.ofMinutes(1),
          10,
          Duration.ofMinutes(15),
          100,
          Duration.ofHours(1),
          100,
          Duration.ofHours(1),
          Duration.ofHours(24),
          Duration.ofDays(30),
          100_000);
    }
  }
}

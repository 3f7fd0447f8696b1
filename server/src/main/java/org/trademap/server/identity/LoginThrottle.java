package org.trademap.server.identity;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Slows down and locks out password guessing without letting an attacker lock out the account's
 * owner. Failures are counted three ways:
 *
 * <ol>
 *   <li><b>Account and source address together.</b> After {@code free-failures} failures each
 *       further attempt waits twice as long as the one before ({@code base-delay} doubling up to
 *       {@code max-delay}); after {@code pair-lock-after} failures that source is locked out of
 *       that account for {@code pair-lock-duration}. Only the guessing source is affected.
 *   <li><b>Account over all sources.</b> After {@code account-lock-after} failures (far more than
 *       one source can make before its own lock) within one {@code account-window}, the account is
 *       locked until the window ends, which caps guessing at that many attempts per window (ASVS:
 *       100 an hour). The lock expires by itself and does not apply to sources where the account
 *       completed a login within {@code trusted-for}, so the owner keeps access from where they
 *       usually sign in.
 *   <li><b>Source over all accounts.</b> After {@code source-lock-after} failures within one {@code
 *       source-window}, the source is locked out of every account until the window ends (password
 *       spraying, credential stuffing).
 * </ol>
 *
 * <p>IPv6 sources count per /64 network, since one host commonly holds a whole /64. Account names
 * are compared after NFC and case folding. Unknown accounts are counted exactly like known ones, so
 * the throttle does not reveal which exist.
 *
 * <p>Everything is in memory and bounded: at most {@code max-entries} pairs, accounts and sources
 * each, the least recently seen forgotten first. A restart forgets all counts.
 *
 * <p>Use: {@link #check} before verifying anything; on a wrong password or one-time code {@link
 * #recordFailure}; when every factor the account needs has been verified {@link
 * #recordCompletedLogin}. Thread-safe.
 */
public final class LoginThrottle {
  private final IdentityProperties.Throttle settings;
  private final Clock clock;
  private final Map<PairKey, Pair> pairs;
  private final Map<String, Window> accounts;
  private final Map<String, Window> sources;

  /** A throttle with the given settings and clock. */
  public LoginThrottle(IdentityProperties.Throttle settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.pairs = bounded(settings.maxEntries());
    this.accounts = bounded(settings.maxEntries());
    this.sources = bounded(settings.maxEntries());
  }

  /** Whether a login attempt for the account from the source may check its credentials now. */
  public synchronized ThrottleDecision check(String account, InetAddress source) {
    Instant now = clock.instant();
    PairKey key = new PairKey(accountKey(account), sourceKey(source));
    Pair pair = livePair(key, now);
    Instant lockedUntil = null;
    if (pair != null && pair.lockedUntil != null && now.isBefore(pair.lockedUntil)) {
      lockedUntil = pair.lockedUntil;
    }
    Window sourceWindow = sources.get(key.source());
    if (sourceWindow != null && sourceWindow.locked(now)) {
      lockedUntil = later(lockedUntil, sourceWindow.end());
    }
    Window accountWindow = accounts.get(key.account());
    boolean trusted = pair != null && pair.trustedUntil != null && now.isBefore(pair.trustedUntil);
    if (!trusted && accountWindow != null && accountWindow.locked(now)) {
      lockedUntil = later(lockedUntil, accountWindow.end());
    }
    if (lockedUntil != null) {
      return new ThrottleDecision.Locked(lockedUntil);
    }
    if (pair != null && pair.lastFailure != null) {
      Instant next = pair.lastFailure.plus(delayAfter(pair.failures));
      if (now.isBefore(next)) {
        return new ThrottleDecision.Delayed(Duration.between(now, next));
      }
    }
    return new ThrottleDecision.Allowed();
  }

  /** Records a wrong password or one-time code (also for accounts that do not exist). */
  public synchronized void recordFailure(String account, InetAddress source) {
    Instant now = clock.instant();
    PairKey key = new PairKey(accountKey(account), sourceKey(source));
    Pair pair = livePair(key, now);
    if (pair == null) {
      pair = new Pair();
      pairs.put(key, pair);
    }
    pair.failures++;
    pair.lastFailure = now;
    if (pair.failures >= settings.pairLockAfter()) {
      pair.lockedUntil = now.plus(settings.pairLockDuration());
    }
    count(accounts, key.account(), now, settings.accountWindow(), settings.accountLockAfter());
    count(sources, key.source(), now, settings.sourceWindow(), settings.sourceLockAfter());
  }

  /**
   * Records a login in which every factor the account requires was verified: the account's failure
   * counts are cleared and the source is trusted for the account (exempt from the account-wide
   * lock) for {@code trusted-for}. Never call it after the password alone when a second factor
   * follows, or the second factor could be guessed without limit.
   */
  public synchronized void recordCompletedLogin(String account, InetAddress source) {
    Instant now = clock.instant();
    PairKey key = new PairKey(accountKey(account), sourceKey(source));
    Pair pair = new Pair();
    pair.trustedUntil = now.plus(settings.trustedFor());
    pairs.put(key, pair);
    accounts.remove(key.account());
  }

  /**
   * Clears the account-wide count after the owner proved control of the email address (a completed
   * password reset): whatever was guessed, the password is new.
   */
  public synchronized void recordPasswordReset(String account) {
    accounts.remove(accountKey(account));
  }

  private @Nullable Pair livePair(PairKey key, Instant now) {
    Pair pair = pairs.get(key);
    if (pair == null) {
      return null;
    }
    boolean failuresStale =
        pair.lastFailure == null || !now.isBefore(pair.lastFailure.plus(settings.forgetAfter()));
    boolean lockOver = pair.lockedUntil == null || !now.isBefore(pair.lockedUntil);
    if (failuresStale && lockOver && pair.failures > 0) {
      pair.failures = 0;
      pair.lastFailure = null;
      pair.lockedUntil = null;
    }
    if (pair.failures == 0 && (pair.trustedUntil == null || !now.isBefore(pair.trustedUntil))) {
      pairs.remove(key);
      return null;
    }
    return pair;
  }

  private static void count(
      Map<String, Window> windows, String key, Instant now, Duration length, int lockAfter) {
    Window window = windows.get(key);
    if (window == null || !now.isBefore(window.end())) {
      window = new Window(now.plus(length), lockAfter);
      windows.put(key, window);
    }
    window.failures++;
  }

  /** The wait after the given number of failures: none up to the free ones, then doubling. */
  Duration delayAfter(int failures) {
    int excess = failures - settings.freeFailures();
    if (excess <= 0) {
      return Duration.ZERO;
    }
    Duration delay = settings.baseDelay();
    for (int i = 1; i < excess && delay.compareTo(settings.maxDelay()) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
  }

  static String accountKey(String account) {
    return Unicode.folded(account.strip());
  }

  /** IPv4 addresses as they are; IPv6 addresses by their /64 network. */
  static String sourceKey(InetAddress source) {
    byte[] address = source.getAddress();
    if (source instanceof Inet4Address) {
      return source.getHostAddress();
    }
    return HexFormat.of().formatHex(address, 0, 8) + "::/64";
  }

  private static @Nullable Instant later(@Nullable Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  private static <K, V> Map<K, V> bounded(int maxEntries) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maxEntries;
      }
    };
  }

  int trackedEntries() {
    return pairs.size() + accounts.size() + sources.size();
  }

  private record PairKey(String account, String source) {}

  /** Failures of one account from one source. */
  private static final class Pair {
    int failures;
    @Nullable Instant lastFailure;
    @Nullable Instant lockedUntil;
    @Nullable Instant trustedUntil;
  }

  /** Failures in a fixed window; the lock, once reached, ends with the window. */
  private static final class Window {
    private final Instant end;
    private final int lockAfter;
    int failures;

    Window(Instant end, int lockAfter) {
      this.end = end;
      this.lockAfter = lockAfter;
    }

    Instant end() {
      return end;
    }

    boolean locked(Instant now) {
      return failures >= lockAfter && now.isBefore(end);
    }
  }
}

package org.trademap.server.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A sliding-window limit on sends: at most {@code perRecipient} per recipient key and {@code
 * global} in all within any {@code window}. Memory stays bounded by {@code global}: every admitted
 * send is remembered once, in order, and forgotten when it leaves the window.
 */
final class SendRateLimiter {
  private record Stamp(Instant at, String recipient) {}

  private final Clock clock;
  private final Duration window;
  private final int perRecipient;
  private final int global;
  private final Deque<Stamp> all = new ArrayDeque<>();
  private final Map<String, Deque<Instant>> byRecipient = new HashMap<>();

  SendRateLimiter(Clock clock, MailProperties.RateLimit limit) {
    this.clock = clock;
    this.window = limit.window();
    this.perRecipient = limit.perRecipient();
    this.global = limit.global();
  }

  /**
   * Admits one send to the recipient and counts it, or answers how long until the next send to that
   * recipient could be admitted.
   */
  synchronized Optional<Duration> tryAcquire(String recipient) {
    Instant now = clock.instant();
    forgetUpTo(now.minus(window));
    Deque<Instant> mine = byRecipient.get(recipient);
    @Nullable Instant oldestBlocking = null;
    if (mine != null && mine.size() >= perRecipient) {
      oldestBlocking = mine.getFirst();
    } else if (all.size() >= global) {
      oldestBlocking = all.getFirst().at();
    }
    if (oldestBlocking != null) {
      return Optional.of(Duration.between(now, oldestBlocking.plus(window)));
    }
    all.addLast(new Stamp(now, recipient));
    byRecipient.computeIfAbsent(recipient, r -> new ArrayDeque<>()).addLast(now);
    return Optional.empty();
  }

  /** How many recipients are remembered (for the test that memory stays bounded). */
  synchronized int rememberedRecipients() {
    forgetUpTo(clock.instant().minus(window));
    return byRecipient.size();
  }

  private void forgetUpTo(Instant horizon) {
    while (!all.isEmpty() && !all.getFirst().at().isAfter(horizon)) {
      Stamp oldest = all.removeFirst();
      Deque<Instant> sends = byRecipient.get(oldest.recipient());
      if (sends != null) {
        sends.pollFirst();
        if (sends.isEmpty()) {
          byRecipient.remove(oldest.recipient());
        }
      }
    }
  }
}

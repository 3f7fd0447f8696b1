package org.trademap.bench;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code BenchMain idle --cluster D}: asks every node of an idle consortium for its status once a
 * second for the given time and counts, per channel, the leader changes each node saw and the role
 * flips of its own (false elections: nothing was killed, so any is one). Polling once a second can
 * miss an election that ends with the same leader within the second; a role flip of the leader
 * itself usually shows.
 */
final class IdleWatch {
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(2);

  private final Cluster cluster;
  private final Duration duration;
  private final PrintStream out;

  IdleWatch(Cluster cluster, Duration duration, PrintStream out) {
    this.cluster = cluster;
    this.duration = duration;
    this.out = out;
  }

  /** Per channel what was seen. */
  private static final class Counts {
    long leaderChanges;
    long roleFlips;
    long leaderless;
  }

  /** Watches; true if no leader changed and no role flipped. */
  boolean run() {
    Machine machine = Machine.current();
    out.printf(
        Locale.ROOT,
        "idle      %d nodes at %s, status of each every %s for %s; started %s%n",
        cluster.nodes().size(),
        cluster.dir().toAbsolutePath(),
        Durations.format(POLL),
        Durations.format(duration),
        Instant.now());
    out.printf(
        Locale.ROOT,
        "machine   %s, memory %,d MB%n",
        machine.describe(),
        Machine.physicalMemoryBytes() / (1024 * 1024));
    Map<String, NodeStatus.Channel> last = new HashMap<>();
    Map<String, Counts> perChannel = new TreeMap<>();
    long polls = 0;
    long unanswered = 0;
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    try (HttpClient http = Cluster.httpClient()) {
      cluster.requireAnswering(http);
      for (long next = start; next < end; next += POLL.toNanos()) {
        sleepUntil(next);
        polls++;
        for (Cluster.Node n : cluster.nodes()) {
          Optional<NodeStatus> s = NodeStatus.of(http, n, STATUS_TIMEOUT);
          if (s.isEmpty()) {
            unanswered++;
            continue;
          }
          for (NodeStatus.Channel c : s.get().channels()) {
            Counts counts = perChannel.computeIfAbsent(c.channel(), k -> new Counts());
            String key = n.id() + "/" + c.channel();
            NodeStatus.Channel before = last.put(key, c);
            if (c.leader() == null) {
              counts.leaderless++;
            }
            if (before == null) {
              continue;
            }
            String at = String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - start) / 1e9);
            if (before.leader() != null
                && c.leader() != null
                && !before.leader().equals(c.leader())) {
              counts.leaderChanges++;
              out.printf(
                  Locale.ROOT,
                  "change    %s: %s sees leader %s after %s (at %s)%n",
                  c.channel(),
                  n.id(),
                  c.leader(),
                  before.leader(),
                  at);
            }
            if (!before.role().equals(c.role())) {
              counts.roleFlips++;
              out.printf(
                  Locale.ROOT,
                  "flip      %s: %s %s -> %s (at %s)%n",
                  c.channel(),
                  n.id(),
                  before.role(),
                  c.role(),
                  at);
            }
          }
        }
      }
    }
    long changes = 0;
    for (var e : perChannel.entrySet()) {
      Counts c = e.getValue();
      changes += c.leaderChanges + c.roleFlips;
      out.printf(
          Locale.ROOT,
          "channel   %-16s %d leader changes, %d role flips, %d observations without a leader%n",
          e.getKey(),
          c.leaderChanges,
          c.roleFlips,
          c.leaderless);
    }
    out.printf(
        Locale.ROOT,
        "polls     %d rounds over %.0f s, %d status requests unanswered%n",
        polls,
        (System.nanoTime() - start) / 1e9,
        unanswered);
    out.println(
        changes == 0
            ? "result    PASS: no false election seen"
            : "result    FAIL: " + changes + " leader changes or role flips while idle");
    return changes == 0;
  }

  private static void sleepUntil(long nanoTime) {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchFailure("interrupted", e);
      }
    }
  }
}

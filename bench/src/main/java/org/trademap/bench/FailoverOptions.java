package org.trademap.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@code BenchMain failover --cluster D}: the cluster load with one node killed ({@code
 * SIGKILL}) and started again while it runs.
 *
 * @param dir the consortium directory ({@code consortium.json}, started with {@code consortium up})
 * @param duration how long transactions are submitted
 * @param concurrency transactions outstanding at a time, spread over the nodes
 * @param killAfter time from the start of submission to the kill
 * @param restartAfter time from the kill to the restart
 * @param target which node is killed: the default channel's leader or a follower
 * @param wipe whether the killed node's data directory is emptied before the restart
 * @param out where to write the JSON result; null for the default name under {@code bench-results/}
 * @param help only print the usage
 */
record FailoverOptions(
    Path dir,
    Duration duration,
    int concurrency,
    Duration killAfter,
    Duration restartAfter,
    Target target,
    boolean wipe,
    @Nullable Path out,
    boolean help) {

  /** Which node the fault hits. */
  enum Target {
    LEADER,
    FOLLOWER
  }

  static final Duration DEFAULT_DURATION = Duration.ofSeconds(40);
  static final Duration DEFAULT_KILL_AFTER = Duration.ofSeconds(10);
  static final Duration DEFAULT_RESTART_AFTER = Duration.ofSeconds(10);

  static FailoverOptions parse(List<String> args) throws UsageException {
    Path dir = null;
    Duration duration = DEFAULT_DURATION;
    int concurrency = ClusterOptions.DEFAULT_CONCURRENCY;
    Duration killAfter = DEFAULT_KILL_AFTER;
    Duration restartAfter = DEFAULT_RESTART_AFTER;
    Target target = Target.LEADER;
    boolean wipe = false;
    Path out = null;
    boolean help = false;
    Set<String> withValue =
        Set.of(
            "--cluster",
            "--duration",
            "--concurrency",
            "--kill-after",
            "--restart-after",
            "--target",
            "--out");
    for (Args.Option option : Args.split(args, withValue)) {
      String name = option.name();
      switch (name) {
        case "-h", "--help" -> help = true;
        case "--cluster" -> dir = LedgerOptions.parsePath(name, option.given());
        case "--duration" -> duration = duration(name, option.given());
        case "--concurrency" -> concurrency = ClusterOptions.parseConcurrency(option.given());
        case "--kill-after" -> killAfter = duration(name, option.given());
        case "--restart-after" -> restartAfter = duration(name, option.given());
        case "--target" ->
            target =
                switch (option.given()) {
                  case "leader" -> Target.LEADER;
                  case "follower" -> Target.FOLLOWER;
                  default ->
                      throw new UsageException(
                          "--target is leader or follower, not '" + option.given() + "'");
                };
        case "--wipe" -> wipe = true;
        case "--out" -> out = LedgerOptions.parsePath(name, option.given());
        default -> throw new UsageException("unknown option '" + option.typed() + "'");
      }
    }
    if (help) {
      return new FailoverOptions(
          Path.of("."), duration, concurrency, killAfter, restartAfter, target, wipe, out, true);
    }
    if (dir == null) {
      throw new UsageException("failover needs --cluster D, the consortium directory");
    }
    if (duration.compareTo(LedgerOptions.MIN_DURATION) < 0
        || duration.compareTo(LedgerOptions.MAX_DURATION) > 0) {
      throw new UsageException(
          "--duration must be between 5s and 10m, not " + Durations.format(duration));
    }
    if (killAfter.compareTo(duration) >= 0) {
      throw new UsageException(
          "--kill-after ("
              + Durations.format(killAfter)
              + ") must be shorter than --duration ("
              + Durations.format(duration)
              + ")");
    }
    return new FailoverOptions(
        dir, duration, concurrency, killAfter, restartAfter, target, wipe, out, false);
  }

  /** A duration option, its error messages naming it. */
  static Duration duration(String name, String value) throws UsageException {
    try {
      return LedgerOptions.parseDuration(value);
    } catch (UsageException e) {
      throw new UsageException(String.valueOf(e.getMessage()).replace("--duration", name));
    }
  }
}

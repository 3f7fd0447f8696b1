package org.trademap.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@code BenchMain failover --cluster D}: the cluster load with a fault on one node
 * while it runs: killed ({@code SIGKILL}) and started again, paused ({@code SIGSTOP}, then {@code
 * SIGCONT}), or slowed (stopped most of the time for a while).
 *
 * @param dir the consortium directory ({@code consortium.json}, started with {@code consortium up})
 * @param duration how long transactions are submitted
 * @param concurrency transactions outstanding at a time, spread over the nodes
 * @param fault what happens to the node
 * @param faultAfter time from the start of submission to the fault ({@code --fault-after}, or its
 *     older name {@code --kill-after})
 * @param faultFor how long the fault lasts: from the kill to the restart, from the stop to the
 *     continue, or how long the node runs slowed ({@code --fault-for}, or {@code --restart-after})
 * @param target which node the fault hits: the default channel's leader or a follower
 * @param wipe whether the killed node's data directory is emptied before the restart (kill only)
 * @param out where to write the JSON result; null for the default name under {@code bench-results/}
 * @param help only print the usage
 */
record FailoverOptions(
    Path dir,
    Duration duration,
    int concurrency,
    Fault fault,
    Duration faultAfter,
    Duration faultFor,
    Target target,
    boolean wipe,
    @Nullable Path out,
    boolean help) {

  /** What happens to the node. */
  enum Fault {
    /** SIGKILL, and the same command line started again {@code faultFor} later. */
    KILL,
    /**
     * SIGSTOP, and SIGCONT {@code faultFor} later: a process that froze (a long GC, a VM pause).
     */
    PAUSE,
    /**
     * For {@code faultFor}, stopped {@link FailoverBenchmark#SLOW_STOPPED} of every {@link
     * FailoverBenchmark#SLOW_CYCLE}: a node that gets a tenth of the CPU it needs.
     */
    SLOW;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Which node the fault hits. */
  enum Target {
    LEADER,
    FOLLOWER
  }

  static final Duration DEFAULT_DURATION = Duration.ofSeconds(40);
  static final Duration DEFAULT_FAULT_AFTER = Duration.ofSeconds(10);
  static final Duration DEFAULT_FAULT_FOR = Duration.ofSeconds(10);

  static FailoverOptions parse(List<String> args) throws UsageException {
    Path dir = null;
    Duration duration = DEFAULT_DURATION;
    int concurrency = ClusterOptions.DEFAULT_CONCURRENCY;
    Fault fault = Fault.KILL;
    Duration faultAfter = DEFAULT_FAULT_AFTER;
    Duration faultFor = DEFAULT_FAULT_FOR;
    Target target = Target.LEADER;
    boolean wipe = false;
    Path out = null;
    boolean help = false;
    Set<String> withValue =
        Set.of(
            "--cluster",
            "--duration",
            "--concurrency",
            "--fault",
            "--fault-after",
            "--fault-for",
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
        case "--fault" ->
            fault =
                switch (option.given()) {
                  case "kill" -> Fault.KILL;
                  case "pause" -> Fault.PAUSE;
                  case "slow" -> Fault.SLOW;
                  default ->
                      throw new UsageException(
                          "--fault is kill, pause or slow, not '" + option.given() + "'");
                };
        case "--fault-after", "--kill-after" -> faultAfter = duration(name, option.given());
        case "--fault-for", "--restart-after" -> faultFor = duration(name, option.given());
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
          Path.of("."),
          duration,
          concurrency,
          fault,
          faultAfter,
          faultFor,
          target,
          wipe,
          out,
          true);
    }
    if (dir == null) {
      throw new UsageException("failover needs --cluster D, the consortium directory");
    }
    if (duration.compareTo(LedgerOptions.MIN_DURATION) < 0
        || duration.compareTo(LedgerOptions.MAX_DURATION) > 0) {
      throw new UsageException(
          "--duration must be between 5s and 10m, not " + Durations.format(duration));
    }
    if (faultAfter.compareTo(duration) >= 0) {
      throw new UsageException(
          "--fault-after ("
              + Durations.format(faultAfter)
              + ") must be shorter than --duration ("
              + Durations.format(duration)
              + ")");
    }
    if (wipe && fault != Fault.KILL) {
      throw new UsageException(
          "--wipe empties a killed node's data directory; it does not go with --fault "
              + fault.label());
    }
    if (fault == Fault.SLOW && faultFor.compareTo(FailoverBenchmark.SLOW_CYCLE) < 0) {
      throw new UsageException(
          "--fault-for of a slow node must be at least one cycle ("
              + Durations.format(FailoverBenchmark.SLOW_CYCLE)
              + "), not "
              + Durations.format(faultFor));
    }
    return new FailoverOptions(
        dir, duration, concurrency, fault, faultAfter, faultFor, target, wipe, out, false);
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

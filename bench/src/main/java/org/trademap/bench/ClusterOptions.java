package org.trademap.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@code BenchMain ledger --cluster D}: the benchmark against a running consortium, or
 * with {@code --verify-acked FILE} the check that every listed transaction is on every node.
 *
 * @param dir the consortium directory ({@code consortium.json} and the organisations' files)
 * @param duration how long transactions are submitted (signing pauses excluded)
 * @param concurrency transactions outstanding at a time, spread over the nodes
 * @param out where to write the JSON result; null for the default name under {@code bench-results/}
 * @param ackedOut where to write the id of every acknowledged transaction; null for nowhere
 * @param verifyAcked a file of transaction ids to look up on every node instead of a benchmark
 * @param help only print the usage
 */
record ClusterOptions(
    Path dir,
    Duration duration,
    int concurrency,
    @Nullable Path out,
    @Nullable Path ackedOut,
    @Nullable Path verifyAcked,
    boolean help) {

  static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);

  /**
   * Enough outstanding transactions to keep the leader's blocks full on 4 nodes: at 64 the run was
   * bound by latency (outstanding / commit latency), not by the nodes (ADR 0027).
   */
  static final int DEFAULT_CONCURRENCY = 256;

  static final int MAX_CONCURRENCY = 4096;

  /** Whether the arguments ask for the cluster benchmark rather than the single node's. */
  static boolean wanted(List<String> args) {
    return args.stream().anyMatch(a -> a.equals("--cluster") || a.startsWith("--cluster="));
  }

  /**
   * Parses {@code --cluster D}, {@code --duration D}, {@code --concurrency N}, {@code --out FILE},
   * {@code --acked-out FILE}, {@code --verify-acked FILE} (also as {@code --x=v}).
   */
  static ClusterOptions parse(List<String> args) throws UsageException {
    Path dir = null;
    Duration duration = DEFAULT_DURATION;
    int concurrency = DEFAULT_CONCURRENCY;
    Path out = null;
    Path ackedOut = null;
    Path verify = null;
    boolean help = false;
    boolean durationGiven = false;
    Set<String> withValue =
        Set.of(
            "--cluster", "--duration", "--concurrency", "--out", "--acked-out", "--verify-acked");
    for (Args.Option option : Args.split(args, withValue)) {
      String name = option.name();
      switch (name) {
        case "-h", "--help" -> help = true;
        case "--cluster" -> dir = LedgerOptions.parsePath(name, option.given());
        case "--duration" -> {
          duration = LedgerOptions.parseDuration(option.given());
          durationGiven = true;
        }
        case "--concurrency" -> concurrency = parseConcurrency(option.given());
        case "--out" -> out = LedgerOptions.parsePath(name, option.given());
        case "--acked-out" -> ackedOut = LedgerOptions.parsePath(name, option.given());
        case "--verify-acked" -> verify = LedgerOptions.parsePath(name, option.given());
        case "--data" -> throw new UsageException("--data is for the single node, not --cluster");
        default -> throw new UsageException("unknown option '" + option.typed() + "'");
      }
    }
    if (dir == null) {
      throw new UsageException("--cluster needs the consortium directory");
    }
    if (duration.compareTo(LedgerOptions.MIN_DURATION) < 0
        || duration.compareTo(LedgerOptions.MAX_DURATION) > 0) {
      throw new UsageException(
          "--duration must be between 5s and 10m, not " + Durations.format(duration));
    }
    if (verify != null && (durationGiven || out != null || ackedOut != null)) {
      throw new UsageException(
          "--verify-acked only checks a list: give it with --cluster alone, no benchmark options");
    }
    return new ClusterOptions(dir, duration, concurrency, out, ackedOut, verify, help);
  }

  static int parseConcurrency(String value) throws UsageException {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new UsageException("--concurrency takes a whole number, not '" + value + "'");
    }
    if (n < 1 || n > MAX_CONCURRENCY) {
      throw new UsageException("--concurrency must be 1 to " + MAX_CONCURRENCY + ", not " + n);
    }
    return n;
  }
}

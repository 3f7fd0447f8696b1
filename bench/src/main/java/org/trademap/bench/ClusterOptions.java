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
 * @param batch the most transactions in one request: {@code 1} submits each on its own ({@code POST
 *     /api/v1/ledger/transactions}), more uses {@code POST /api/v1/ledger/transactions/batch}
 * @param warmUp how long transactions are submitted before the measured time, not counted; zero for
 *     none
 * @param ceiling whether to measure the Ed25519 verification ceiling and the target before the run
 * @param out where to write the JSON result; null for the default name under {@code bench-results/}
 * @param ackedOut where to write the id of every acknowledged transaction; null for nowhere
 * @param verifyAcked a file of transaction ids to look up on every node instead of a benchmark
 * @param help only print the usage
 * @param submitTo which nodes take the submissions: every node in turn (the followers forward to
 *     the leader), or only each channel's leader
 */
record ClusterOptions(
    Path dir,
    Duration duration,
    int concurrency,
    int batch,
    Duration warmUp,
    boolean ceiling,
    @Nullable Path out,
    @Nullable Path ackedOut,
    @Nullable Path verifyAcked,
    boolean help,
    SubmitTo submitTo) {

  /** Which nodes the benchmark sends its requests to ({@code --submit-to}). */
  enum SubmitTo {
    /**
     * Every node that holds the channel, in turn: what the organisations' systems do (each submits
     * to its own node), so the followers forward to the leader (ADR 0020). The default.
     */
    ALL,

    /**
     * Only the channel's leader, as the nodes report it before the run: no forwarding, the same
     * verifications (each node still verifies each transaction once).
     */
    LEADER;

    static SubmitTo parse(String value) throws UsageException {
      return switch (value) {
        case "all" -> ALL;
        case "leader" -> LEADER;
        default -> throw new UsageException("--submit-to is all or leader, not '" + value + "'");
      };
    }
  }

  /** Options that submit to every node in turn ({@link SubmitTo#ALL}). */
  ClusterOptions(
      Path dir,
      Duration duration,
      int concurrency,
      int batch,
      Duration warmUp,
      boolean ceiling,
      @Nullable Path out,
      @Nullable Path ackedOut,
      @Nullable Path verifyAcked,
      boolean help) {
    this(
        dir,
        duration,
        concurrency,
        batch,
        warmUp,
        ceiling,
        out,
        ackedOut,
        verifyAcked,
        help,
        SubmitTo.ALL);
  }

  static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);

  /**
   * Enough outstanding transactions to keep the leader's blocks full on 4 nodes with batches: 8
   * requests of 128 (ADR 0032). Submitted one by one, 256 already kept the blocks full (ADR 0027).
   */
  static final int DEFAULT_CONCURRENCY = 1024;

  static final int MAX_CONCURRENCY = 4096;

  /**
   * Transactions per request by default: a request's HTTP cost is shared by 128 transactions, and
   * 1,024 outstanding still make 2 requests per node of a 4-node consortium (ADR 0032).
   */
  static final int DEFAULT_BATCH = 128;

  /** The batch endpoint's default limit ({@code trademap.api.max-batch-transactions}). */
  static final int MAX_BATCH = 1000;

  /**
   * Long enough for the nodes' JIT to compile the ledger path: with 10 s (ADR 0032) fresh nodes
   * measured about a third below warm ones (ADR 0044).
   */
  static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(60);

  static final Duration MAX_WARM_UP = Duration.ofMinutes(5);

  /** Whether the arguments ask for the cluster benchmark rather than the single node's. */
  static boolean wanted(List<String> args) {
    return args.stream().anyMatch(a -> a.equals("--cluster") || a.startsWith("--cluster="));
  }

  /**
   * Parses {@code --cluster D}, {@code --duration D}, {@code --concurrency N}, {@code --batch N},
   * {@code --warmup D}, {@code --submit-to all|leader}, {@code --out FILE}, {@code --acked-out
   * FILE}, {@code --verify-acked FILE} (also as {@code --x=v}).
   */
  static ClusterOptions parse(List<String> args) throws UsageException {
    Path dir = null;
    Duration duration = DEFAULT_DURATION;
    int concurrency = DEFAULT_CONCURRENCY;
    int batch = DEFAULT_BATCH;
    Duration warmUp = DEFAULT_WARM_UP;
    Path out = null;
    Path ackedOut = null;
    Path verify = null;
    boolean help = false;
    boolean loadGiven = false;
    SubmitTo submitTo = SubmitTo.ALL;
    Set<String> withValue =
        Set.of(
            "--cluster",
            "--duration",
            "--concurrency",
            "--batch",
            "--warmup",
            "--submit-to",
            "--out",
            "--acked-out",
            "--verify-acked");
    for (Args.Option option : Args.split(args, withValue)) {
      String name = option.name();
      switch (name) {
        case "-h", "--help" -> help = true;
        case "--cluster" -> dir = LedgerOptions.parsePath(name, option.given());
        case "--duration" -> {
          duration = LedgerOptions.parseDuration(option.given());
          loadGiven = true;
        }
        case "--concurrency" -> concurrency = parseConcurrency(option.given());
        case "--batch" -> {
          batch = parseBatch(option.given());
          loadGiven = true;
        }
        case "--warmup" -> {
          warmUp = parseWarmUp(option.given());
          loadGiven = true;
        }
        case "--submit-to" -> {
          submitTo = SubmitTo.parse(option.given());
          loadGiven = true;
        }
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
    if (verify != null && (loadGiven || out != null || ackedOut != null)) {
      throw new UsageException(
          "--verify-acked only checks a list: give it with --cluster alone, no benchmark options");
    }
    return new ClusterOptions(
        dir, duration, concurrency, batch, warmUp, true, out, ackedOut, verify, help, submitTo);
  }

  static int parseConcurrency(String value) throws UsageException {
    return wholeNumber("--concurrency", value, MAX_CONCURRENCY);
  }

  static int parseBatch(String value) throws UsageException {
    return wholeNumber("--batch", value, MAX_BATCH);
  }

  static int wholeNumber(String option, String value, int max) throws UsageException {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new UsageException(option + " takes a whole number, not '" + value + "'");
    }
    if (n < 1 || n > max) {
      throw new UsageException(option + " must be 1 to " + max + ", not " + n);
    }
    return n;
  }

  /** A duration as for {@code --duration}, or {@code 0}/{@code 0s} for no warm-up. */
  static Duration parseWarmUp(String value) throws UsageException {
    if (value.equals("0") || value.equals("0s")) {
      return Duration.ZERO;
    }
    Duration d;
    try {
      d = LedgerOptions.parseDuration(value);
    } catch (UsageException e) {
      throw new UsageException(
          "--warmup takes a whole number and a unit (ms, s, m) such as 10s, or 0, not '"
              + value
              + "'");
    }
    if (d.compareTo(MAX_WARM_UP) > 0) {
      throw new UsageException("--warmup must be at most 5m, not " + Durations.format(d));
    }
    return d;
  }
}

package org.trademap.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.tx.SignedTransaction;

/**
 * The ledger benchmark against a running consortium ({@code --cluster D}): signed {@code
 * kyc-registry.register} transactions of the consortium organisation, submitted over HTTP to every
 * node in turn, so that the followers forward to the leader (or, with {@code --submit-to leader},
 * to the leader only: ADR 0038), at a fixed number of outstanding transactions for the given time:
 * in batches ({@code POST /api/v1/ledger/transactions/batch}, {@code --batch N}, which answers once
 * every transaction of the batch has its outcome), or one by one with {@code --batch 1} ({@code
 * POST /api/v1/ledger/transactions}, which answers once the transaction is committed). A warm-up
 * ({@code --warmup}, not measured) lets the nodes' JIT compile the ledger path first, and the
 * Ed25519 ceiling of the machine measured before it gives the run's target (ADR 0032).
 *
 * <p>The transactions are signed before the timer runs ({@link Presigner}), in segments of at most
 * {@link #SEGMENT} so that their timestamps stay inside the ledger's window; signing pauses are not
 * part of the measured time. Nonces start at the current time in microseconds: above any nonce an
 * earlier run or the server itself used. Transactions reaching the leader out of order (through
 * different nodes) are accepted as long as they are within the signer's nonce window (ADR 0027,
 * {@code NonceWindow.WIDTH} nonces below the highest); one that falls behind further is refused as
 * {@code nonce-reused} and counted as refused, not acknowledged.
 *
 * <p>A worker whose node refuses the connection (it is down: the failover benchmark kills one) goes
 * on to the next holder of its channel, sends the same transactions there once more and stays
 * there, as a client of a real deployment would ({@link ChannelTarget}). Any other failure of a
 * request (a timeout, a connection reset after sending) is counted as an error of its transactions
 * and not sent again: the node may have accepted them.
 */
final class ClusterBenchmark {
  /** Longest stretch of submission on transactions signed at once. */
  static final Duration SEGMENT = Duration.ofSeconds(60);

  /** Transactions pre-signed per second of a segment: above what the machine can commit. */
  static final int PLAUSIBLE_TPS = 4000;

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

  /** Target floor on this machine whatever the ceiling (issue 3): 2,000 tx/s. */
  static final double TARGET_FLOOR_TPS = 2000;

  /** Share of the crypto ceiling the ledger should reach (issue 3). */
  static final double TARGET_SHARE = 0.5;

  private static final int CEILING_SAMPLE = 1024;
  private static final Duration CEILING_WARM_UP = Duration.ofSeconds(1);
  private static final Duration CEILING_RUN = Duration.ofSeconds(3);

  private final ClusterOptions options;
  private final PrintStream out;
  private final Listener listener;
  private final List<String> channels;

  ClusterBenchmark(ClusterOptions options, PrintStream out) {
    this(options, out, Listener.NONE);
  }

  ClusterBenchmark(ClusterOptions options, PrintStream out, Listener listener) {
    this(options, out, listener, List.of());
  }

  /**
   * A run that spreads the load over {@code channels}: worker {@code i} submits to channel {@code i
   * mod k} (of {@code k}), at that channel's holders in turn, so that each channel gets the same
   * share and each node only the transactions of its channels. Empty for the genesis document's
   * first channel, at every node that holds it.
   */
  ClusterBenchmark(
      ClusterOptions options, PrintStream out, Listener listener, List<String> channels) {
    this.options = options;
    this.out = out;
    this.listener = listener;
    this.channels = List.copyOf(channels);
  }

  /**
   * Told of the run as it goes (the failover benchmark times its fault and the write gaps by it);
   * called on the submitting threads, so it must be thread-safe and quick.
   */
  interface Listener {
    Listener NONE = new Listener() {};

    /** A segment's submission starts ({@link System#nanoTime()}). */
    default void submitting(long nanoTime) {}

    /** A segment's submission ended: every worker has its last answer. */
    default void submitted(long nanoTime) {}

    /**
     * A transaction was acknowledged at {@code nanoTime} by {@code node} (the organisation whose
     * node answered); {@code txId} is its id in hex.
     */
    default void acknowledged(long nanoTime, String node, String txId) {}

    /**
     * A request got no answer and was not sent elsewhere (a timeout, a connection lost after
     * sending, or a refused connection with no other holder to go to or refused there too); the
     * worker's thread may pause here.
     */
    default void unanswered() {}
  }

  /**
   * The figures of a run.
   *
   * @param workload what was submitted
   * @param nodes nodes of the consortium
   * @param model how they were deployed
   * @param cores processors the benchmark's JVM saw (nodes run on the same machine)
   * @param memoryMb the machine's physical memory
   * @param os the operating system
   * @param jdk the JDK that ran the benchmark
   * @param timestamp when the run started (UTC, ISO-8601)
   * @param duration the requested submission time
   * @param concurrency transactions outstanding at a time
   * @param batch the most transactions per request (1: each on its own request)
   * @param requests requests outstanding at a time (concurrency / transactions per request)
   * @param warmUp the submission time before the measured time
   * @param warmUpAcknowledged transactions acknowledged in the warm-up (not counted below)
   * @param seconds the measured time: submission until the last answer, signing pauses excluded
   * @param submitted transactions submitted
   * @param acknowledged answered 201: committed and accepted
   * @param refused answered 422: refused by the ledger or rejected by the contract
   * @param errors any other answer, or no answer
   * @param redirected requests sent once more at the channel's next holder because their node
   *     refused the connection (their transactions are counted once, by the answer there)
   * @param tps acknowledged per measured second
   * @param p50Ms median time from submission to acknowledgement (of the request that carried it)
   * @param p95Ms its 95th percentile
   * @param p99Ms its 99th percentile
   * @param maxMs its maximum
   * @param signRate transactions built and signed per second by the benchmark, before the timer
   * @param exhausted the pre-signed transactions ran out before the time was up
   * @param perNode per node: submitted and acknowledged
   * @param refusedKinds each refusal code with its count
   * @param errorKinds each kind of error with its count
   * @param redirects the redirected requests by move ({@code "sec-1 -> sec-2"}) with their count
   * @param ceiling the crypto ceiling and the target it gives; null when not measured
   * @param nodeCpu the CPU time the nodes spent in the measured time; null when not measured
   */
  record Report(
      String workload,
      int nodes,
      String model,
      int cores,
      long memoryMb,
      String os,
      String jdk,
      String timestamp,
      String duration,
      int concurrency,
      int batch,
      int requests,
      String warmUp,
      long warmUpAcknowledged,
      double seconds,
      long submitted,
      long acknowledged,
      long refused,
      long errors,
      long redirected,
      double tps,
      double p50Ms,
      double p95Ms,
      double p99Ms,
      double maxMs,
      double signRate,
      boolean exhausted,
      Map<String, NodeFigures> perNode,
      Map<String, Long> refusedKinds,
      Map<String, Long> errorKinds,
      Map<String, Long> redirects,
      @Nullable Ceiling ceiling,
      @Nullable NodeCpuFigures nodeCpu) {

    /** The refusal a node gives a transaction it has committed before. */
    static final String DUPLICATE = "ledger.duplicate";

    /**
     * Transactions refused as duplicates: wrong answers, since the benchmark signs every
     * transaction anew and sends it once (a redirect after a refused connection sends one the node
     * never received). A node that says so about a transaction it handed on itself has committed it
     * and tells the caller otherwise.
     */
    long wrongDuplicates() {
      return refusedKinds.getOrDefault(DUPLICATE, 0L);
    }
  }

  /**
   * The CPU time of the node processes (user and system, all threads, from {@code
   * consortium.json}'s process ids) during the measured time, per acknowledged transaction: a
   * figure that another process's load on a shared machine changes much less than the throughput,
   * and the throughput the nodes could reach with the machine's cores to themselves.
   *
   * @param cpuSeconds CPU seconds of all the nodes together in the measured time
   * @param msPerTx {@code cpuSeconds} in milliseconds per acknowledged transaction
   * @param projectedTps {@code cores × 1000 / msPerTx}: the throughput with every core for the
   *     nodes (the benchmark's own CPU not counted)
   * @param percentOfCeiling {@code projectedTps} as a percentage of the run's ceiling; 0 without
   *     one
   */
  record NodeCpuFigures(
      double cpuSeconds, double msPerTx, double projectedTps, double percentOfCeiling) {

    static @Nullable NodeCpuFigures of(
        long cpuNanos, long acknowledged, int cores, @Nullable Ceiling ceiling) {
      if (cpuNanos <= 0 || acknowledged == 0) {
        return null;
      }
      double msPerTx = cpuNanos / 1e6 / acknowledged;
      double projected = cores * 1000 / msPerTx;
      return new NodeCpuFigures(
          LedgerReport.round(cpuNanos / 1e9, 3),
          LedgerReport.round(msPerTx, 4),
          LedgerReport.round(projected, 1),
          ceiling == null || ceiling.ceilingTps() == 0
              ? 0
              : LedgerReport.round(100 * projected / ceiling.ceilingTps(), 1));
    }
  }

  /**
   * The signature-verification ceiling of the machine, measured by the benchmark's JVM on every
   * core before the warm-up, and the target it gives (issue 3): every node verifies every
   * transaction once, and the node that took a follower's submission once more, so the consortium
   * cannot commit more than about {@code cores × verifications per CPU-second / (nodes + 1)}
   * transactions per second on this machine. The ceiling is taken from the verifying threads' CPU
   * time, which other work on a shared machine hardly changes; the wall-clock rate, which drops
   * with the share of the CPU the run got, is reported beside it.
   *
   * @param verifyPerSecond Ed25519 verifications per second on all cores (wall clock)
   * @param verifyPerCpuSecond verifications per second of the verifying threads' CPU time
   * @param threads verifying threads, one per core
   * @param ceilingTps {@code threads × verifyPerCpuSecond / (nodes + 1)}: the machine's ceiling
   * @param ceilingNowTps {@code verifyPerSecond / (nodes + 1)}: the ceiling with the share of the
   *     machine the measurement got (lower than {@code ceilingTps} when other work ran)
   * @param targetTps {@code max(50 % of ceilingTps, 2,000)}
   * @param percentOfCeiling the measured tps as a percentage of {@code ceilingTps}
   * @param met whether the measured tps reached {@code targetTps}
   */
  record Ceiling(
      double verifyPerSecond,
      double verifyPerCpuSecond,
      int threads,
      double ceilingTps,
      double ceilingNowTps,
      double targetTps,
      double percentOfCeiling,
      boolean met) {

    static Ceiling of(CryptoCeiling.Result r, int nodes, double tps) {
      double ceilingTps = r.threads() * r.perCpuSecond() / (nodes + 1);
      double target = Math.max(TARGET_SHARE * ceilingTps, TARGET_FLOOR_TPS);
      return new Ceiling(
          LedgerReport.round(r.perSecond(), 1),
          LedgerReport.round(r.perCpuSecond(), 1),
          r.threads(),
          LedgerReport.round(ceilingTps, 1),
          LedgerReport.round(r.perSecond() / (nodes + 1), 1),
          LedgerReport.round(target, 1),
          LedgerReport.round(ceilingTps == 0 ? 0 : 100 * tps / ceilingTps, 1),
          tps >= target);
    }
  }

  /**
   * One node's share.
   *
   * @param submitted transactions submitted to it (with those a worker sent once more there after
   *     another node refused the connection; not at the node that refused it)
   * @param acknowledged of those, acknowledged
   */
  record NodeFigures(long submitted, long acknowledged) {
    /** Both shares together. */
    NodeFigures plus(NodeFigures other) {
      return new NodeFigures(submitted + other.submitted, acknowledged + other.acknowledged);
    }
  }

  /** Runs the benchmark, prints and writes its figures, and returns them. */
  Report run() {
    Instant started = Instant.now();
    Machine machine = Machine.current();
    Path outFile =
        options.out() != null ? options.out() : LedgerBenchmark.defaultOut("cluster", started);
    LedgerBenchmark.prepareOutput(outFile);
    if (options.ackedOut() != null) {
      LedgerBenchmark.prepareOutput(options.ackedOut());
    }
    Cluster cluster = Cluster.read(options.dir());
    List<String> loaded = channels.isEmpty() ? List.of(cluster.genesis().channel()) : channels;
    List<Cluster.Node> loadedNodes = loadedNodes(cluster, loaded);
    List<ClusterWorker> workers = new ArrayList<>();
    List<ClusterWorker> warmUpWorkers = new ArrayList<>();
    double seconds = 0;
    boolean exhausted = false;
    double signRate;
    CryptoCeiling.@Nullable Result ceiling = null;
    @Nullable NodeCpu cpu = options.ceiling() ? nodeCpu(options.dir(), loadedNodes) : null;
    long cpuNanos = 0;
    int perRequest;
    try (HttpClient http = Cluster.httpClient()) {
      cluster.requireAnswering(http);
      int n = loadedNodes.size();
      int k = loaded.size();
      out.println(
          "TradeMap ledger benchmark: "
              + KycWorkload.NAME
              + " over HTTP, consortium of "
              + n
              + " nodes at "
              + options.dir().toAbsolutePath());
      out.printf(
          Locale.ROOT,
          "machine   %s, memory %,d MB%n",
          machine.describe(),
          Machine.physicalMemoryBytes() / (1024 * 1024));
      perRequest = perRequest(Math.max(n, k));
      Map<String, List<Cluster.Node>> targets = targets(http, cluster, loaded, loadedNodes);
      int requests = (options.concurrency() + perRequest - 1) / perRequest;
      out.printf(
          Locale.ROOT,
          "config    nodes %s; channel %s; duration %s after a warm-up of %s; concurrency %d (%d"
              + " requests of %s, %s); signed by %s in segments of at most %s"
              + " before the timer%n",
          String.join(", ", loadedNodes.stream().map(Cluster.Node::id).toList()),
          describe(loaded),
          Durations.format(options.duration()),
          options.warmUp().isZero() ? "none" : Durations.format(options.warmUp()),
          options.concurrency(),
          requests,
          options.batch() == 1
              ? "1 transaction (POST /api/v1/ledger/transactions)"
              : "up to " + perRequest + " transactions (POST /api/v1/ledger/transactions/batch)",
          options.submitTo() == ClusterOptions.SubmitTo.LEADER
              ? "to the leader "
                  + String.join(
                      ", ", targets.values().stream().map(t -> t.getFirst().id()).toList())
                  + " only (--submit-to leader)"
              : "each node in turn (per channel from a different member)",
          cluster.nodes().stream()
              .filter(x -> x.role().equals("consortium"))
              .findFirst()
              .map(Cluster.Node::id)
              .orElse("consortium"),
          Durations.format(SEGMENT));
      for (int i = 0; i < requests; i++) {
        String channel = loaded.get(i % k);
        List<Cluster.Node> spread = targets.getOrDefault(channel, loadedNodes);
        Cluster.Node node = spread.get(holderFor(i, k, spread.size()));
        // Every holder of the channel, also with --submit-to leader: where a refused connection
        // moves the worker on.
        List<Cluster.Node> holders = holders(cluster, channel, loadedNodes);
        workers.add(
            new ClusterWorker(i % k, new ChannelTarget(holders, node, REQUEST_TIMEOUT), listener));
        warmUpWorkers.add(
            new ClusterWorker(i % k, new ChannelTarget(holders, node, REQUEST_TIMEOUT), listener));
      }
      SecureRandom seeds = new SecureRandom();
      byte[] tag = new byte[4];
      seeds.nextBytes(tag);
      List<Presigner> signers = new ArrayList<>();
      long firstNonce = System.currentTimeMillis() * 1000;
      try {
        for (String channel : loaded) {
          KycWorkload workload =
              new KycWorkload(
                  cluster.genesis(), channel, cluster.signer(), HexFormat.of().formatHex(tag));
          if (options.ceiling() && ceiling == null) {
            ceiling = ceiling(workload, machine.cores(), n, seeds.nextLong());
          }
          signers.add(new Presigner(workload, firstNonce, machine.cores(), seeds.nextLong()));
        }
        if (!options.warmUp().isZero()) {
          warmUp(http, warmUpWorkers, signers, perRequest);
        }
        Duration left = options.duration();
        while (!left.isZero() && !left.isNegative() && !exhausted) {
          Duration segment = left.compareTo(SEGMENT) > 0 ? SEGMENT : left;
          byte[][][] txs = take(signers, segment);
          AtomicInteger[] next = counters(k);
          long cpu0 = cpu == null ? 0 : total(cpu.sample());
          long t0 = System.nanoTime();
          listener.submitting(t0);
          submit(http, workers, txs, next, t0 + segment.toNanos(), perRequest);
          long t1 = System.nanoTime();
          cpuNanos += cpu == null ? 0 : total(cpu.sample()) - cpu0;
          listener.submitted(t1);
          seconds += (t1 - t0) / 1e9;
          exhausted = giveBack(signers, txs, next);
          left = left.minus(segment);
        }
        signRate = signers.stream().mapToDouble(Presigner::rate).average().orElse(0) * k;
      } finally {
        signers.forEach(Presigner::close);
      }
    }
    Report report =
        report(
            loaded,
            loadedNodes,
            machine,
            started,
            workers,
            warmUpWorkers,
            ceiling,
            seconds,
            signRate,
            exhausted,
            cpuNanos);
    print(report);
    LedgerReport.writeJson(outFile, report);
    out.println("JSON      " + outFile.toAbsolutePath());
    Path acked = options.ackedOut();
    if (acked != null) {
      writeAcked(acked, workers);
      out.println("acked     " + report.acknowledged() + " ids in " + acked.toAbsolutePath());
    }
    return report;
  }

  /**
   * The nodes each loaded channel's requests go to: every holder in turn, or with {@code
   * --submit-to leader} the leader its holders report now. A worker whose node refuses the
   * connection moves on to the channel's next holder all the same ({@link ChannelTarget}).
   */
  private Map<String, List<Cluster.Node>> targets(
      HttpClient http, Cluster cluster, List<String> loaded, List<Cluster.Node> loadedNodes) {
    Map<String, List<Cluster.Node>> targets = new LinkedHashMap<>();
    for (String channel : loaded) {
      List<Cluster.Node> holders = holders(cluster, channel, loadedNodes);
      targets.put(
          channel,
          options.submitTo() == ClusterOptions.SubmitTo.LEADER
              ? List.of(leader(http, channel, holders))
              : holders);
    }
    return targets;
  }

  /** The nodes that hold {@code channel}, in the order of {@code consortium.json}. */
  private static List<Cluster.Node> holders(
      Cluster cluster, String channel, List<Cluster.Node> loadedNodes) {
    return cluster.holders().getOrDefault(channel, loadedNodes);
  }

  /** The channel's leader as the first of its holders that knows one reports it. */
  private static Cluster.Node leader(HttpClient http, String channel, List<Cluster.Node> holders) {
    for (Cluster.Node node : holders) {
      String leader =
          NodeStatus.of(http, node, Duration.ofSeconds(10)).stream()
              .flatMap(s -> s.channels().stream())
              .filter(c -> c.channel().equals(channel) && c.leader() != null)
              .map(NodeStatus.Channel::leader)
              .findFirst()
              .orElse(null);
      if (leader != null) {
        for (Cluster.Node holder : holders) {
          if (holder.id().equals(leader)) {
            return holder;
          }
        }
      }
    }
    throw new BenchFailure(
        "--submit-to leader: no node of channel " + channel + " names a leader among its holders");
  }

  /** The node processes' CPU clocks; null when consortium.json does not name running ones. */
  private @Nullable NodeCpu nodeCpu(Path dir, List<Cluster.Node> nodes) {
    try {
      return NodeCpu.of(dir, nodes.stream().map(Cluster.Node::id).toList());
    } catch (BenchFailure e) {
      out.println("node cpu  not measured: " + e.getMessage());
      return null;
    }
  }

  private static long total(Map<String, Long> cpu) {
    return cpu.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The nodes that hold any of the loaded channels, by channel and then consortium.json. */
  private static List<Cluster.Node> loadedNodes(Cluster cluster, List<String> loaded) {
    Set<Cluster.Node> nodes = new LinkedHashSet<>();
    for (String channel : loaded) {
      List<Cluster.Node> holders = cluster.holders().get(channel);
      if (holders == null || holders.isEmpty()) {
        throw new BenchFailure(
            "no node of the consortium at " + cluster.dir() + " holds channel " + channel);
      }
      nodes.addAll(holders);
    }
    return List.copyOf(nodes);
  }

  private static String describe(List<String> loaded) {
    return loaded.size() == 1
        ? loaded.getFirst()
        : loaded.size() + " channels (" + loaded.getFirst() + " … " + loaded.getLast() + ")";
  }

  /** Pre-signed transactions for {@code time} of submission, per channel. */
  private byte[][][] take(List<Presigner> signers, Duration time) {
    int k = signers.size();
    int count =
        (int) Math.ceil(PLAUSIBLE_TPS * time.toNanos() / 1e9 / k) + options.concurrency() / k + 1;
    byte[][][] txs = new byte[k][][];
    for (int c = 0; c < k; c++) {
      txs[c] = signers.get(c).take(count, System.currentTimeMillis());
    }
    return txs;
  }

  private static AtomicInteger[] counters(int k) {
    AtomicInteger[] next = new AtomicInteger[k];
    for (int c = 0; c < k; c++) {
      next[c] = new AtomicInteger();
    }
    return next;
  }

  /** Hands the unused transactions back; whether a channel's ran out. */
  private static boolean giveBack(List<Presigner> signers, byte[][][] txs, AtomicInteger[] next) {
    boolean exhausted = false;
    for (int c = 0; c < txs.length; c++) {
      int used = Math.min(next[c].get(), txs[c].length);
      exhausted |= used == txs[c].length;
      signers.get(c).giveBack(used);
    }
    return exhausted;
  }

  /** Runs every worker on its own virtual thread until the deadline or the transactions end. */
  private void submit(
      HttpClient http,
      List<ClusterWorker> workers,
      byte[][][] perChannel,
      AtomicInteger[] nextPerChannel,
      long deadline,
      int perRequest) {
    boolean batched = options.batch() > 1;
    List<Future<?>> tasks = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (ClusterWorker w : workers) {
        byte[][] txs = perChannel[w.channel];
        AtomicInteger next = nextPerChannel[w.channel];
        tasks.add(
            threads.submit(
                () -> {
                  while (System.nanoTime() < deadline) {
                    int i = next.getAndAdd(perRequest);
                    if (i >= txs.length) {
                      return;
                    }
                    if (batched) {
                      w.submitBatch(
                          http, Arrays.copyOfRange(txs, i, Math.min(i + perRequest, txs.length)));
                    } else {
                      w.submitOne(http, txs[i]);
                    }
                  }
                }));
      }
      Tasks.await(tasks);
    }
  }

  /**
   * Which of its channel's holders request {@code i} goes to: request {@code i} is for channel
   * {@code i % channels}, and the requests of a channel go to its holders in turn, each channel
   * starting at a different one. With about one request per channel (model a at many companies) the
   * requests are so spread over all members alike, instead of all at each channel's first holder
   * (the consortium's node, a member of every channel).
   */
  static int holderFor(int i, int channels, int holders) {
    return (i / channels + i % channels) % holders;
  }

  /**
   * Transactions per request: {@code --batch}, but fewer when the outstanding transactions would
   * otherwise not reach every node.
   */
  private int perRequest(int nodes) {
    int share = (options.concurrency() + nodes - 1) / nodes;
    return Math.max(1, Math.min(options.batch(), share));
  }

  /** Submits for the warm-up time; what these workers count is reported apart, not measured. */
  private void warmUp(
      HttpClient http, List<ClusterWorker> warmUpWorkers, List<Presigner> signers, int perRequest) {
    Duration warm = options.warmUp();
    byte[][][] txs = take(signers, warm);
    AtomicInteger[] next = counters(signers.size());
    long t0 = System.nanoTime();
    submit(http, warmUpWorkers, txs, next, t0 + warm.toNanos(), perRequest);
    giveBack(signers, txs, next);
    long acknowledged = warmUpWorkers.stream().mapToLong(w -> w.acknowledged).sum();
    out.printf(
        Locale.ROOT,
        "warm-up   %.1f s: %,d acknowledged (%,.0f tx/s), not measured%n",
        (System.nanoTime() - t0) / 1e9,
        acknowledged,
        acknowledged / ((System.nanoTime() - t0) / 1e9));
  }

  private CryptoCeiling.Result ceiling(KycWorkload workload, int cores, int nodes, long seed) {
    List<SignedTransaction> sample =
        workload.registrations(
            CEILING_SAMPLE, 1, System.currentTimeMillis(), new SplittableRandom(seed));
    CryptoCeiling.Result r = CryptoCeiling.measure(sample, cores, CEILING_WARM_UP, CEILING_RUN);
    out.printf(
        Locale.ROOT,
        "crypto    Ed25519 verify %,.0f per CPU-second x %d cores -> at most %,.0f tx/s with %d"
            + " nodes (every node verifies, one more on a follower's submission); %,.0f/s by the"
            + " wall clock now (%d-byte tx)%n",
        r.perCpuSecond(),
        r.threads(),
        r.threads() * r.perCpuSecond() / (nodes + 1),
        nodes,
        r.perSecond(),
        r.txBytes());
    return r;
  }

  private Report report(
      List<String> loaded,
      List<Cluster.Node> loadedNodes,
      Machine machine,
      Instant started,
      List<ClusterWorker> workers,
      List<ClusterWorker> warmUpWorkers,
      CryptoCeiling.@Nullable Result ceiling,
      double seconds,
      double signRate,
      boolean exhausted,
      long cpuNanos) {
    long submitted = 0;
    long acknowledged = 0;
    long refused = 0;
    long errors = 0;
    Map<String, Long> refusedKinds = new TreeMap<>();
    Map<String, Long> errorKinds = new TreeMap<>();
    Map<String, Long> redirects = new TreeMap<>();
    Map<String, NodeFigures> nodes = new LinkedHashMap<>();
    loadedNodes.forEach(node -> nodes.put(node.id(), new NodeFigures(0, 0)));
    for (ClusterWorker w : workers) {
      submitted += w.submitted;
      acknowledged += w.acknowledged;
      refused += w.refused;
      errors += w.errors;
      w.refusedKinds.forEach((k, v) -> refusedKinds.merge(k, v, Long::sum));
      w.errorKinds.forEach((k, v) -> errorKinds.merge(k, v, Long::sum));
      w.target.redirects().forEach((k, v) -> redirects.merge(k, v, Long::sum));
      w.perNode.forEach((id, f) -> nodes.merge(id, f, NodeFigures::plus));
    }
    long[] latencies = new long[(int) acknowledged];
    int at = 0;
    for (ClusterWorker w : workers) {
      System.arraycopy(w.latencies, 0, latencies, at, (int) w.acknowledged);
      at += (int) w.acknowledged;
    }
    Arrays.sort(latencies);
    int n = latencies.length;
    Ceiling c =
        ceiling == null
            ? null
            : Ceiling.of(ceiling, loadedNodes.size(), seconds == 0 ? 0 : acknowledged / seconds);
    return new Report(
        KycWorkload.NAME,
        loadedNodes.size(),
        "consortium, channel " + describe(loaded) + ", one process per node",
        machine.cores(),
        Machine.physicalMemoryBytes() / (1024 * 1024),
        machine.os(),
        machine.jdk(),
        started.toString(),
        Durations.format(options.duration()),
        options.concurrency(),
        options.batch(),
        workers.size(),
        Durations.format(options.warmUp()),
        warmUpWorkers.stream().mapToLong(w -> w.acknowledged).sum(),
        LedgerReport.round(seconds, 3),
        submitted,
        acknowledged,
        refused,
        errors,
        redirects.values().stream().mapToLong(Long::longValue).sum(),
        LedgerReport.round(seconds == 0 ? 0 : acknowledged / seconds, 1),
        ms(Percentiles.of(latencies, n, 50)),
        ms(Percentiles.of(latencies, n, 95)),
        ms(Percentiles.of(latencies, n, 99)),
        ms(n == 0 ? 0 : latencies[n - 1]),
        LedgerReport.round(signRate, 1),
        exhausted,
        nodes,
        refusedKinds,
        errorKinds,
        redirects,
        c,
        NodeCpuFigures.of(cpuNanos, acknowledged, machine.cores(), c));
  }

  private static double ms(long nanos) {
    return LedgerReport.round(nanos / 1e6, 3);
  }

  private void print(Report r) {
    out.println();
    out.printf(
        Locale.ROOT,
        "figures   %.1f s measured: %,d submitted, %,d acknowledged, %,d refused, %,d errors%n",
        r.seconds(),
        r.submitted(),
        r.acknowledged(),
        r.refused(),
        r.errors());
    out.printf(Locale.ROOT, "throughput %,.1f acknowledged tx/s%n", r.tps());
    out.printf(
        Locale.ROOT,
        "latency   submission to acknowledgement (commit): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms,"
            + " max %.1f ms%n",
        r.p50Ms(),
        r.p95Ms(),
        r.p99Ms(),
        r.maxMs());
    out.printf(
        Locale.ROOT,
        "signing   %,.0f tx/s built and signed on %d threads (before the timer)%s%n",
        r.signRate(),
        r.cores(),
        r.exhausted() ? "; the pre-signed transactions ran out before the time was up" : "");
    r.perNode()
        .forEach(
            (id, f) ->
                out.printf(
                    Locale.ROOT,
                    "node      %-12s %,d submitted, %,d acknowledged%n",
                    id,
                    f.submitted(),
                    f.acknowledged()));
    r.refusedKinds().forEach((k, v) -> out.printf(Locale.ROOT, "refused   %8d  %s%n", v, k));
    r.errorKinds().forEach((k, v) -> out.printf(Locale.ROOT, "errors    %8d  %s%n", v, k));
    if (r.wrongDuplicates() > 0) {
      out.printf(
          Locale.ROOT,
          "WRONG     %,d transactions answered %s, though each was new and sent once%n",
          r.wrongDuplicates(),
          Report.DUPLICATE);
    }
    if (r.redirected() > 0) {
      out.printf(
          Locale.ROOT,
          "redirects %,d requests after a refused connection, sent once more at the next holder:"
              + " %s%n",
          r.redirected(),
          String.join(
              ", ",
              r.redirects().entrySet().stream()
                  .map(e -> e.getKey() + " " + e.getValue())
                  .toList()));
    }
    Ceiling c = r.ceiling();
    if (c != null) {
      out.printf(
          Locale.ROOT,
          "ceiling   %d x %,.0f verifications per CPU-second / (%d nodes + 1) = %,.1f tx/s"
              + " (%,.1f tx/s with the CPU share the measurement got); measured %,.1f tx/s ="
              + " %.1f %% of it%n",
          c.threads(),
          c.verifyPerCpuSecond(),
          r.nodes(),
          c.ceilingTps(),
          c.ceilingNowTps(),
          r.tps(),
          c.percentOfCeiling());
      out.printf(
          Locale.ROOT,
          "target    max(50 %% of the ceiling, 2,000) = %,.1f tx/s: %s%n",
          c.targetTps(),
          c.met() ? "MET" : "MISSED");
    }
    NodeCpuFigures cpu = r.nodeCpu();
    if (cpu != null) {
      out.printf(
          Locale.ROOT,
          "node cpu  %,.1f CPU-s of the %d nodes in the measured time = %.3f ms per acknowledged"
              + " transaction -> %,.1f tx/s with the %d cores for the nodes alone (%.1f %% of the"
              + " ceiling)%n",
          cpu.cpuSeconds(),
          r.nodes(),
          cpu.msPerTx(),
          cpu.projectedTps(),
          r.cores(),
          cpu.percentOfCeiling());
    }
  }

  private static void writeAcked(Path file, List<ClusterWorker> workers) {
    StringBuilder b = new StringBuilder();
    for (ClusterWorker w : workers) {
      for (String id : w.acked) {
        b.append(id).append('\n');
      }
    }
    try {
      Files.writeString(file, b, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new BenchFailure("cannot write the acknowledged ids to " + file + ": " + e, e);
    }
  }
}

package org.trademap.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.ledger.core.node.NodeConfig;

/**
 * The ledger-only benchmark (PERFORMANCE.md, benchmark 3): signed {@code kyc-registry.register}
 * transactions submitted straight to an embedded single-node ledger, the number of outstanding
 * transactions raised step by step until throughput stops rising, compared with the Ed25519 ceiling
 * measured in the same run.
 */
final class LedgerBenchmark {
  /** Outstanding transactions of the successive steps. */
  static final int[] CONCURRENCY = {8, 32, 128, 512, 1024};

  /** A step that gains less than this over the previous one ends the run. */
  static final double MIN_GAIN = 0.05;

  static final int WARM_UP_CONCURRENCY = 512;

  /** The warm-up goes on in slices of this length while the JIT is still busy. */
  static final Duration WARM_UP_SLICE = Duration.ofSeconds(1);

  /** The JIT counts as settled once it compiles for less than this share of a slice. */
  static final double JIT_SETTLED = 0.10;

  static final Duration MAX_WARM_UP = Duration.ofSeconds(20);
  static final String MODEL = "single-node";

  /** No step is given more pre-signed transactions than this (memory bound). */
  private static final int MAX_TRANSACTIONS_PER_STEP = 2_000_000;

  /**
   * The least rate each step gets pre-signed transactions for, whatever the first ceiling
   * measurement said (another process may have held the cores just then).
   */
  private static final double MIN_PLAUSIBLE_TPS = 6000;

  private static final int CEILING_SAMPLE = 1024;
  private static final Duration CEILING_WARM_UP = Duration.ofSeconds(1);
  private static final Duration CEILING_RUN = Duration.ofSeconds(3);
  private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);

  /** Ratis' shaded gRPC logs through java.util.logging; held so the level sticks. */
  private static final java.util.logging.Logger GRPC_LOG =
      java.util.logging.Logger.getLogger("org.apache.ratis.thirdparty.io.grpc");

  private final LedgerOptions options;
  private final PrintStream out;
  private final Map<String, LongAdder> errorKinds = StepRun.newErrorKinds();

  LedgerBenchmark(LedgerOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /**
   * The shortest warm-up: a tenth of the run, between 3 and 5 seconds (the first blocks pay for the
   * Raft client's connection and the JIT).
   */
  static Duration warmUp(Duration total) {
    Duration tenth = total.dividedBy(10);
    Duration min = Duration.ofSeconds(3);
    Duration max = Duration.ofSeconds(5);
    return tenth.compareTo(min) < 0 ? min : tenth.compareTo(max) > 0 ? max : tenth;
  }

  /** Each step's time: the total divided evenly over the planned steps. */
  static Duration stepDuration(Duration total) {
    return total.dividedBy(CONCURRENCY.length);
  }

  /** Whether a step's throughput rose enough over the previous step's to try the next level. */
  static boolean keepsRising(double previousTps, double tps) {
    return tps >= previousTps * (1 + MIN_GAIN);
  }

  /** The default result file: {@code bench-results/ledger-<UTC timestamp>.json}. */
  static Path defaultOut(Instant now) {
    return defaultOut("ledger", now);
  }

  /** {@code bench-results/<name>-<UTC timestamp>.json}. */
  static Path defaultOut(String name, Instant now) {
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC)
            .format(now);
    return Path.of("bench-results", name + "-" + stamp + ".json");
  }

  void run() {
    GRPC_LOG.setLevel(java.util.logging.Level.WARNING);
    Instant started = Instant.now();
    Machine machine = Machine.current();
    Path outFile = options.out() != null ? options.out() : defaultOut(started);
    prepareOutput(outFile);
    Path dir = options.data();
    boolean temporary = dir == null;
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("trademap-bench-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary data directory", e);
      }
    }
    LedgerReport report;
    try {
      out.println("TradeMap ledger benchmark: " + KycWorkload.NAME + ", 1 node (" + MODEL + ")");
      out.println("machine   " + machine.describe());
      out.printf(
          Locale.ROOT,
          "config    duration %s: warm-up at concurrency %d for %s, then until the JIT compiles"
              + " < %.0f %% of a %s slice (at most %s); then up to %d steps of %s (concurrency %s)"
              + " until a step gains < %.0f %%%n",
          Durations.format(options.duration()),
          WARM_UP_CONCURRENCY,
          Durations.format(warmUp(options.duration())),
          JIT_SETTLED * 100,
          Durations.format(WARM_UP_SLICE),
          Durations.format(MAX_WARM_UP),
          CONCURRENCY.length,
          Durations.format(stepDuration(options.duration())),
          joined(CONCURRENCY),
          MIN_GAIN * 100);
      out.println(
          "          data "
              + dir
              + (temporary ? " (temporary)" : "")
              + ", embedded LedgerNode (NodeConfig.embedded), 1 submitting thread");
      long t0 = System.nanoTime();
      try (LedgerNode node = LedgerNode.start(NodeConfig.embedded(dir))) {
        out.printf(
            Locale.ROOT,
            "node      started in %.1f s, member %s, chain %s%n",
            (System.nanoTime() - t0) / 1e9,
            node.memberId(),
            node.genesis().chainId().hex().substring(0, 16));
        report = measure(node, machine, started);
      }
    } finally {
      if (temporary) {
        deleteTree(dir);
      }
    }
    printSummary(report);
    report.write(outFile);
    out.println("JSON      " + outFile.toAbsolutePath());
  }

  private LedgerReport measure(LedgerNode node, Machine machine, Instant started) {
    awaitLeader(node);
    checkWorkloadRuns(node.genesis(), node);
    SecureRandom seeds = new SecureRandom();
    byte[] tag = new byte[4];
    seeds.nextBytes(tag);
    KycWorkload workload =
        new KycWorkload(node.genesis(), node.nodeKey(), HexFormat.of().formatHex(tag));
    int cores = machine.cores();

    List<SignedTransaction> sample =
        workload.registrations(
            CEILING_SAMPLE, 1, System.currentTimeMillis(), new SplittableRandom(seeds.nextLong()));
    CryptoCeiling.Result before = ceiling(sample, cores, "before");

    List<StepRun.Result> steps = new ArrayList<>();
    String stopReason;
    WarmUp warm;
    double signRate;
    try (Presigner signer =
        new Presigner(
            workload, node.nextNonce(node.nodeKey().publicKey()), cores, seeds.nextLong())) {
      // Each step gets enough pre-signed transactions for the fastest rate it could plausibly
      // reach; what it does not submit goes to the next step.
      double plausibleTps = Math.max(MIN_PLAUSIBLE_TPS, before.perSecond() / 2 * 1.5);
      warm = warmUp(node, signer, plausibleTps);
      out.printf(
          Locale.ROOT,
          "warm-up   %,d committed in %.1f s (%,.0f tx/s), %d errors; JIT compiled %.1f s in all,"
              + " %.0f %% of the last slice%n%n",
          warm.committed(),
          warm.seconds(),
          warm.committed() / warm.seconds(),
          warm.errors(),
          warm.jitSeconds(),
          warm.lastJitShare() * 100);
      out.println(
          "concurrency  seconds  committed     tx/s  p50 ms  p99 ms  errors  blocks  tx/block"
              + "  cpu cores  cpu us/tx  jit s");
      Duration stepTime = stepDuration(options.duration());
      stopReason = "every planned step ran";
      for (int c : CONCURRENCY) {
        double best = steps.stream().mapToDouble(StepRun.Result::tps).max().orElse(0);
        StepRun.Result r = step(node, signer, c, stepTime, Math.max(plausibleTps, 2 * best));
        steps.add(r);
        out.printf(
            Locale.ROOT,
            "%11d %8.1f %10d %8.1f %7.1f %7.1f %7d %7d %9.1f %10.2f %10.0f %6.1f%s%n",
            r.concurrency(),
            r.seconds(),
            r.committed(),
            r.tps(),
            r.p50Ms(),
            r.p99Ms(),
            r.errors(),
            r.blocks(),
            r.txPerBlock(),
            r.cpuCores(),
            r.cpuUsPerTx(),
            r.jitSeconds(),
            r.exhausted() ? "  (ran out of pre-signed transactions)" : "");
        if (steps.size() > 1) {
          double previous = steps.get(steps.size() - 2).tps();
          if (!keepsRising(previous, r.tps())) {
            stopReason =
                String.format(
                    Locale.ROOT,
                    "concurrency %d gained %+.1f %% over %d (< %.0f %%)",
                    c,
                    (r.tps() / previous - 1) * 100,
                    steps.get(steps.size() - 2).concurrency(),
                    MIN_GAIN * 100);
            break;
          }
        }
      }
      signRate = signer.rate();
    }
    out.println();
    CryptoCeiling.Result after = ceiling(sample, cores, "after");
    double verifyCeiling = Math.max(before.perSecond(), after.perSecond());
    double verifyPerCpuSecond = Math.max(before.perCpuSecond(), after.perCpuSecond());
    StepRun.Result best =
        steps.stream().max(Comparator.comparingDouble(StepRun.Result::tps)).orElseThrow();
    long errors = steps.stream().mapToLong(StepRun.Result::errors).sum();
    double efficiencyCpu =
        best.cpuUsPerTx() == 0 ? 0 : (1e6 / best.cpuUsPerTx()) / (verifyPerCpuSecond / 2);
    return new LedgerReport(
        KycWorkload.NAME,
        1,
        MODEL,
        cores,
        machine.jdk(),
        LedgerReport.round(best.tps(), 1),
        LedgerReport.round(best.p50Ms(), 3),
        LedgerReport.round(best.p99Ms(), 3),
        errors,
        LedgerReport.round(signRate, 1),
        LedgerReport.round(verifyCeiling, 1),
        LedgerReport.round(best.tps() / (verifyCeiling / 2), 4),
        steps.stream().map(StepRun.Result::rounded).toList(),
        started.toString(),
        machine.os(),
        machine.maxHeapBytes() / (1024 * 1024),
        Durations.format(options.duration()),
        LedgerReport.round(warm.seconds(), 3),
        best.concurrency(),
        stopReason,
        before.txBytes(),
        StepRun.snapshot(errorKinds),
        LedgerReport.round(before.perSecond(), 1),
        LedgerReport.round(after.perSecond(), 1),
        LedgerReport.round(verifyPerCpuSecond, 1),
        LedgerReport.round(best.cpuUsPerTx(), 1),
        LedgerReport.round(efficiencyCpu, 4));
  }

  /**
   * What the warm-up did.
   *
   * @param seconds its total time
   * @param committed transactions committed
   * @param errors transactions that failed
   * @param jitSeconds time the JIT spent compiling meanwhile
   * @param lastJitShare the JIT's share of the last slice
   */
  record WarmUp(
      double seconds, long committed, long errors, double jitSeconds, double lastJitShare) {}

  /**
   * Warms up at {@link #WARM_UP_CONCURRENCY} for {@link #warmUp(Duration)}, then in slices until
   * the JIT has settled or {@link #MAX_WARM_UP} has passed: a JIT still compiling takes a core away
   * from the node on a small machine.
   */
  private WarmUp warmUp(LedgerNode node, Presigner signer, double plausibleTps) {
    StepRun.Result r =
        step(node, signer, WARM_UP_CONCURRENCY, warmUp(options.duration()), plausibleTps);
    double seconds = r.seconds();
    long committed = r.committed();
    long errors = r.errors();
    double jit = r.jitSeconds();
    while (r.jitSeconds() / r.seconds() >= JIT_SETTLED
        && seconds + WARM_UP_SLICE.toSeconds() <= MAX_WARM_UP.toSeconds()) {
      r = step(node, signer, WARM_UP_CONCURRENCY, WARM_UP_SLICE, plausibleTps);
      seconds += r.seconds();
      committed += r.committed();
      errors += r.errors();
      jit += r.jitSeconds();
    }
    return new WarmUp(seconds, committed, errors, jit, r.jitSeconds() / r.seconds());
  }

  private CryptoCeiling.Result ceiling(List<SignedTransaction> sample, int cores, String when) {
    CryptoCeiling.Result r = CryptoCeiling.measure(sample, cores, CEILING_WARM_UP, CEILING_RUN);
    out.printf(
        Locale.ROOT,
        "crypto    %-6s Ed25519 verify ceiling %,.0f/s on %d threads (%,.0f per CPU-second;"
            + " SignedTransaction.verifySignature, %d-byte tx) -> at most %,.0f tx/s%n",
        when,
        r.perSecond(),
        r.threads(),
        r.perCpuSecond(),
        r.txBytes(),
        r.perSecond() / 2);
    return r;
  }

  /**
   * Hands the step enough pre-signed transactions for {@code plausibleTps} (signed before the
   * step's timer starts), runs it, and takes back what it did not submit.
   */
  private StepRun.Result step(
      LedgerNode node, Presigner signer, int concurrency, Duration time, double plausibleTps) {
    long wanted = (long) Math.ceil(plausibleTps * time.toNanos() / 1e9) + concurrency;
    byte[][] txs =
        signer.take((int) Math.min(MAX_TRANSACTIONS_PER_STEP, wanted), System.currentTimeMillis());
    StepRun.Result r = new StepRun(concurrency, txs, errorKinds).run(node, time);
    signer.giveBack((int) r.submitted());
    return r;
  }

  private void printSummary(LedgerReport r) {
    out.println();
    out.printf(
        Locale.ROOT,
        "best      %,.1f tx/s at concurrency %d (p50 %.1f ms, p99 %.1f ms); %d errors in the steps;"
            + " stopped: %s%n",
        r.tps(),
        r.bestConcurrency(),
        r.p50Ms(),
        r.p99Ms(),
        r.errors(),
        r.stopReason());
    out.printf(
        Locale.ROOT,
        "signing   %,.0f tx/s built and signed on %d threads (client side, before each step)%n",
        r.signRate(),
        r.cores());
    out.printf(
        Locale.ROOT,
        "ceiling   %,.0f verifications/s (higher of before/after) -> efficiency = %,.1f / (%,.0f"
            + " / 2) = %.2f%n",
        r.verifyCeiling(),
        r.tps(),
        r.verifyCeiling(),
        r.efficiency());
    out.printf(
        Locale.ROOT,
        "cpu       %,.0f us of process CPU per committed tx at the best step; 2 verifications cost"
            + " %,.0f us -> CPU efficiency %.2f%n",
        r.cpuUsPerTx(),
        2e6 / r.verifyPerCpuSecond(),
        r.efficiencyCpu());
    if (!r.errorKinds().isEmpty()) {
      out.println("errors    (warm-up included)");
      r.errorKinds().forEach((kind, n) -> out.printf(Locale.ROOT, "  %8d  %s%n", n, kind));
    }
  }

  /** Creates the result's directory now, so that a run never ends without a place to write to. */
  static void prepareOutput(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new BenchFailure("cannot create the directory for " + file + ": " + e, e);
    }
    if (Files.isDirectory(file)) {
      throw new BenchFailure(file + " is a directory; --out names the JSON file");
    }
    if (parent != null && !Files.isWritable(parent)) {
      throw new BenchFailure("cannot write into " + parent);
    }
  }

  private static void awaitLeader(LedgerNode node) {
    long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
    while (!"leader".equals(node.status().role())) {
      if (System.nanoTime() > deadline) {
        throw new BenchFailure(
            "the node did not become leader within " + LEADER_TIMEOUT.toSeconds() + " s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchFailure("interrupted while waiting for the node to lead", e);
      }
    }
  }

  private static void checkWorkloadRuns(Genesis genesis, LedgerNode node) {
    Integer version = genesis.contracts().get(KycRegistry.ID);
    if (version == null || version != KycRegistry.VERSION) {
      throw new BenchFailure(
          "the chain's genesis document does not activate "
              + KycRegistry.ID
              + " version "
              + KycRegistry.VERSION
              + " (it has "
              + genesis.contracts()
              + "); use an empty --data directory");
    }
    String role =
        genesis.member(node.nodeKey().publicKey()).map(Genesis.Member::role).orElse("none");
    if (!KycRegistry.CONSORTIUM_ROLE.equals(role)) {
      throw new BenchFailure(
          "the node's key has role '" + role + "', but only the consortium may register subjects");
    }
  }

  private static String joined(int[] values) {
    StringBuilder b = new StringBuilder();
    for (int v : values) {
      b.append(b.isEmpty() ? "" : ", ").append(v);
    }
    return b.toString();
  }

  private void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // The run's figures are already complete; a leftover temporary directory is only noise.
      out.println("note      could not delete the temporary directory " + dir + ": " + e);
    }
  }
}

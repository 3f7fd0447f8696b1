package org.trademap.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.node.Ledger;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.tx.ValidationCode;

/**
 * One step of the ledger benchmark: pre-signed transactions submitted with at most {@code
 * concurrency} outstanding until the step's time is up, then the outstanding ones drained.
 *
 * <p>One thread submits, in nonce order (the node would also take them out of order within the
 * signer's nonce window, ADR 0027). Completion callbacks run on the node's apply thread and only
 * record a time and release a permit.
 */
final class StepRun {
  // An outcome of 0 means no outcome yet.
  private static final byte COMMITTED = 1;
  private static final byte RECORDED_REJECTED = 2;
  private static final byte FAILED = 3;
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  /**
   * The figures of one step.
   *
   * @param concurrency transactions outstanding at a time
   * @param seconds the measured window: the step's time, or until the last commit if the pre-signed
   *     transactions ran out first
   * @param committed transactions committed and accepted within the window
   * @param tps committed per second of the window
   * @param p50Ms median submit-to-commit latency of the committed transactions
   * @param p99Ms 99th percentile of that latency
   * @param errors transactions refused, rejected in their block, or failed
   * @param submitted transactions submitted in the step
   * @param blocks blocks committed during the step (drain included)
   * @param txPerBlock mean transactions per block
   * @param cpuCores process CPU time divided by wall time during submission: cores kept busy
   * @param cpuUsPerTx process CPU time during submission per committed transaction, in
   *     microseconds: what a transaction costs the node, whatever share of the machine it got
   * @param jitSeconds time the JIT compilers spent during submission (included in the CPU time)
   * @param exhausted the pre-signed transactions ran out before the step's time was up
   */
  record Result(
      int concurrency,
      double seconds,
      long committed,
      double tps,
      double p50Ms,
      double p99Ms,
      long errors,
      long submitted,
      long blocks,
      double txPerBlock,
      double cpuCores,
      double cpuUsPerTx,
      double jitSeconds,
      boolean exhausted) {

    /** The same figures rounded to the decimals that carry meaning, as the JSON report has them. */
    Result rounded() {
      return new Result(
          concurrency,
          LedgerReport.round(seconds, 3),
          committed,
          LedgerReport.round(tps, 1),
          LedgerReport.round(p50Ms, 3),
          LedgerReport.round(p99Ms, 3),
          errors,
          submitted,
          blocks,
          LedgerReport.round(txPerBlock, 1),
          LedgerReport.round(cpuCores, 2),
          LedgerReport.round(cpuUsPerTx, 1),
          LedgerReport.round(jitSeconds, 2),
          exhausted);
    }
  }

  private final int concurrency;
  private final byte[][] txs;
  private final long[] startedAt;
  private final long[] doneAt;
  private final byte[] outcome;
  private final Semaphore permits;
  private final Map<String, LongAdder> errorKinds;

  /**
   * @param errorKinds where to count each kind of error (shared by the steps of a run)
   */
  StepRun(int concurrency, byte[][] txs, Map<String, LongAdder> errorKinds) {
    this.concurrency = concurrency;
    this.txs = txs;
    this.startedAt = new long[txs.length];
    this.doneAt = new long[txs.length];
    this.outcome = new byte[txs.length];
    this.permits = new Semaphore(concurrency);
    this.errorKinds = errorKinds;
  }

  /** Runs the step for {@code duration} and waits for every submitted transaction's outcome. */
  Result run(Ledger node, Duration duration) {
    long heightBefore = node.status().height();
    long cpuBefore = processCpuNanos();
    long jitBefore = jitMillis();
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    int submitted = 0;
    try {
      while (submitted < txs.length) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
          break;
        }
        submit(node, submitted++);
      }
      long submitEnd = System.nanoTime();
      long cpu = processCpuNanos() - cpuBefore;
      long jit = jitMillis() - jitBefore;
      if (!permits.tryAcquire(concurrency, DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new BenchFailure(
            (concurrency - permits.availablePermits())
                + " transactions were still outstanding "
                + DRAIN_TIMEOUT.toSeconds()
                + " s after the step at concurrency "
                + concurrency);
      }
      permits.release(concurrency);
      boolean exhausted = submitted == txs.length && submitEnd < deadline;
      return result(
          submitted,
          start,
          exhausted ? lastDone(submitted) : deadline,
          node.status().height() - heightBefore,
          submitEnd - start,
          cpu,
          jit,
          exhausted);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchFailure("interrupted during the step at concurrency " + concurrency, e);
    }
  }

  private void submit(Ledger node, int i) {
    long t = System.nanoTime();
    startedAt[i] = t;
    CompletableFuture<SubmitResult> future;
    try {
      future = node.submit(txs[i]);
    } catch (RuntimeException e) {
      done(i, null, e);
      return;
    }
    var unused = future.whenComplete((r, e) -> done(i, r, e));
  }

  private void done(int i, @Nullable SubmitResult result, @Nullable Throwable error) {
    doneAt[i] = System.nanoTime();
    if (error != null || result == null) {
      Throwable cause =
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      outcome[i] = FAILED;
      count(
          "failed: "
              + (cause == null ? "no result" : cause.getClass().getSimpleName())
              + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    } else {
      switch (result) {
        case SubmitResult.Committed c when c.code() == ValidationCode.OK -> outcome[i] = COMMITTED;
        case SubmitResult.Committed c -> {
          outcome[i] = RECORDED_REJECTED;
          count(
              "rejected in block: "
                  + c.code()
                  + (c.receipt().reason().isEmpty() ? "" : " " + c.receipt().reason()));
        }
        case SubmitResult.Refused r -> {
          outcome[i] = FAILED;
          count("refused: " + r.code());
        }
      }
    }
    permits.release();
  }

  private void count(String kind) {
    errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  private long lastDone(int submitted) {
    long last = 0;
    for (int i = 0; i < submitted; i++) {
      last = Math.max(last, doneAt[i]);
    }
    return last;
  }

  private Result result(
      int submitted,
      long start,
      long windowEnd,
      long blocks,
      long submitNanos,
      long cpuNanos,
      long jitMillis,
      boolean exhausted) {
    long[] latencies = new long[submitted];
    int ok = 0;
    long committedInWindow = 0;
    long errors = 0;
    long recorded = 0;
    for (int i = 0; i < submitted; i++) {
      switch (outcome[i]) {
        case COMMITTED -> {
          latencies[ok++] = doneAt[i] - startedAt[i];
          recorded++;
          if (doneAt[i] <= windowEnd) {
            committedInWindow++;
          }
        }
        case RECORDED_REJECTED -> {
          recorded++;
          errors++;
        }
        case FAILED -> errors++;
        default -> throw new IllegalStateException("transaction " + i + " has no outcome");
      }
    }
    Arrays.sort(latencies, 0, ok);
    double seconds = Math.max(1, windowEnd - start) / 1e9;
    return new Result(
        concurrency,
        seconds,
        committedInWindow,
        committedInWindow / seconds,
        Percentiles.of(latencies, ok, 50) / 1e6,
        Percentiles.of(latencies, ok, 99) / 1e6,
        errors,
        submitted,
        blocks,
        blocks == 0 ? 0 : recorded / (double) blocks,
        cpuNanos / (double) Math.max(1, submitNanos),
        committedInWindow == 0 ? 0 : cpuNanos / 1e3 / committedInWindow,
        jitMillis / 1e3,
        exhausted);
  }

  /** The error kinds counted so far, sorted by name. */
  static Map<String, Long> snapshot(Map<String, LongAdder> kinds) {
    Map<String, Long> out = new TreeMap<>();
    kinds.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  static Map<String, LongAdder> newErrorKinds() {
    return new ConcurrentHashMap<>();
  }

  /** Accumulated JIT compilation time (approximate, as the JVM reports it), or 0. */
  private static long jitMillis() {
    var jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : 0;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }
}

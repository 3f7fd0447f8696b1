package org.trademap.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.trademap.ledger.api.tx.SignedTransaction;

/**
 * The crypto ceiling of this machine: Ed25519 verifications per second on all cores, each one a
 * full {@link SignedTransaction#verifySignature()} (body encoding included, BouncyCastle), as the
 * node does it. A node verifies every transaction twice (on submit and on apply), so it cannot
 * commit more than half this rate.
 *
 * <p>Besides the wall-clock rate, it measures verifications per second of the verifying threads'
 * own CPU time: on a machine shared with other work the wall-clock rate drops with the share of CPU
 * the run gets, the per-CPU-second rate hardly does.
 */
final class CryptoCeiling {

  /**
   * @param perSecond verifications per wall-clock second, all threads together
   * @param perCpuSecond verifications per second of the verifying threads' CPU time
   * @param threads verifying threads (one per core)
   * @param txBytes size of the verified transactions' encoding
   */
  record Result(double perSecond, double perCpuSecond, int threads, int txBytes) {}

  private CryptoCeiling() {}

  static Result measure(
      List<SignedTransaction> sample, int threads, Duration warmUp, Duration run) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    boolean cpuTime = mx.isCurrentThreadCpuTimeSupported();
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean allValid = new AtomicBoolean(true);
    LongAdder count = new LongAdder();
    LongAdder cpuNanos = new LongAdder();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t * (sample.size() / threads);
      workers.add(
          Thread.ofPlatform()
              .daemon()
              .name("bench-verify-" + t)
              .start(
                  () -> {
                    long mine = 0;
                    long cpuStart = -1;
                    int i = offset;
                    boolean valid = true;
                    while (!stop.get()) {
                      boolean counted = measuring.get();
                      if (counted && cpuStart < 0) {
                        cpuStart = cpuTime ? mx.getCurrentThreadCpuTime() : 0;
                      }
                      valid &= sample.get(i).verifySignature();
                      i = i + 1 == sample.size() ? 0 : i + 1;
                      if (counted) {
                        mine++;
                      }
                    }
                    if (cpuStart >= 0 && cpuTime) {
                      cpuNanos.add(mx.getCurrentThreadCpuTime() - cpuStart);
                    }
                    count.add(mine);
                    if (!valid) {
                      allValid.set(false);
                    }
                  }));
    }
    long elapsed;
    try {
      Thread.sleep(warmUp);
      long start = System.nanoTime();
      measuring.set(true);
      Thread.sleep(run);
      stop.set(true);
      elapsed = System.nanoTime() - start;
      for (Thread w : workers) {
        w.join();
      }
    } catch (InterruptedException e) {
      stop.set(true);
      Thread.currentThread().interrupt();
      throw new BenchFailure("interrupted while measuring the crypto ceiling", e);
    }
    if (!allValid.get()) {
      throw new BenchFailure("a sample transaction's signature did not verify");
    }
    long n = count.sum();
    long cpu = cpuNanos.sum();
    return new Result(
        n / (elapsed / 1e9),
        cpu > 0 ? n / (cpu / 1e9) : 0,
        threads,
        sample.getFirst().encode().length);
  }
}

package org.trademap.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signs a step's transactions on every core before the step's timer starts, so that the client's
 * signing cost is not charged to the ledger, and measures the signing rate on the way.
 *
 * <p>Nonces come from one counter starting at the signer's next nonce, so they are strictly
 * increasing across steps; a transaction that is signed but never submitted leaves a gap, which the
 * ledger allows (a nonce only has to be above the last committed one). Each transaction's subject
 * reference is numbered by its nonce, so references are unique too.
 *
 * <p>Uses its own threads, never the common ForkJoin pool, which Ratis needs (STACK.md).
 */
final class Presigner implements AutoCloseable {
  private final KycWorkload workload;
  private final AtomicLong nonces;
  private final int threads;
  private final ExecutorService pool;
  private final SplittableRandom seeds;
  private long signed;
  private long signingNanos;

  Presigner(KycWorkload workload, long firstNonce, int threads, long seed) {
    this.workload = workload;
    this.nonces = new AtomicLong(firstNonce);
    this.threads = threads;
    this.pool =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().daemon().name("bench-signer-", 0).factory());
    this.seeds = new SplittableRandom(seed);
  }

  /** Signs {@code count} registrations stamped {@code timestampMillis}; returns their bytes. */
  byte[][] sign(int count, long timestampMillis) {
    long firstNonce = nonces.getAndAdd(count);
    byte[][] out = new byte[count][];
    int chunk = Math.max(1, (count + threads - 1) / threads);
    long start = System.nanoTime();
    List<Future<?>> parts = new ArrayList<>();
    for (int from = 0; from < count; from += chunk) {
      int lo = from;
      int hi = Math.min(count, from + chunk);
      SplittableRandom random = seeds.split();
      parts.add(
          pool.submit(
              () -> {
                for (int i = lo; i < hi; i++) {
                  long nonce = firstNonce + i;
                  out[i] = workload.register(nonce, nonce, timestampMillis, random).encode();
                }
              }));
    }
    for (Future<?> part : parts) {
      try {
        part.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchFailure("interrupted while signing transactions", e);
      } catch (ExecutionException e) {
        throw new BenchFailure("signing transactions failed", e.getCause());
      }
    }
    signingNanos += System.nanoTime() - start;
    signed += count;
    return out;
  }

  /** Transactions built, signed and encoded per second on all signing threads so far. */
  double rate() {
    return signingNanos == 0 ? 0 : signed / (signingNanos / 1e9);
  }

  long signed() {
    return signed;
  }

  int threads() {
    return threads;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}

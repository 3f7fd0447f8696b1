package org.trademap.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signs the steps' transactions on every core before each step's timer starts, so that the client's
 * signing cost is not charged to the ledger, and measures the signing rate on the way.
 *
 * <p>Nonces come from one counter starting at the signer's next nonce, and transactions are handed
 * out in nonce order. A step gives back what it did not submit; the next step submits those first,
 * so nonces still rise in submission order. A transaction that is never submitted leaves a gap,
 * which the ledger allows (a nonce only has to be above the last committed one); leftovers older
 * than {@link #MAX_AGE_MILLIS} are dropped that way, long before the ledger's five-minute window
 * would refuse them. Each subject reference is numbered by its transaction's nonce.
 *
 * <p>Uses its own threads, never the common ForkJoin pool, which Ratis needs (STACK.md).
 */
final class Presigner implements AutoCloseable {
  static final long MAX_AGE_MILLIS = 120_000;

  /** A signed transaction's bytes and the timestamp it carries. */
  private record Signed(byte[] bytes, long timestampMillis) {}

  private final KycWorkload workload;
  private final AtomicLong nonces;
  private final int threads;
  private final ExecutorService pool;
  private final SplittableRandom seeds;
  private final ArrayDeque<Signed> ready = new ArrayDeque<>();
  private byte[][] handedOut = new byte[0][];
  private long[] handedOutStamps = new long[0];
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

  /**
   * At least {@code count} transactions in nonce order: the leftovers given back, then newly signed
   * ones stamped {@code nowMillis}.
   */
  byte[][] take(int count, long nowMillis) {
    while (!ready.isEmpty() && nowMillis - ready.peekFirst().timestampMillis() > MAX_AGE_MILLIS) {
      ready.removeFirst();
    }
    if (ready.size() < count) {
      long stamp = nowMillis;
      for (byte[] tx : sign(count - ready.size(), stamp)) {
        ready.addLast(new Signed(tx, stamp));
      }
    }
    byte[][] out = new byte[ready.size()][];
    long[] stamps = new long[out.length];
    int i = 0;
    for (Signed s : ready) {
      stamps[i] = s.timestampMillis();
      out[i++] = s.bytes();
    }
    ready.clear();
    handedOut = out;
    handedOutStamps = stamps;
    return out;
  }

  /** Takes back the transactions from index {@code submitted} on of the last {@link #take}. */
  void giveBack(int submitted) {
    for (int i = handedOut.length - 1; i >= submitted; i--) {
      ready.addFirst(new Signed(handedOut[i], handedOutStamps[i]));
    }
    handedOut = new byte[0][];
    handedOutStamps = new long[0];
  }

  private byte[][] sign(int count, long timestampMillis) {
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

  @Override
  public void close() {
    pool.shutdownNow();
  }
}

package org.trademap.ledger.core.node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.core.exec.SignatureChecker;

/**
 * Verifies signatures on a dedicated pool (never the common ForkJoin pool, which Ratis needs: see
 * STACK.md), in chunks, one per core.
 */
final class ParallelSignatureChecker implements SignatureChecker, AutoCloseable {
  private static final int MIN_CHUNK = 16;
  private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          threads, Thread.ofPlatform().daemon().name("ledger-verify-", 0).factory());

  @Override
  public boolean[] verify(List<SignedTransaction> txs) {
    boolean[] ok = new boolean[txs.size()];
    if (txs.size() < MIN_CHUNK * 2 || threads == 1) {
      return SignatureChecker.SEQUENTIAL.verify(txs);
    }
    int chunk = (txs.size() + threads - 1) / threads;
    List<Future<?>> futures = new ArrayList<>();
    for (int start = 0; start < txs.size(); start += chunk) {
      int from = start;
      int to = Math.min(txs.size(), start + chunk);
      futures.add(
          pool.submit(
              () -> {
                for (int i = from; i < to; i++) {
                  ok[i] = txs.get(i).verifySignature();
                }
              }));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while verifying signatures", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("signature verification failed", e.getCause());
      }
    }
    return ok;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}

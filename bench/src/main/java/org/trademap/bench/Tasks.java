package org.trademap.bench;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for the benchmark's own threads. */
final class Tasks {
  private Tasks() {}

  /** Waits for every task; a task that failed fails the benchmark. */
  static void await(List<Future<?>> tasks) {
    for (Future<?> t : tasks) {
      try {
        t.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchFailure("interrupted while waiting for the submitting threads", e);
      } catch (ExecutionException e) {
        throw new BenchFailure("a submitting thread failed: " + e.getCause(), e.getCause());
      }
    }
  }
}

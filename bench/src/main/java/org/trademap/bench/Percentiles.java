package org.trademap.bench;

/** Percentiles of recorded latencies by the nearest-rank method. */
final class Percentiles {
  private Percentiles() {}

  /**
   * The {@code p}-th percentile (0 &lt; p ≤ 100) of the first {@code n} values of {@code sorted},
   * which must be sorted ascending; 0 when there are none.
   */
  static long of(long[] sorted, int n, double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("a percentile is above 0 and at most 100");
    }
    if (n == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * n);
    return sorted[Math.max(0, rank - 1)];
  }
}

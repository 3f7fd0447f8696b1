package org.trademap.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.trademap.ledger.core.cli.ConsortiumNodes;

/**
 * The CPU time of each node process of a consortium that {@code consortium up} started (the process
 * ids in {@code consortium.json}), as the operating system counts it: user and system time of all
 * the process's threads ({@link ProcessHandle.Info#totalCpuDuration()}, on Linux from {@code
 * /proc/<pid>/stat}, in clock ticks of 10 ms).
 */
final class NodeCpu {
  private final Map<String, ProcessHandle> processes;

  private NodeCpu(Map<String, ProcessHandle> processes) {
    this.processes = processes;
  }

  /**
   * The node processes of organisations {@code ids} of the consortium in {@code dir}.
   *
   * @throws BenchFailure if one is not recorded or not running
   */
  static NodeCpu of(java.nio.file.Path dir, Iterable<String> ids) {
    Map<String, ProcessHandle> processes = new LinkedHashMap<>();
    for (String id : ids) {
      Long pid = ConsortiumNodes.pid(dir, id);
      ProcessHandle h = pid == null ? null : ProcessHandle.of(pid).orElse(null);
      if (h == null || !h.isAlive()) {
        throw new BenchFailure("the node of " + id + " is not running (pid " + pid + ")");
      }
      processes.put(id, h);
    }
    return new NodeCpu(processes);
  }

  /** Each node's CPU time so far in nanoseconds, in the order of the organisations. */
  Map<String, Long> sample() {
    Map<String, Long> cpu = new LinkedHashMap<>();
    processes.forEach(
        (id, h) ->
            cpu.put(
                id,
                h.info()
                    .totalCpuDuration()
                    .map(Duration::toNanos)
                    .orElseThrow(
                        () ->
                            new BenchFailure(
                                "cannot read the CPU time of "
                                    + id
                                    + "'s node (pid "
                                    + h.pid()
                                    + (h.isAlive() ? ")" : ", which has ended)")))));
    return cpu;
  }

  /**
   * Each node's CPU time so far in its JIT compiler threads ({@code C1/C2 CompilerThread*}, read
   * from {@code /proc/<pid>/task/*}), in nanoseconds; empty where {@code /proc} is not there.
   * HotSpot ends idle compiler threads, and the time of one that ended between two samples is
   * missing from their difference, so a difference is at most the JIT's share.
   */
  Map<String, Long> jitSample() {
    Map<String, Long> jit = new LinkedHashMap<>();
    processes.forEach(
        (id, h) -> {
          Path tasks = Path.of("/proc", Long.toString(h.pid()), "task");
          if (!Files.isDirectory(tasks)) {
            return;
          }
          long ticks = 0;
          try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path t : threads) {
              ticks += compilerTicks(t.resolve("stat"));
            }
          } catch (IOException | UncheckedIOException e) {
            return;
          }
          jit.put(id, ticks * NANOS_PER_TICK);
        });
    return jit;
  }

  /** Linux reports thread times in USER_HZ ticks, 100 per second on every architecture. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /** A thread's user + system ticks if it is a JIT compiler thread, else 0 (also if it ended). */
  private static long compilerTicks(Path stat) {
    String line;
    try {
      line = Files.readString(stat);
    } catch (IOException e) {
      return 0;
    }
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      return 0;
    }
    String name = line.substring(open + 1, close);
    if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
      return 0;
    }
    String[] f = line.substring(close + 2).split(" ", -1);
    // after the name: state is field 3 of stat(5), utime field 14 and stime field 15
    return f.length > 12 ? Long.parseLong(f[11]) + Long.parseLong(f[12]) : 0;
  }

  /** The nodes that are no longer running. */
  java.util.List<String> ended() {
    return processes.entrySet().stream()
        .filter(e -> !e.getValue().isAlive())
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * Each node's CPU rate over the next {@code window} of wall time, in milliseconds of CPU per
   * second, in the order of the organisations; the calling thread sleeps meanwhile.
   */
  Map<String, Double> rates(Duration window) {
    Map<String, Long> before = sample();
    long t0 = System.nanoTime();
    try {
      Thread.sleep(window);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchFailure("interrupted while measuring the nodes' idle CPU", e);
    }
    Map<String, Long> spent = minus(sample(), before);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Double> rates = new LinkedHashMap<>();
    spent.forEach((id, ns) -> rates.put(id, ns / 1e6 / seconds));
    return rates;
  }

  /** The lower of two rates, node by node (a node missing in {@code b} keeps its rate in a). */
  static Map<String, Double> lower(Map<String, Double> a, Map<String, Double> b) {
    Map<String, Double> low = new LinkedHashMap<>();
    a.forEach((id, r) -> low.put(id, Math.min(r, b.getOrDefault(id, r))));
    return low;
  }

  /** {@code after − before}, node by node. */
  static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> d = new LinkedHashMap<>();
    after.forEach((id, t) -> d.put(id, t - before.getOrDefault(id, t)));
    return d;
  }
}

package org.trademap.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the benchmarks jar.
 *
 * <pre>
 * BenchMain ledger [--duration 30s] [--out FILE] [--data DIR]
 * BenchMain ledger --cluster D [--duration 60s] [--concurrency 256] [--out FILE] [--acked-out FILE]
 * BenchMain ledger --cluster D --verify-acked FILE
 * BenchMain jmh [JMH options]
 * </pre>
 *
 * Exit status: 0 when the benchmark ran to its end, 1 when it failed (the reason is printed), 64
 * for a wrong command line (the usage is printed).
 */
public final class BenchMain {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 64;

  static final String USAGE_TEXT =
      """
      usage: BenchMain ledger [--duration 30s] [--out FILE] [--data DIR]
             BenchMain ledger --cluster D [--duration 60s] [--concurrency 256] [--out FILE]
                              [--acked-out FILE]
             BenchMain ledger --cluster D --verify-acked FILE
             BenchMain jmh [JMH options]

        ledger   end-to-end ledger throughput: signed kyc-registry registrations submitted to an
                 embedded node while the number of outstanding transactions is raised step by step
                 (8, 32, 128, 512, 1024) until throughput stops rising
          --duration D   total time of the measured steps: 30s, 2m, 1500ms (default 30s, 5s..10m)
          --out FILE     JSON result (default bench-results/ledger-<UTC timestamp>.json)
          --data DIR     node data directory, kept afterwards (default: a temporary one, deleted)

        ledger --cluster D   the same transactions over HTTP to a running consortium (started with
                 consortium up --dir D), spread over its nodes so that followers forward to the
                 leader; prints submitted, acknowledged, refused, errors, throughput and latency
                 p50/p95/p99/max from submission to acknowledgement (commit)
          --duration D       submission time (default 60s, 5s..10m)
          --concurrency N    transactions outstanding at a time over all nodes (default 256)
          --out FILE         JSON result (default bench-results/cluster-<UTC timestamp>.json)
          --acked-out FILE   the id of every acknowledged transaction, one per line
          --verify-acked FILE  instead of a benchmark: check that every id of FILE is on every
                             node; prints the missing ones per node, exit 1 if any is missing

        jmh      the JMH microbenchmarks of this module (SignatureBenchmark, EncodingBenchmark,
                 BlockApplyBenchmark); options you do not give default to -f 1 -wi 2 -i 3 -w 1s -r 2s
      """;

  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command and returns the process exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("a command is needed: ledger or jmh");
      err.print(USAGE_TEXT);
      return USAGE;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    return switch (args[0]) {
      case "ledger" -> ledger(rest, out, err);
      case "jmh" -> JmhCommand.run(rest, out, err);
      case "-h", "--help", "help" -> {
        out.print(USAGE_TEXT);
        yield OK;
      }
      default -> {
        err.println("unknown command '" + args[0] + "': use ledger or jmh");
        err.print(USAGE_TEXT);
        yield USAGE;
      }
    };
  }

  private static int ledger(List<String> args, PrintStream out, PrintStream err) {
    if (ClusterOptions.wanted(args)) {
      return cluster(args, out, err);
    }
    LedgerOptions options;
    try {
      options = LedgerOptions.parse(args);
    } catch (UsageException e) {
      err.println(e.getMessage());
      err.print(USAGE_TEXT);
      return USAGE;
    }
    if (options.help()) {
      out.print(USAGE_TEXT);
      return OK;
    }
    return guarded(() -> new LedgerBenchmark(options, out).run(), err);
  }

  private static int cluster(List<String> args, PrintStream out, PrintStream err) {
    ClusterOptions options;
    try {
      options = ClusterOptions.parse(args);
    } catch (UsageException e) {
      err.println(e.getMessage());
      err.print(USAGE_TEXT);
      return USAGE;
    }
    if (options.help()) {
      out.print(USAGE_TEXT);
      return OK;
    }
    Path verify = options.verifyAcked();
    if (verify != null) {
      int[] status = {OK};
      int r =
          guarded(() -> status[0] = AckedCheck.run(options.dir(), verify, out) ? OK : FAILED, err);
      return r == OK ? status[0] : r;
    }
    return guarded(() -> new ClusterBenchmark(options, out).run(), err);
  }

  /** Runs a benchmark, printing why it failed if it did. */
  private static int guarded(Runnable benchmark, PrintStream err) {
    try {
      benchmark.run();
      return OK;
    } catch (BenchFailure e) {
      err.println("ledger benchmark failed: " + e.getMessage());
      Throwable cause = e.getCause();
      if (cause != null && !String.valueOf(e.getMessage()).contains(cause.toString())) {
        err.println("  caused by: " + cause);
      }
      return FAILED;
    } catch (RuntimeException e) {
      err.println("ledger benchmark failed: " + e);
      e.printStackTrace(err);
      return FAILED;
    }
  }
}

package org.trademap.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the benchmarks jar.
 *
 * <pre>
 * BenchMain ledger [--duration 30s] [--out FILE] [--data DIR]
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
             BenchMain jmh [JMH options]

        ledger   end-to-end ledger throughput: signed kyc-registry registrations submitted to an
                 embedded node while the number of outstanding transactions is raised step by step
                 (8, 32, 128, 512, 1024) until throughput stops rising
          --duration D   total time of the measured steps: 30s, 2m, 1500ms (default 30s, 5s..10m)
          --out FILE     JSON result (default bench-results/ledger-<UTC timestamp>.json)
          --data DIR     node data directory, kept afterwards (default: a temporary one, deleted)

        jmh      the JMH microbenchmarks of this module (SignatureBenchmark, EncodingBenchmark,
                 BlockApplyBenchmark); options you do not give default to -f 1 -wi 2 -i 3 -w 1s -r 2s
      """;

  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command and returns the process exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
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
    try {
      new LedgerBenchmark(options, out).run();
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

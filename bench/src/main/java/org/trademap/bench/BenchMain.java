package org.trademap.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.core.cli.NodeLauncher;

/**
 * Entry point of the benchmarks jar.
 *
 * <pre>
 * BenchMain ledger [--duration 30s] [--out FILE] [--data DIR]
 * BenchMain ledger --cluster D [--duration 60s] [--concurrency 1024] [--batch 128] [--warmup 10s]
 *                  [--submit-to all|leader] [--out FILE] [--acked-out FILE]
 * BenchMain ledger --cluster D --verify-acked FILE
 * BenchMain failover --cluster D [--duration 40s] [--fault kill|pause|slow] [--fault-after 10s]
 *                    [--fault-for 10s] [--target leader|follower] [--wipe] [--concurrency 1024]
 *                    [--out FILE]
 * BenchMain idle --cluster D [--duration 10m]
 * BenchMain scaling --model a|b|a,b [--companies 4,8,12,16,20] [--duration 30s] [--idle 5s]
 *                   [--warmup 60s] [--concurrency 1024] [--out DIR]
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
             BenchMain ledger --cluster D [--duration 60s] [--concurrency 1024] [--batch 128]
                              [--warmup 10s] [--submit-to all|leader] [--out FILE]
                              [--acked-out FILE]
             BenchMain ledger --cluster D --verify-acked FILE
             BenchMain failover --cluster D [--duration 40s] [--fault kill|pause|slow]
                                [--fault-after 10s] [--fault-for 10s]
                                [--target leader|follower] [--wipe] [--concurrency 1024]
                                [--out FILE]
             BenchMain idle --cluster D [--duration 10m]
             BenchMain scaling --model a|b|a,b [--companies 4,8,12,16,20] [--duration 30s]
                               [--idle 5s] [--warmup 60s]
                               [--concurrency 1024 | --concurrency-per-company N] [--out DIR]
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
                 p50/p95/p99/max from submission to acknowledgement (commit), and the Ed25519
                 ceiling measured first with the target max(50 % of it, 2,000 tx/s), met or missed;
                 exit 1 if a node answered one of its new transactions ledger.duplicate
          --duration D       submission time (default 60s, 5s..10m)
          --concurrency N    transactions outstanding at a time over all nodes (default 1024)
          --batch N          transactions per request, 1..1000 (default 128): POST
                             /api/v1/ledger/transactions/batch; 1 submits each on its own request
          --warmup D         submission before the measured time, not counted (default 60s; 0: none)
          --submit-to T      all (default): every node in turn, the followers forward to the
                             leader; leader: only the channel's leader, no forwarding
          --out FILE         JSON result (default bench-results/cluster-<UTC timestamp>.json)
          --acked-out FILE   the id of every acknowledged transaction, one per line
          --verify-acked FILE  instead of a benchmark: check that every id of FILE is on every
                             node; prints the missing ones per node, exit 1 if any is missing

        failover --cluster D   the load of ledger --cluster with a fault on one node: killed
                 (SIGKILL) and started again with the command line it ran with, paused (SIGSTOP,
                 then SIGCONT), or slowed (stopped 180 ms of every 200 ms); then every acknowledged
                 transaction is looked up on every node. A worker whose node refuses the
                 connection sends the same transactions once more at the channel's next node and
                 stays there (counted as redirected); other failures are errors, not resent.
                 Prints the write gap (longest time without an acknowledgement, overall and around
                 the fault), the other nodes' acknowledgements per second before and during the
                 fault, the time to a new leader, the node's catch-up and the acknowledged
                 transactions missing per node; after a pause or slowing, the node is asked with
                 a linearizable read for the last transaction the others acknowledged. Exit 1 if
                 one is missing, the node did not catch up, that read answered "not found"
                 (stale), a slowed follower cut the others' rate below 80 % of before, or a new
                 transaction was answered ledger.duplicate
          --duration D        submission time (default 40s, 5s..10m)
          --fault F           kill (default), pause or slow
          --fault-after D     from the start of submission to the fault (default 10s; older
                              name --kill-after)
          --fault-for D       how long the fault lasts: to the restart, to SIGCONT, or slowed
                              (default 10s; older name --restart-after)
          --target T          leader (default) or follower of the default channel
          --wipe              kill only: empty the node's data directory before the restart
          --concurrency N     transactions outstanding at a time (default 1024)
          --out FILE          JSON result (default bench-results/failover-<UTC timestamp>.json)

        idle --cluster D   polls every node's status once a second and counts leader changes and
                 role flips per channel (false elections of an idle consortium); exit 1 if any
          --duration D   how long (default 10m, 5s..1h)

        scaling  the JPX Figure 7-9 experiment: per trust model and number of securities
                 companies, a consortium of companies + 2 nodes is written (consortium init into
                 DIR/<model>-<companies>, every node with an election timeout of 3 s),
                 started (consortium up; nodes run with -Xmx384m
                 -XX:MaxDirectMemorySize=1g -XX:+UseSerialGC), loaded like ledger --cluster
                 (model a: round-robin over the channels rel-<company>, each at its three
                 members; model b: channel all at every node) for the warm-up and then the measured time, and stopped. Prints and writes
                 DIR/scaling.json, scaling.csv and scaling.png: per size the throughput measured
                 here and the projection with one machine per node, per node process (CPU time
                 = user + system):
                   idleRate     = CPU ms per second with no load, the lower of a sample before
                                  and one after the warm-up
                   marginal     = (CPU ms in the measured time - idleRate x seconds) / acknowledged
                   projectedTps = min over nodes of (cores x 1000 - idleRate) / marginal
                 and, charging the idle work to the transactions as well,
                   cpuMsPerTxPerNode  = max over nodes of CPU ms in the measured time / acknowledged
                   projectedTpsAllCpu = cores x 1000 / cpuMsPerTxPerNode
                 Exit 1 if a node answered one of the new transactions ledger.duplicate.
          --model M          a, b or a,b (required)
          --companies LIST   numbers of companies, 1 to 98 each (default 4,8,12,16,20)
          --duration D       measured time per size (default 30s, 1s..10m)
          --idle D           each idle CPU sample (default 5s, 1s..10m)
          --warmup D         load before it per size, not measured (default 60s: the nodes JIT-compile for minutes on a shared machine; 0s..10m)
          --concurrency N    transactions outstanding at a time (default 1024; at least one per
                             channel and node of the largest size)
          --concurrency-per-company N
                             instead: N outstanding per company, N x companies at each size
                             (each company keeps the same load; at most 4096 in all)
          --out DIR          where it all goes (default bench-results/scaling-<UTC timestamp>)

        jmh      the JMH microbenchmarks of this module (SignatureBenchmark, EncodingBenchmark,
                 BlockApplyBenchmark); options you do not give default to -f 1 -wi 2 -i 3 -w 1s -r 2s
      """;

  private BenchMain() {}

  public static void main(String[] args) {
    String jar = System.getProperty(ServerJarLauncher.PROPERTY);
    System.exit(
        run(
            args,
            System.out,
            System.err,
            jar == null || jar.isBlank()
                ? null
                : options -> ServerJarLauncher.of(Path.of(jar), options)));
  }

  /** Runs a command and returns the process exit status; {@code scaling} cannot start nodes. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, null);
  }

  /**
   * Runs a command and returns the process exit status.
   *
   * @param launchers how {@code scaling} starts a node's server, for given JVM options; null if it
   *     cannot
   */
  public static int run(
      String[] args,
      PrintStream out,
      PrintStream err,
      @Nullable Function<List<String>, NodeLauncher> launchers) {
    if (args.length == 0) {
      err.println("a command is needed: ledger, failover, idle, scaling or jmh");
      err.print(USAGE_TEXT);
      return USAGE;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    return switch (args[0]) {
      case "ledger" -> ledger(rest, out, err);
      case "failover" -> failover(rest, out, err);
      case "idle" -> idle(rest, out, err);
      case "scaling" -> scaling(rest, out, err, launchers);
      case "jmh" -> JmhCommand.run(rest, out, err);
      case "-h", "--help", "help" -> {
        out.print(USAGE_TEXT);
        yield OK;
      }
      default -> {
        err.println(
            "unknown command '" + args[0] + "': use ledger, failover, idle, scaling or jmh");
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
      return usage(e, err);
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
      return usage(e, err);
    }
    if (options.help()) {
      out.print(USAGE_TEXT);
      return OK;
    }
    Path verify = options.verifyAcked();
    if (verify != null) {
      return checked(() -> AckedCheck.run(options.dir(), verify, out), err);
    }
    return checked(() -> new ClusterBenchmark(options, out).run().wrongDuplicates() == 0, err);
  }

  private static int failover(List<String> args, PrintStream out, PrintStream err) {
    FailoverOptions options;
    try {
      options = FailoverOptions.parse(args);
    } catch (UsageException e) {
      return usage(e, err);
    }
    if (options.help()) {
      out.print(USAGE_TEXT);
      return OK;
    }
    return checked(() -> new FailoverBenchmark(options, out).run(), err);
  }

  private static int idle(List<String> args, PrintStream out, PrintStream err) {
    Path dir = null;
    Duration duration = Duration.ofMinutes(10);
    try {
      for (Args.Option o : Args.split(args, Set.of("--cluster", "--duration"))) {
        switch (o.name()) {
          case "-h", "--help" -> {
            out.print(USAGE_TEXT);
            return OK;
          }
          case "--cluster" -> dir = LedgerOptions.parsePath(o.name(), o.given());
          case "--duration" -> duration = LedgerOptions.parseDuration(o.given());
          default -> throw new UsageException("unknown option '" + o.typed() + "'");
        }
      }
      if (dir == null) {
        throw new UsageException("idle needs --cluster D, the consortium directory");
      }
      if (duration.compareTo(LedgerOptions.MIN_DURATION) < 0
          || duration.compareTo(Duration.ofHours(1)) > 0) {
        throw new UsageException(
            "--duration must be between 5s and 1h, not " + Durations.format(duration));
      }
    } catch (UsageException e) {
      return usage(e, err);
    }
    Path d = dir;
    Duration t = duration;
    return checked(() -> new IdleWatch(Cluster.read(d), t, out).run(), err);
  }

  private static int scaling(
      List<String> args,
      PrintStream out,
      PrintStream err,
      @Nullable Function<List<String>, NodeLauncher> launchers) {
    ScalingOptions options;
    try {
      options = ScalingOptions.parse(args);
      if (!options.help()) {
        ScalingBenchmark.requireFreshOut(options, ScalingBenchmark.outDir(options, Instant.now()));
      }
    } catch (UsageException e) {
      return usage(e, err);
    }
    if (options.help()) {
      out.print(USAGE_TEXT);
      return OK;
    }
    if (launchers == null) {
      err.println(
          "scaling starts the nodes' servers from the server jar: run it as bin/trademap bench"
              + " scaling");
      return FAILED;
    }
    ScalingBenchmark benchmark = new ScalingBenchmark(options, out, launchers);
    return checked(
        () -> {
          benchmark.run();
          return benchmark.wrongDuplicates() == 0;
        },
        err);
  }

  private static int usage(UsageException e, PrintStream err) {
    err.println(e.getMessage());
    err.print(USAGE_TEXT);
    return USAGE;
  }

  /** Runs a check that passes or fails: 0 if it passed, 1 if it failed or could not run. */
  private static int checked(BooleanSupplier check, PrintStream err) {
    int[] status = {OK};
    int r = guarded(() -> status[0] = check.getAsBoolean() ? OK : FAILED, err);
    return r == OK ? status[0] : r;
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

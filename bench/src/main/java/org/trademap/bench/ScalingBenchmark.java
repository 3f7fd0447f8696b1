package org.trademap.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.trademap.ledger.core.cli.LedgerCli;
import org.trademap.ledger.core.cli.NodeLauncher;
import org.trademap.ledger.core.config.ConsortiumLayout;
import org.trademap.ledger.core.config.ConsortiumLayout.Model;

/**
 * {@code BenchMain scaling}: the JPX Figure 7-9 experiment. For each trust model and number of
 * securities companies it writes a consortium ({@code consortium init} into {@code
 * DIR/<model>-<companies>}), starts it ({@code consortium up}, one server process per node), puts
 * the cluster load on it ({@link ClusterBenchmark}: in model b on channel {@code all} at every
 * node, in model a round-robin over the relationship channels {@code rel-<company>}, each at its
 * three members, so a company's node sees only its own channel's transactions and the consortium's
 * and the notary's see all) for a warm-up and then the measured time, reads every node process's
 * CPU time around the measured submission ({@link NodeCpu}), and stops it ({@code consortium
 * down}). The figures and the projection are defined in {@link ScalingPoint}; they are printed and
 * written to {@code DIR/scaling.json}, {@code scaling.csv} and {@code scaling.png}.
 */
final class ScalingBenchmark {
  /**
   * The JVM options of every node: a bounded heap, so that 22 server JVMs (20 companies) fit in the
   * memory of a development machine, and the serial collector, which keeps one GC thread per JVM on
   * a machine whose few cores the nodes share.
   */
  // Ratis gives every Raft group a 32 MB direct write buffer, and the consortium's and the
  // notary's node hold one group per company in model a: direct memory (by default as large as the
  // heap) must not be what limits the size.
  static final List<String> NODE_JVM_OPTIONS =
      List.of("-Xmx384m", "-XX:MaxDirectMemorySize=1g", "-XX:+UseSerialGC");

  /**
   * The least Raft election timeout of every node ({@code consortium init --election-timeout-ms}),
   * three times the default. Up to 22 server JVMs and the client share two cores here: a node's
   * collection pauses stretch to 0.3–0.7 s while it waits for the CPU, and with the default 1 s the
   * company nodes lost their channel's leadership a dozen or two times per run, and the
   * transactions forwarded to them in that moment timed out (ADR 0042). Nothing in the benchmark
   * kills a node, so the longer timeout only delays elections nobody needs.
   */
  static final Duration NODE_ELECTION_TIMEOUT = Duration.ofSeconds(3);

  /** Server properties of every node: loopback only, no demo data, no banner. */
  static final List<String> NODE_PROPERTIES =
      List.of(
          "--server.address=127.0.0.1",
          "--trademap.demo.seed=false",
          "--spring.main.banner-mode=off");

  static final String FORMULA =
      "per node: idleRate = CPU ms per second (user + system) while the consortium is idle, the"
          + " lower of a sample before and one after the warm-up; marginal = (CPU ms in the"
          + " measured submission − idleRate × seconds) / acknowledged; projectedTps = min over"
          + " nodes of (cores × 1000 − idleRate) / marginal (the limiting node's). Also"
          + " projectedTpsAllCpu = cores × 1000 / max over nodes of (CPU ms / acknowledged), which"
          + " charges the idle work to the transactions";

  private final ScalingOptions options;
  private final PrintStream out;
  private final Function<List<String>, NodeLauncher> launchers;

  /** New transactions answered "duplicate" so far, warm-ups included: wrong answers (ADR 0044). */
  private long wrongDuplicates;

  /**
   * @param launchers a node launcher for given JVM options ({@link #NODE_JVM_OPTIONS})
   */
  ScalingBenchmark(
      ScalingOptions options, PrintStream out, Function<List<String>, NodeLauncher> launchers) {
    this.options = options;
    this.out = out;
    this.launchers = launchers;
  }

  /** The output directory: {@code --out}, or {@code bench-results/scaling-<UTC timestamp>}. */
  static Path outDir(ScalingOptions options, Instant now) {
    Path given = options.out();
    if (given != null) {
      return given;
    }
    String json = LedgerBenchmark.defaultOut("scaling", now).toString();
    return Path.of(json.substring(0, json.length() - ".json".length()));
  }

  /**
   * Checks before anything starts that the output directory can take the run: each size's
   * consortium directory is missing or empty, the result files are not directories.
   *
   * @throws UsageException naming what is in the way
   */
  static void requireFreshOut(ScalingOptions options, Path dir) throws UsageException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UsageException("--out " + dir + " is a file; it names a directory");
    }
    for (Model m : options.models()) {
      for (int n : options.companies()) {
        Path d = dir.resolve(sizeDir(m, n));
        if (Files.exists(d) && !isEmptyDirectory(d)) {
          throw new UsageException(
              "--out: "
                  + d
                  + " is not empty (a run writes a new consortium there); choose another");
        }
      }
    }
  }

  private static boolean isEmptyDirectory(Path d) {
    try (Stream<Path> s = Files.list(d)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  static String sizeDir(Model model, int companies) {
    return model.label() + "-" + companies;
  }

  /** Runs every size in turn and writes the results; returns the points. */
  List<ScalingPoint> run() {
    Instant started = Instant.now();
    Machine machine = Machine.current();
    Path dir = outDir(options, started);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new BenchFailure("cannot create " + dir + ": " + e, e);
    }
    out.println(
        "TradeMap scaling benchmark (JPX Figure 7-9): "
            + KycWorkload.NAME
            + " over HTTP, one consortium per model and size, one process per node");
    long memoryMb = Machine.physicalMemoryBytes() / (1024 * 1024);
    out.println("machine   " + machine.describe() + ", memory " + memoryMb + " MB");
    out.printf(
        Locale.ROOT,
        "config    models %s; companies %s; idle %s; warm-up %s; measured %s; concurrency %s;"
            + " nodes run with %s and an election timeout of %s; out %s%n",
        String.join(",", options.models().stream().map(Model::label).toList()),
        options.companies(),
        Durations.format(options.idle()),
        Durations.format(options.warmup()),
        Durations.format(options.duration()),
        options.perCompany() > 0
            ? options.perCompany() + " per company (" + options.perCompany() + " × companies)"
            : Integer.toString(options.concurrency()),
        String.join(" ", NODE_JVM_OPTIONS),
        Durations.format(NODE_ELECTION_TIMEOUT),
        dir.toAbsolutePath());
    out.println("formula   " + FORMULA);
    out.println(
        "note      all nodes and the client share this machine: the measured figures fall as"
            + " nodes are added; the projection is what the CPU per transaction allows");
    List<ScalingPoint> points = new ArrayList<>();
    for (Model m : options.models()) {
      for (int n : options.companies()) {
        ScalingPoint p = size(dir, m, n, machine);
        points.add(p);
        out.printf(
            Locale.ROOT,
            "point     model %s, %d %s (%d nodes): measured %,.1f tx/s, projected %,.1f"
                + " tx/s (limiting %s: idle %.1f CPU ms/s, %.3f CPU ms/tx above it); from all CPU"
                + " %,.1f tx/s (busiest %s %.3f CPU ms/tx)%n",
            p.model(),
            p.companies(),
            p.companies() == 1 ? "company" : "companies",
            p.nodes(),
            p.measuredTps(),
            p.projectedTps(),
            p.limitingNode(),
            p.idleCpuMsPerSec(),
            p.marginalCpuMsPerTx(),
            p.projectedTpsAllCpu(),
            p.busiestNode(),
            p.cpuMsPerTxPerNode());
      }
    }
    write(dir, points, machine, started);
    if (wrongDuplicates > 0) {
      out.printf(
          Locale.ROOT,
          "WRONG     %,d new transactions were answered %s in this run (see the sizes above)%n",
          wrongDuplicates,
          ClusterBenchmark.Report.DUPLICATE);
    }
    return points;
  }

  /** New transactions answered "duplicate" in the run: wrong answers, the run fails on them. */
  long wrongDuplicates() {
    return wrongDuplicates;
  }

  private void write(Path dir, List<ScalingPoint> points, Machine machine, Instant started) {
    Path json = dir.resolve(ScalingFiles.JSON_FILE);
    Path csv = dir.resolve(ScalingFiles.CSV_FILE);
    Path png = dir.resolve(ScalingFiles.PNG_FILE);
    ScalingFiles.writeJson(json, points);
    ScalingFiles.writeCsv(csv, points);
    ScalingChart.write(
        png,
        points,
        String.format(
            Locale.ROOT,
            "%s; %d cores, JDK %s; %s measured per size; projected = min over nodes of (cores ×"
                + " 1000 − idle CPU ms/s) / CPU ms per tx above idle",
            started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
            machine.cores(),
            Runtime.version(),
            Durations.format(options.duration())));
    out.println();
    out.println(
        "model companies nodes  measured tx/s  projected tx/s  limiting      idle ms/s  ms/tx"
            + " above  all-CPU tx/s  all-CPU ms/tx  busiest");
    for (ScalingPoint p : points) {
      out.printf(
          Locale.ROOT,
          "%-5s %9d %5d %14.1f %15.1f  %-12s %9.1f %12.3f %13.1f %14.3f  %s%n",
          p.model(),
          p.companies(),
          p.nodes(),
          p.measuredTps(),
          p.projectedTps(),
          p.limitingNode(),
          p.idleCpuMsPerSec(),
          p.marginalCpuMsPerTx(),
          p.projectedTpsAllCpu(),
          p.cpuMsPerTxPerNode(),
          p.busiestNode());
    }
    target(points);
    out.println("JSON      " + json.toAbsolutePath());
    out.println("CSV       " + csv.toAbsolutePath());
    out.println("chart     " + png.toAbsolutePath());
  }

  /** Prints model a's projection at its largest size against its smallest (target ≥ 90 %). */
  private void target(List<ScalingPoint> points) {
    List<ScalingPoint> a = points.stream().filter(p -> p.model().equals("a")).toList();
    if (a.size() < 2) {
      return;
    }
    ScalingPoint first = a.getFirst();
    ScalingPoint last = a.getLast();
    double ratio = first.projectedTps() == 0 ? 0 : last.projectedTps() / first.projectedTps();
    double ratioAll =
        first.projectedTpsAllCpu() == 0
            ? 0
            : last.projectedTpsAllCpu() / first.projectedTpsAllCpu();
    out.printf(
        Locale.ROOT,
        "target    model a projected at %d companies is %.1f %% of that at %d (target ≥ 90 %%):"
            + " %s; from all CPU %.1f %%%n",
        last.companies(),
        100 * ratio,
        first.companies(),
        ratio >= 0.9 ? "met" : "MISSED",
        100 * ratioAll);
  }

  /** One size: init, up, warm-up, measured run with CPU sampling, down. */
  private ScalingPoint size(Path dir, Model model, int companies, Machine machine) {
    int orgs = companies + 2;
    Path d = dir.resolve(sizeDir(model, companies)).toAbsolutePath();
    out.println();
    out.println("size      model " + model.label() + ", " + companies + " companies: " + d);
    NodeLauncher launcher = launchers.apply(NODE_JVM_OPTIONS);
    List<Integer> ports = freeConsecutivePorts(2 * orgs);
    consortium(
        launcher,
        "consortium",
        "init",
        "--orgs",
        String.valueOf(orgs),
        "--model",
        model.label(),
        "--dir",
        d.toString(),
        "--http-port",
        String.valueOf(ports.getFirst()),
        "--raft-port",
        String.valueOf(ports.get(orgs)),
        "--election-timeout-ms",
        String.valueOf(NODE_ELECTION_TIMEOUT.toMillis()));
    boolean up = false;
    // Stops this size's nodes also when the benchmark itself is stopped (Ctrl-C, SIGTERM).
    Thread stopNodes = new Thread(() -> down(launcher, d), "scaling-consortium-down");
    Runtime.getRuntime().addShutdownHook(stopNodes);
    try {
      long t0 = System.nanoTime();
      List<String> upArgs =
          new ArrayList<>(List.of("consortium", "up", "--dir", d.toString(), "--timeout", "600"));
      upArgs.addAll(NODE_PROPERTIES);
      up = true;
      consortium(launcher, upArgs.toArray(String[]::new));
      out.printf(
          Locale.ROOT,
          "up        %d nodes healthy in %.1f s%n",
          orgs,
          (System.nanoTime() - t0) / 1e9);
      Cluster cluster = Cluster.read(d);
      List<String> channels =
          model == Model.A
              ? cluster.holders().keySet().stream()
                  .filter(c -> c.startsWith(ConsortiumLayout.RELATIONSHIP_PREFIX))
                  .toList()
              : List.of();
      List<String> ids = List.copyOf(new LinkedHashSet<>(allNodes(cluster)));
      NodeCpu cpu = NodeCpu.of(d, ids);
      Map<String, Double> idle = idleRates(cpu, "before the warm-up");
      if (!options.warmup().isZero()) {
        ClusterOptions warm =
            new ClusterOptions(
                d,
                options.warmup(),
                options.concurrencyAt(companies),
                // batched requests like bench ledger --cluster; the warm-up is this benchmark's own
                ClusterOptions.DEFAULT_BATCH,
                Duration.ZERO,
                false,
                d.resolve("warmup.json"),
                null,
                null,
                false);
        ClusterBenchmark.Report w =
            new ClusterBenchmark(
                    warm,
                    new PrintStream(OutputStream.nullOutputStream()),
                    ClusterBenchmark.Listener.NONE,
                    channels)
                .run();
        out.printf(
            Locale.ROOT,
            "warm-up   %s: %,d acknowledged, %,.1f tx/s, %,d refused, %,d errors (not counted)%s%n",
            Durations.format(options.warmup()),
            w.acknowledged(),
            w.tps(),
            w.refused(),
            w.errors(),
            w.wrongDuplicates() > 0
                ? String.format(
                    Locale.ROOT,
                    "; WRONG: %,d new transactions answered %s",
                    w.wrongDuplicates(),
                    ClusterBenchmark.Report.DUPLICATE)
                : "");
        wrongDuplicates += w.wrongDuplicates();
        idle = NodeCpu.lower(idle, idleRates(cpu, "after the warm-up"));
      }
      printIdle(idle);
      List<String> counted =
          channels.isEmpty() ? List.of(cluster.genesis().channels().getFirst().name()) : channels;
      CpuWindow window = new CpuWindow(cpu, () -> heights(cluster, counted));
      ClusterOptions measured =
          new ClusterOptions(
              d,
              options.duration(),
              options.concurrencyAt(companies),
              // batched requests like bench ledger --cluster; the warm-up is this benchmark's own
              ClusterOptions.DEFAULT_BATCH,
              Duration.ZERO,
              false,
              d.resolve("cluster.json"),
              null,
              null,
              false);
      ClusterBenchmark.Report r = new ClusterBenchmark(measured, out, window, channels).run();
      wrongDuplicates += r.wrongDuplicates();
      List<String> ended = cpu.ended();
      if (!ended.isEmpty()) {
        throw new BenchFailure("nodes ended during the run: " + ended + " (see their node.log)");
      }
      Map<String, Long> cpuNanos = window.total();
      long blocks = window.blocks();
      out.printf(
          Locale.ROOT,
          "blocks    %,d blocks on %d channel(s) in the measured time, %s transactions per block%n",
          blocks,
          counted.size(),
          blocks <= 0
              ? "–"
              : String.format(Locale.ROOT, "%.1f", r.acknowledged() / (double) blocks));
      Map<String, Long> jitNanos = window.jit();
      cpuNanos.forEach(
          (id, ns) ->
              out.printf(
                  Locale.ROOT,
                  "cpu       %-12s %,.0f ms CPU in the measured time (JIT compilers %s), %.3f ms"
                      + " per acknowledged tx%n",
                  id,
                  ns / 1e6,
                  jitNanos.containsKey(id)
                      ? String.format(Locale.ROOT, "%,.0f ms", jitNanos.get(id) / 1e6)
                      : "not measured",
                  r.acknowledged() == 0 ? 0 : ns / 1e6 / r.acknowledged()));
      try {
        return ScalingPoint.of(
            model.label(),
            companies,
            r.seconds(),
            r.acknowledged(),
            r.refused(),
            r.errors(),
            cpuNanos,
            idle,
            machine.cores());
      } catch (IllegalArgumentException e) {
        throw new BenchFailure(e.getMessage() + " (see " + d.resolve("cluster.json") + ")", e);
      }
    } finally {
      if (up) {
        down(launcher, d);
      }
      try {
        Runtime.getRuntime().removeShutdownHook(stopNodes);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs and finds the nodes stopped
      }
    }
  }

  /**
   * Each node's CPU rate while no load is on the consortium, over {@code --idle}: milliseconds of
   * CPU per second of wall time.
   */
  private Map<String, Double> idleRates(NodeCpu cpu, String when) {
    Map<String, Double> rates = cpu.rates(options.idle());
    double total = rates.values().stream().mapToDouble(Double::doubleValue).sum();
    out.printf(
        Locale.ROOT,
        "idle      %s: %,.1f CPU ms/s over all nodes in %s; the busiest %s%n",
        when,
        total,
        Durations.format(options.idle()),
        rates.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(e -> String.format(Locale.ROOT, "%s %.1f ms/s", e.getKey(), e.getValue()))
            .orElse("none"));
    return rates;
  }

  private void printIdle(Map<String, Double> idle) {
    idle.forEach(
        (id, rate) ->
            out.printf(
                Locale.ROOT,
                "idle      %-12s %.1f CPU ms/s (the lower sample), taken off its cores%n",
                id,
                rate));
  }

  /** Every organisation's id, in the order of the channels' members. */
  private static List<String> allNodes(Cluster cluster) {
    List<String> ids = new ArrayList<>();
    cluster.holders().values().forEach(l -> l.forEach(n -> ids.add(n.id())));
    return ids;
  }

  /** Stops the consortium; says so if it cannot, without hiding why the run ended. */
  private void down(NodeLauncher launcher, Path d) {
    try {
      consortium(launcher, "consortium", "down", "--dir", d.toString());
    } catch (BenchFailure e) {
      out.println("down      " + e.getMessage());
    }
  }

  /** Runs a {@code consortium} command; its output is printed only if it fails. */
  private void consortium(NodeLauncher launcher, String... args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream s = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int status = LedgerCli.run(args, s, s, launcher);
    if (status != LedgerCli.OK) {
      throw new BenchFailure(
          String.join(" ", List.of(args).subList(0, 2))
              + " failed (exit "
              + status
              + "):\n"
              + buffer.toString(StandardCharsets.UTF_8).strip());
    }
  }

  /**
   * The sum of the heights of {@code channels} on the first node that holds each, or -1 if one does
   * not answer: blocks made in a window are the difference, which tells how full blocks were.
   */
  private static long heights(Cluster cluster, List<String> channels) {
    // one status answer lists every channel of its node: ask each first holder at most once
    Map<String, Long> byChannel = new HashMap<>();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      for (String channel : channels) {
        List<Cluster.Node> holders = cluster.holders().getOrDefault(channel, List.of());
        if (holders.isEmpty()) {
          return -1;
        }
        if (!byChannel.containsKey(channel)) {
          NodeStatus status =
              NodeStatus.of(http, holders.getFirst(), Duration.ofSeconds(10)).orElse(null);
          if (status == null) {
            return -1;
          }
          status.channels().forEach(c -> byChannel.put(c.channel(), c.height()));
        }
      }
    }
    long sum = 0;
    for (String channel : channels) {
      Long h = byChannel.get(channel);
      if (h == null || h < 0) {
        return -1;
      }
      sum += h;
    }
    return sum;
  }

  /**
   * The node CPU time spent while segments were submitted, and the blocks made, summed over the
   * segments.
   */
  private static final class CpuWindow implements ClusterBenchmark.Listener {
    private final NodeCpu cpu;
    private final LongSupplier heights;
    private Map<String, Long> start = Map.of();
    private long startHeights = -1;
    private long blocks;
    private boolean blocksKnown = true;
    private final Map<String, Long> total = new LinkedHashMap<>();
    private Map<String, Long> startJit = Map.of();
    private final Map<String, Long> jit = new LinkedHashMap<>();

    CpuWindow(NodeCpu cpu, LongSupplier heights) {
      this.cpu = cpu;
      this.heights = heights;
    }

    @Override
    public void submitting(long nanoTime) {
      startHeights = heights.getAsLong();
      start = cpu.sample();
      startJit = cpu.jitSample();
    }

    @Override
    public void submitted(long nanoTime) {
      NodeCpu.minus(cpu.sample(), start).forEach((id, ns) -> total.merge(id, ns, Long::sum));
      Map<String, Long> endJit = cpu.jitSample();
      startJit.forEach(
          (id, ns) -> {
            Long end = endJit.get(id);
            if (end != null) {
              jit.merge(id, Math.max(0, end - ns), Long::sum);
            }
          });
      long end = heights.getAsLong();
      if (startHeights < 0 || end < 0) {
        blocksKnown = false;
      } else {
        blocks += end - startHeights;
      }
    }

    Map<String, Long> total() {
      return new LinkedHashMap<>(total);
    }

    /** Each node's CPU time in its JIT compiler threads (at most, see NodeCpu.jitSample). */
    Map<String, Long> jit() {
      return new LinkedHashMap<>(jit);
    }

    /** Blocks made in the measured time; -1 if a node did not say its heights. */
    long blocks() {
      return blocksKnown ? blocks : -1;
    }
  }

  /**
   * {@code n} consecutive loopback ports that are free now, from a random start below Linux's
   * default range of ephemeral ports (32768 on), which outgoing connections take their local ports
   * from: a node's port there may be taken by a connection before the node binds it.
   */
  static List<Integer> freeConsecutivePorts(int n) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 32_000 - n);
      List<Integer> ports = new ArrayList<>();
      for (int p = base; p < base + n && free(p); p++) {
        ports.add(p);
      }
      if (ports.size() == n) {
        return ports;
      }
    }
    throw new BenchFailure("found no " + n + " consecutive free ports on the loopback address");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }
}

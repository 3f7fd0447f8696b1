package org.trademap.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.core.cli.ConsortiumNodes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code BenchMain failover --cluster D}: the cluster load ({@link ClusterBenchmark}) against a
 * consortium {@code consortium up} started, with one node, the default channel's leader or a
 * follower, killed with {@code SIGKILL} after {@code --kill-after} and started again {@code
 * --restart-after} later with the command line it ran with (optionally on an emptied data
 * directory). It measures the write gap (the longest time without an acknowledgement), the time to
 * a new leader and the restarted node's catch-up, and then looks up every acknowledged transaction
 * on every node: the run fails if one is missing or the node did not catch up.
 *
 * <p>While the node is down, the load's workers aimed at it do what a client of a real deployment
 * does ({@link ChannelTarget}): when it refuses the connection they send the same transactions once
 * more at the channel's next node and stay there, and the report counts these redirected requests
 * by move. Requests that were under way at the kill, or that got no answer for another reason, are
 * counted as errors and not sent again (the node may have accepted them); the worker pauses after
 * each.
 */
final class FailoverBenchmark {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration NEW_LEADER_WAIT = Duration.ofSeconds(60);
  private static final Duration CATCH_UP_WAIT = Duration.ofMinutes(5);
  private static final Duration CONVERGE_WAIT = Duration.ofMinutes(2);
  private static final Duration UNANSWERED_PAUSE = Duration.ofMillis(50);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FailoverOptions options;
  private final PrintStream out;

  FailoverBenchmark(FailoverOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /**
   * The figures of a run (times in milliseconds; those after the kill are counted from it); the
   * machine, the consortium, duration and concurrency are in the load's report.
   *
   * @param killAfter from the start of submission to the kill
   * @param restartAfter from the kill to the restart
   * @param target leader or follower
   * @param wipe whether the node's data directory was emptied before the restart
   * @param killed the organisation whose node was killed
   * @param leaderBefore the default channel's leader before the kill
   * @param newLeader the leader the survivors elected (or kept); null if none within a minute
   * @param newLeaderMs from the kill to a survivor reporting itself leader; -1 if none
   * @param acknowledged answered 201
   * @param refused answered 422
   * @param errors any other answer, or no answer
   * @param redirected requests sent once more at another node after theirs refused the connection
   *     (by move under {@code load.redirects})
   * @param tps acknowledged per measured second
   * @param acknowledgedAfterKill acknowledgements received after the kill
   * @param acknowledgedAfterNewLeader acknowledgements received after a survivor reported itself
   *     leader (the service went on with the majority)
   * @param firstAckAfterKillMs from the kill to the first acknowledgement after it; -1 if none
   * @param longestGapMs the longest interval without an acknowledgement during submission
   * @param gapAroundKillMs the longest such interval overlapping the time from the kill to the
   *     restart
   * @param restartAnsweredMs from the restart to the node answering its status; -1 if never
   * @param catchUpMs from the restart to the node reaching the height the others had at the
   *     restart; -1 if it did not within five minutes
   * @param catchUpHeight that height
   * @param converged whether all nodes showed the same height and head after the load
   * @param finalHeight that height (-1 if they did not converge)
   * @param missingPerNode acknowledged transactions each node does not have (must all be 0)
   * @param load the cluster benchmark's own report
   */
  record Report(
      String killAfter,
      String restartAfter,
      String target,
      boolean wipe,
      String killed,
      String leaderBefore,
      @Nullable String newLeader,
      long newLeaderMs,
      long acknowledged,
      long refused,
      long errors,
      long redirected,
      double tps,
      long acknowledgedAfterKill,
      long acknowledgedAfterNewLeader,
      long firstAckAfterKillMs,
      long longestGapMs,
      long gapAroundKillMs,
      long restartAnsweredMs,
      long catchUpMs,
      long catchUpHeight,
      boolean converged,
      long finalHeight,
      Map<String, Integer> missingPerNode,
      JsonNode load) {

    boolean passed() {
      return catchUpMs >= 0 && missingPerNode.values().stream().allMatch(m -> m == 0);
    }
  }

  /**
   * Acknowledgement times as the load reports them; pauses a worker whose request got no answer.
   */
  private static final class Timeline implements ClusterBenchmark.Listener {
    final CountDownLatch started = new CountDownLatch(1);
    final AtomicLong start = new AtomicLong();
    private long[] acks = new long[1 << 16];
    private int count;

    @Override
    public void submitting(long nanoTime) {
      start.compareAndSet(0, nanoTime);
      started.countDown();
    }

    @Override
    public synchronized void acknowledged(long nanoTime) {
      if (count == acks.length) {
        acks = java.util.Arrays.copyOf(acks, count * 2);
      }
      acks[count++] = nanoTime;
    }

    @Override
    public void unanswered() {
      try {
        Thread.sleep(UNANSWERED_PAUSE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    synchronized long[] sorted() {
      long[] a = java.util.Arrays.copyOf(acks, count);
      java.util.Arrays.sort(a);
      return a;
    }
  }

  /** What happened to the killed node, in {@link System#nanoTime()}. */
  private record Fault(
      String killed,
      String leaderBefore,
      long killedAt,
      @Nullable String newLeader,
      long newLeaderAt,
      long restartedAt,
      long answeredAt,
      long caughtUpAt,
      long catchUpHeight) {}

  /** Runs the benchmark; false if an acknowledged transaction is missing or no catch-up. */
  boolean run() {
    Path outFile =
        options.out() != null
            ? options.out()
            : LedgerBenchmark.defaultOut("failover", Instant.now());
    LedgerBenchmark.prepareOutput(outFile);
    Cluster cluster = Cluster.read(options.dir());
    Path work;
    try {
      work = Files.createTempDirectory("trademap-failover");
    } catch (IOException e) {
      throw new BenchFailure("cannot create a temporary directory: " + e, e);
    }
    Path acked = work.resolve("acked.txt");
    Path loadJson = work.resolve("load.json");
    try (HttpClient http = Cluster.httpClient()) {
      cluster.requireAnswering(http);
      out.printf(
          Locale.ROOT,
          "failover  kill -9 of the %s of channel %s after %s of load, restart %s later%s;"
              + " duration %s, concurrency %d%n",
          options.target().name().toLowerCase(Locale.ROOT),
          cluster.genesis().channel(),
          Durations.format(options.killAfter()),
          Durations.format(options.restartAfter()),
          options.wipe() ? " on an emptied data directory" : "",
          Durations.format(options.duration()),
          options.concurrency());
      Timeline timeline = new Timeline();
      ClusterOptions load =
          new ClusterOptions(
              options.dir(),
              options.duration(),
              options.concurrency(),
              // One transaction per request and no warm-up or ceiling: the write gap is timed by
              // each acknowledgement, and the fault by the start of the load.
              1,
              Duration.ZERO,
              false,
              loadJson,
              acked,
              null,
              false);
      Fault fault;
      try (ExecutorService runner = Executors.newSingleThreadExecutor()) {
        Future<?> running = runner.submit(() -> new ClusterBenchmark(load, out, timeline).run());
        awaitStart(timeline, running);
        fault = inject(http, cluster, timeline.start.get());
        await(running);
      }
      long convergeStart = System.nanoTime();
      long finalHeight = converge(http, cluster);
      if (finalHeight >= 0) {
        out.printf(
            Locale.ROOT,
            "converged all %d nodes at height %d with the same head, %.1f s after the load%n",
            cluster.nodes().size(),
            finalHeight,
            (System.nanoTime() - convergeStart) / 1e9);
      } else {
        out.println(
            "converged NO: the nodes' heights or heads still differ "
                + Durations.format(CONVERGE_WAIT)
                + " after the load");
      }
      Map<String, Integer> missing = AckedCheck.missingPerNode(options.dir(), acked, out);
      Report report =
          report(timeline, fault, finalHeight, missing, JSON.readTree(Files.readString(loadJson)));
      print(report);
      LedgerReport.writeJson(outFile, report);
      out.println("JSON      " + outFile.toAbsolutePath() + " (the load's report under \"load\")");
      out.println(
          report.passed()
              ? "result    PASS: every acknowledged transaction is on every node; "
                  + fault.killed()
                  + " caught up"
              : "result    FAIL: "
                  + (report.catchUpMs() < 0 ? fault.killed() + " did not catch up; " : "")
                  + "acknowledged transactions missing: "
                  + missing);
      return report.passed();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try (Stream<Path> files = Files.list(work)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
        Files.deleteIfExists(work);
      } catch (IOException e) {
        out.println("note      could not delete " + work + ": " + e);
      }
    }
  }

  private static void awaitStart(Timeline timeline, Future<?> running) {
    try {
      while (!timeline.started.await(1, TimeUnit.SECONDS)) {
        if (running.isDone()) {
          await(running);
          throw new BenchFailure("the load ended before it submitted anything");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchFailure("interrupted", e);
    }
  }

  private static void await(Future<?> running) {
    try {
      running.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new BenchFailure("the load failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchFailure("interrupted", e);
    }
  }

  /** Kills the target node, waits for a leader among the others, restarts it, awaits catch-up. */
  private Fault inject(HttpClient http, Cluster cluster, long loadStart) {
    sleepUntil(loadStart + options.killAfter().toNanos());
    Map<String, NodeStatus> before = statuses(http, cluster);
    String leader =
        before.values().stream()
            .filter(s -> s.main().leading())
            .map(NodeStatus::node)
            .findFirst()
            .orElseThrow(
                () -> new BenchFailure("no node is leader of the default channel at the kill"));
    String victim =
        options.target() == FailoverOptions.Target.LEADER
            ? leader
            : cluster.nodes().reversed().stream()
                .map(Cluster.Node::id)
                .filter(id -> !id.equals(leader) && before.containsKey(id))
                .findFirst()
                .orElseThrow(() -> new BenchFailure("no follower answers at the kill"));
    Long pid = ConsortiumNodes.pid(options.dir(), victim);
    ProcessHandle process =
        Optional.ofNullable(pid)
            .flatMap(ProcessHandle::of)
            .filter(ProcessHandle::isAlive)
            .orElseThrow(
                () ->
                    new BenchFailure(
                        victim
                            + " has no running server recorded in consortium.json (pid "
                            + pid
                            + ")"));
    List<String> command = ConsortiumNodes.commandLine(process);
    if (command.isEmpty()) {
      throw new BenchFailure(
          "cannot read the command line of " + victim + "'s server (pid " + pid + ")");
    }
    long killedAt = System.nanoTime();
    process.destroyForcibly();
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new BenchFailure(victim + "'s server (pid " + pid + ") did not end after SIGKILL", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchFailure("interrupted", e);
    }
    out.printf(
        Locale.ROOT,
        "fault     killed %s (%s of channel %s, pid %d) with SIGKILL %.1f s into the load%n",
        victim,
        victim.equals(leader) ? "leader" : "follower",
        cluster.genesis().channel(),
        pid,
        (killedAt - loadStart) / 1e9);

    long restartAt = killedAt + options.restartAfter().toNanos();
    String newLeader = null;
    long newLeaderAt = -1;
    long waitLeader =
        killedAt + Math.max(NEW_LEADER_WAIT.toNanos(), options.restartAfter().toNanos());
    while (newLeader == null && System.nanoTime() < waitLeader) {
      for (NodeStatus s : statuses(http, cluster).values()) {
        if (!s.node().equals(victim) && s.main().leading()) {
          newLeader = s.node();
          newLeaderAt = System.nanoTime();
        }
      }
      if (newLeader == null) {
        sleep(POLL);
      }
    }
    if (newLeader != null) {
      out.printf(
          Locale.ROOT,
          "leader    %s leads channel %s, %d ms after the kill%n",
          newLeader,
          cluster.genesis().channel(),
          TimeUnit.NANOSECONDS.toMillis(newLeaderAt - killedAt));
    } else {
      out.println("leader    NONE of the other nodes became leader within " + NEW_LEADER_WAIT);
    }

    sleepUntil(restartAt);
    if (options.wipe()) {
      Path data = ConsortiumNodes.dataDir(options.dir(), victim);
      wipe(data);
      out.println("wipe      emptied " + data);
    }
    long catchUpHeight =
        statuses(http, cluster).values().stream()
            .filter(s -> !s.node().equals(victim))
            .mapToLong(s -> s.main().height())
            .max()
            .orElse(0);
    long restartedAt = System.nanoTime();
    ProcessHandle restarted;
    try {
      restarted = ConsortiumNodes.start(options.dir(), victim, command);
    } catch (IOException e) {
      throw new BenchFailure("cannot start " + victim + " again: " + e, e);
    }
    out.printf(
        Locale.ROOT,
        "restart   %s started again (pid %d) %.1f s after the kill; waiting for height %d%n",
        victim,
        restarted.pid(),
        (restartedAt - killedAt) / 1e9,
        catchUpHeight);
    Cluster.Node node =
        cluster.nodes().stream().filter(n -> n.id().equals(victim)).findFirst().orElseThrow();
    long answeredAt = -1;
    long caughtUpAt = -1;
    long deadline = restartedAt + CATCH_UP_WAIT.toNanos();
    while (caughtUpAt < 0 && System.nanoTime() < deadline && restarted.isAlive()) {
      Optional<NodeStatus> s = NodeStatus.of(http, node, STATUS_TIMEOUT);
      if (s.isPresent()) {
        if (answeredAt < 0) {
          answeredAt = System.nanoTime();
        }
        if (s.get().main().height() >= catchUpHeight) {
          caughtUpAt = System.nanoTime();
          break;
        }
      }
      sleep(Duration.ofMillis(250));
    }
    if (caughtUpAt >= 0) {
      out.printf(
          Locale.ROOT,
          "catch-up  %s reached height %d %.1f s after the restart (answered after %.1f s)%n",
          victim,
          catchUpHeight,
          (caughtUpAt - restartedAt) / 1e9,
          (answeredAt - restartedAt) / 1e9);
    } else {
      out.printf(
          Locale.ROOT,
          "catch-up  %s did NOT reach height %d within %s%s%n",
          victim,
          catchUpHeight,
          Durations.format(CATCH_UP_WAIT),
          restarted.isAlive() ? "" : " (its server ended; see its node.log)");
    }
    return new Fault(
        victim,
        leader,
        killedAt,
        newLeader,
        newLeaderAt,
        restartedAt,
        answeredAt,
        caughtUpAt,
        catchUpHeight);
  }

  /** The height all nodes agree on (same height and head on the default channel), or -1. */
  private static long converge(HttpClient http, Cluster cluster) {
    long deadline = System.nanoTime() + CONVERGE_WAIT.toNanos();
    do {
      Map<String, NodeStatus> all = statuses(http, cluster);
      if (all.size() == cluster.nodes().size()
          && all.values().stream().map(s -> s.main().headHash()).distinct().count() == 1
          && all.values().stream().mapToLong(s -> s.main().height()).distinct().count() == 1) {
        return all.values().iterator().next().main().height();
      }
      sleep(Duration.ofMillis(500));
    } while (System.nanoTime() < deadline);
    return -1;
  }

  /**
   * The status of every node that answers, asked all at once: under the load a status answer can
   * take up to its timeout, and asking one node after the other made the time to a new leader the
   * sum of those waits (8.8 s read while acknowledgements went on).
   */
  private static Map<String, NodeStatus> statuses(HttpClient http, Cluster cluster) {
    Map<String, Future<Optional<NodeStatus>>> asked = new LinkedHashMap<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Cluster.Node n : cluster.nodes()) {
        asked.put(n.id(), threads.submit(() -> NodeStatus.of(http, n, STATUS_TIMEOUT)));
      }
    }
    Map<String, NodeStatus> all = new LinkedHashMap<>();
    asked.forEach((id, f) -> f.resultNow().ifPresent(s -> all.put(id, s)));
    return all;
  }

  private static void wipe(Path data) {
    if (!Files.isDirectory(data)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(data)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(data)) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new BenchFailure("cannot empty " + data + ": " + e, e);
    }
  }

  private Report report(
      Timeline timeline, Fault f, long finalHeight, Map<String, Integer> missing, JsonNode load) {
    long[] acks = timeline.sorted();
    long loadStart = timeline.start.get();
    long loadEnd = loadStart + options.duration().toNanos();
    long longest = 0;
    long aroundKill = 0;
    long previous = loadStart;
    List<Long> after = new ArrayList<>();
    long afterNewLeader = 0;
    for (long t : acks) {
      if (f.newLeaderAt() >= 0 && t > f.newLeaderAt()) {
        afterNewLeader++;
      }
      long gap = t - previous;
      longest = Math.max(longest, gap);
      if (t > f.killedAt() && previous < f.restartedAt()) {
        aroundKill = Math.max(aroundKill, gap);
      }
      if (t > f.killedAt()) {
        after.add(t);
      }
      previous = t;
    }
    if (previous < loadEnd) {
      longest = Math.max(longest, loadEnd - previous);
      if (previous < f.restartedAt()) {
        aroundKill = Math.max(aroundKill, loadEnd - previous);
      }
    }
    return new Report(
        Durations.format(options.killAfter()),
        Durations.format(options.restartAfter()),
        options.target().name().toLowerCase(Locale.ROOT),
        options.wipe(),
        f.killed(),
        f.leaderBefore(),
        f.newLeader(),
        millisSince(f.killedAt(), f.newLeaderAt()),
        load.path("acknowledged").asLong(),
        load.path("refused").asLong(),
        load.path("errors").asLong(),
        load.path("redirected").asLong(),
        load.path("tps").asDouble(),
        after.size(),
        afterNewLeader,
        after.isEmpty() ? -1 : millisSince(f.killedAt(), after.getFirst()),
        TimeUnit.NANOSECONDS.toMillis(longest),
        TimeUnit.NANOSECONDS.toMillis(aroundKill),
        millisSince(f.restartedAt(), f.answeredAt()),
        millisSince(f.restartedAt(), f.caughtUpAt()),
        f.catchUpHeight(),
        finalHeight >= 0,
        finalHeight,
        missing,
        load);
  }

  private static long millisSince(long from, long at) {
    return at < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(at - from);
  }

  private void print(Report r) {
    out.println();
    out.printf(
        Locale.ROOT,
        "failover  %s (%s) killed after %s, restarted %s later%s; %,d acknowledged, %,d refused,"
            + " %,d errors, %,d requests redirected, %,.1f tx/s%n",
        r.killed(),
        r.killed().equals(r.leaderBefore()) ? "the leader" : "a follower",
        r.killAfter(),
        r.restartAfter(),
        r.wipe() ? " on an emptied data directory" : "",
        r.acknowledged(),
        r.refused(),
        r.errors(),
        r.redirected(),
        r.tps());
    out.printf(
        Locale.ROOT,
        "gap       longest without an acknowledgement: %,d ms; around the kill: %,d ms; first"
            + " acknowledgement %,d ms after the kill, %,d after it in all, %,d after the new"
            + " leader%n",
        r.longestGapMs(),
        r.gapAroundKillMs(),
        r.firstAckAfterKillMs(),
        r.acknowledgedAfterKill(),
        r.acknowledgedAfterNewLeader());
    out.printf(
        Locale.ROOT,
        "leader    before %s, after %s: %,d ms from the kill to a leader among the others%n",
        r.leaderBefore(),
        r.newLeader(),
        r.newLeaderMs());
    out.printf(
        Locale.ROOT,
        "catch-up  %s answered %,d ms after its restart, reached height %d after %,d ms%n",
        r.killed(),
        r.restartAnsweredMs(),
        r.catchUpHeight(),
        r.catchUpMs());
    r.missingPerNode()
        .forEach(
            (id, m) ->
                out.printf(Locale.ROOT, "missing   %-12s %d acknowledged transactions%n", id, m));
  }

  private static void sleepUntil(long nanoTime) {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      sleep(Duration.ofNanos(left));
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchFailure("interrupted", e);
    }
  }
}

package org.trademap.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * consortium {@code consortium up} started, with a fault on one node, the default channel's leader
 * or a follower, {@code --fault-after} into the load and lasting {@code --fault-for}:
 *
 * <ul>
 *   <li>{@code kill}: {@code SIGKILL}, then started again with the command line it ran with
 *       (optionally on an emptied data directory);
 *   <li>{@code pause}: {@code SIGSTOP}, then {@code SIGCONT} (RELIABILITY "process pause"); after
 *       it, the paused node is asked with a linearizable read for the last transaction the others
 *       acknowledged, which it must find: "not found" would be a stale read;
 *   <li>{@code slow}: stopped {@link #SLOW_STOPPED} of every {@link #SLOW_CYCLE} (issue 3: a slow
 *       follower does not slow the leader's commits); the acknowledgements of the other nodes per
 *       second while it is slow are compared with those before.
 * </ul>
 *
 * It measures the write gap (the longest time without an acknowledgement), the time to a new leader
 * and the node's catch-up after the fault, and then looks up every acknowledged transaction on
 * every node: the run fails if one is missing, the node did not catch up, a read after a pause was
 * stale, or a slow follower cut the others' rate below {@link #SLOW_FOLLOWER_FLOOR} of before.
 *
 * <p>While a node is down, the load's workers aimed at it do what a client of a real deployment
 * does ({@link ChannelTarget}): when it refuses the connection they send the same transactions once
 * more at the channel's next node and stay there, and the report counts these redirected requests
 * by move. Requests that were under way at the kill, or that got no answer for another reason, are
 * counted as errors and not sent again (the node may have accepted them); the worker pauses after
 * each. A paused node refuses no connection (its kernel still accepts them): requests to it wait.
 */
final class FailoverBenchmark {
  /** One cycle of a slow node: stopped for {@link #SLOW_STOPPED}, then running for the rest. */
  static final Duration SLOW_CYCLE = Duration.ofMillis(200);

  /**
   * How long of each cycle a slow node is stopped: nine tenths, far below an election timeout, so
   * that it stays a follower that answers late rather than a node that is gone.
   */
  static final Duration SLOW_STOPPED = Duration.ofMillis(180);

  /**
   * A slow follower passes if the other nodes acknowledged at least this share of their rate before
   * it was slowed: the leader commits with the majority and does not wait for it. The margin allows
   * for the noise of one machine's run; on a shared machine the stopped node's cores usually help.
   */
  static final double SLOW_FOLLOWER_FLOOR = 0.8;

  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration NEW_LEADER_WAIT = Duration.ofSeconds(60);
  private static final Duration CATCH_UP_WAIT = Duration.ofMinutes(5);
  private static final Duration CONVERGE_WAIT = Duration.ofMinutes(2);
  private static final Duration READ_WAIT = Duration.ofSeconds(30);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration UNANSWERED_PAUSE = Duration.ofMillis(50);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FailoverOptions options;
  private final PrintStream out;

  FailoverBenchmark(FailoverOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /**
   * The figures of a run (times in milliseconds; those after the fault are counted from its start);
   * the machine, the consortium, duration and concurrency are in the load's report.
   *
   * @param fault kill, pause or slow
   * @param faultAfter from the start of submission to the fault
   * @param faultFor how long the fault lasted (to the restart, to SIGCONT, or slowed)
   * @param target leader or follower
   * @param wipe whether the node's data directory was emptied before the restart
   * @param node the organisation whose node the fault hit
   * @param leaderBefore the default channel's leader before the fault
   * @param newLeader a node other than {@code node} reporting itself leader after the fault began
   *     (the same as before if the fault hit a follower); null if none in time
   * @param newLeaderMs from the fault to that report; -1 if none
   * @param acknowledged answered 201
   * @param refused answered 422
   * @param errors any other answer, or no answer
   * @param redirected requests sent once more at another node after theirs refused the connection
   *     (by move under {@code load.redirects})
   * @param tps acknowledged per measured second
   * @param acknowledgedAfterFault acknowledgements received after the fault began
   * @param acknowledgedAfterNewLeader acknowledgements received after {@code newLeader} reported
   *     itself leader (the service went on with the majority)
   * @param firstAckAfterFaultMs from the fault to the first acknowledgement after it; -1 if none
   * @param longestGapMs the longest interval without an acknowledgement during submission
   * @param gapAroundFaultMs the longest such interval overlapping the fault
   * @param othersTpsBefore acknowledgements per second by the other nodes over the {@code faultFor}
   *     before the fault (from the start of the load if that is shorter)
   * @param othersTpsDuring the same while the fault lasted
   * @param lagBlocks how many blocks the node was behind the others when the fault ended; -1 if it
   *     did not answer then (a killed node)
   * @param readAfterFault pause and slow: what a linearizable read at the node of the last
   *     transaction the others acknowledged answered after the fault: {@code found}, {@code stale}
   *     (not found: a failure) or {@code unanswered}; {@code not asked} after a kill
   * @param readAfterFaultMs from the end of the fault to that answer; -1 if none
   * @param answeredMs from the end of the fault to the node answering its status; -1 if never
   * @param catchUpMs from the end of the fault to the node reaching the height the others had then;
   *     -1 if it did not within five minutes
   * @param catchUpHeight that height
   * @param converged whether all nodes showed the same height and head after the load
   * @param finalHeight that height (-1 if they did not converge)
   * @param missingPerNode acknowledged transactions each node does not have (must all be 0)
   * @param load the cluster benchmark's own report
   */
  record Report(
      String fault,
      String faultAfter,
      String faultFor,
      String target,
      boolean wipe,
      String node,
      String leaderBefore,
      @Nullable String newLeader,
      long newLeaderMs,
      long acknowledged,
      long refused,
      long errors,
      long redirected,
      double tps,
      long acknowledgedAfterFault,
      long acknowledgedAfterNewLeader,
      long firstAckAfterFaultMs,
      long longestGapMs,
      long gapAroundFaultMs,
      double othersTpsBefore,
      double othersTpsDuring,
      long lagBlocks,
      String readAfterFault,
      long readAfterFaultMs,
      long answeredMs,
      long catchUpMs,
      long catchUpHeight,
      boolean converged,
      long finalHeight,
      Map<String, Integer> missingPerNode,
      JsonNode load) {

    static final String FOUND = "found";
    static final String STALE = "stale";
    static final String UNANSWERED = "unanswered";
    static final String NOT_ASKED = "not asked";

    /** Whether the others kept at least {@link #SLOW_FOLLOWER_FLOOR} of their rate. */
    boolean othersKeptTheirRate() {
      return othersTpsDuring >= SLOW_FOLLOWER_FLOOR * othersTpsBefore;
    }

    boolean slowFollower() {
      return fault.equals("slow") && !node.equals(leaderBefore);
    }

    /** Why the run failed; empty if it passed. */
    List<String> failures() {
      List<String> why = new ArrayList<>();
      if (catchUpMs < 0) {
        why.add(node + " did not catch up");
      }
      if (readAfterFault.equals(STALE)) {
        why.add(node + " answered a linearizable read with a stale \"not found\"");
      }
      if (slowFollower() && !othersKeptTheirRate()) {
        why.add(
            String.format(
                Locale.ROOT,
                "the others' rate fell from %.1f to %.1f tx/s while %s was slow",
                othersTpsBefore,
                othersTpsDuring,
                node));
      }
      long duplicates = load.path("refusedKinds").path(ClusterBenchmark.Report.DUPLICATE).asLong();
      if (duplicates > 0) {
        why.add(duplicates + " new transactions answered " + ClusterBenchmark.Report.DUPLICATE);
      }
      if (!missingPerNode.values().stream().allMatch(m -> m == 0)) {
        why.add("acknowledged transactions missing: " + missingPerNode);
      }
      return why;
    }

    boolean passed() {
      return failures().isEmpty();
    }
  }

  /**
   * Acknowledgement times and nodes as the load reports them; pauses a worker whose request got no
   * answer.
   */
  private static final class Timeline implements ClusterBenchmark.Listener {
    final CountDownLatch started = new CountDownLatch(1);
    final AtomicLong start = new AtomicLong();
    private final List<String> nodes = new ArrayList<>();
    private long[] acks = new long[1 << 16];
    private int[] by = new int[1 << 16];
    private int count;
    private final Map<String, Last> last = new HashMap<>();

    /** The latest transaction a node acknowledged, and when. */
    record Last(long nanoTime, String txId) {}

    @Override
    public void submitting(long nanoTime) {
      start.compareAndSet(0, nanoTime);
      started.countDown();
    }

    @Override
    public synchronized void acknowledged(long nanoTime, String node, String txId) {
      if (count == acks.length) {
        acks = java.util.Arrays.copyOf(acks, count * 2);
        by = java.util.Arrays.copyOf(by, count * 2);
      }
      int n = nodes.indexOf(node);
      if (n < 0) {
        nodes.add(node);
        n = nodes.size() - 1;
      }
      acks[count] = nanoTime;
      by[count++] = n;
      Last l = last.get(node);
      if (l == null || nanoTime > l.nanoTime()) {
        last.put(node, new Last(nanoTime, txId));
      }
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

    /** Acknowledgements per second by nodes other than {@code node} in {@code [from, to)}. */
    synchronized double othersRate(String node, long from, long to) {
      if (to <= from) {
        return 0;
      }
      int skip = nodes.indexOf(node);
      long n = 0;
      for (int i = 0; i < count; i++) {
        if (by[i] != skip && acks[i] >= from && acks[i] < to) {
          n++;
        }
      }
      return n / ((to - from) / 1e9);
    }

    /** The transaction a node other than {@code node} acknowledged last, if any. */
    synchronized Optional<Last> lastByOthers(String node) {
      return last.entrySet().stream()
          .filter(e -> !e.getKey().equals(node))
          .map(Map.Entry::getValue)
          .max(Comparator.comparingLong(Last::nanoTime));
    }
  }

  /** What happened to the node the fault hit, in {@link System#nanoTime()}. */
  private record Injected(
      String node,
      String leaderBefore,
      long faultAt,
      @Nullable String newLeader,
      long newLeaderAt,
      long endedAt,
      long lagBlocks,
      String readAfterFault,
      long readAt,
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
          "failover  %s of the %s of channel %s after %s of load, %s; duration %s, concurrency %d%n",
          switch (options.fault()) {
            case KILL -> "kill -9";
            case PAUSE -> "SIGSTOP";
            case SLOW -> "slowing";
          },
          options.target().name().toLowerCase(Locale.ROOT),
          cluster.genesis().channel(),
          Durations.format(options.faultAfter()),
          switch (options.fault()) {
            case KILL ->
                "restart "
                    + Durations.format(options.faultFor())
                    + " later"
                    + (options.wipe() ? " on an emptied data directory" : "");
            case PAUSE -> "SIGCONT " + Durations.format(options.faultFor()) + " later";
            case SLOW ->
                "stopped "
                    + Durations.format(SLOW_STOPPED)
                    + " of every "
                    + Durations.format(SLOW_CYCLE)
                    + " for "
                    + Durations.format(options.faultFor());
          },
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
      Injected fault;
      try (ExecutorService runner = Executors.newSingleThreadExecutor()) {
        Future<?> running = runner.submit(() -> new ClusterBenchmark(load, out, timeline).run());
        awaitStart(timeline, running);
        fault = inject(http, cluster, timeline);
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
                  + fault.node()
                  + " caught up"
                  + (report.readAfterFault().equals(Report.FOUND)
                      ? "; its linearizable read was not stale"
                      : "")
                  + (report.slowFollower() ? "; the others kept their rate" : "")
              : "result    FAIL: " + String.join("; ", report.failures()));
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

  /**
   * Hits the target node with the fault, waits for a leader among the others, ends the fault
   * (restart, SIGCONT, or the end of the slow time) and awaits the node's catch-up.
   */
  private Injected inject(HttpClient http, Cluster cluster, Timeline timeline) {
    long loadStart = timeline.start.get();
    sleepUntil(loadStart + options.faultAfter().toNanos());
    Map<String, NodeStatus> before = statuses(http, cluster);
    String leader =
        before.values().stream()
            .filter(s -> s.main().leading())
            .map(NodeStatus::node)
            .findFirst()
            .orElseThrow(
                () -> new BenchFailure("no node is leader of the default channel at the fault"));
    String victim =
        options.target() == FailoverOptions.Target.LEADER
            ? leader
            : cluster.nodes().reversed().stream()
                .map(Cluster.Node::id)
                .filter(id -> !id.equals(leader) && before.containsKey(id))
                .findFirst()
                .orElseThrow(() -> new BenchFailure("no follower answers at the fault"));
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
    if (command.isEmpty() && options.fault() == FailoverOptions.Fault.KILL) {
      throw new BenchFailure(
          "cannot read the command line of " + victim + "'s server (pid " + pid + ")");
    }
    String role = victim.equals(leader) ? "leader" : "follower";
    long faultAt = System.nanoTime();
    long endAt = faultAt + options.faultFor().toNanos();
    Thread slowing = null;
    AtomicLong resumedAt = new AtomicLong(-1);
    switch (options.fault()) {
      case KILL -> kill(process, victim);
      case PAUSE -> {
        Signals.stop(process.pid());
        slowing = resumeAt(process.pid(), endAt, resumedAt);
      }
      case SLOW -> slowing = slow(process.pid(), endAt);
    }
    try {
      out.printf(
          Locale.ROOT,
          "fault     %s %s (%s of channel %s, pid %d) %.1f s into the load%n",
          switch (options.fault()) {
            case KILL -> "killed";
            case PAUSE -> "stopped (SIGSTOP)";
            case SLOW -> "slowing";
          },
          victim,
          role,
          cluster.genesis().channel(),
          process.pid(),
          (faultAt - loadStart) / 1e9);

      // A killed node's channel must elect another leader whatever the restart time; a paused or
      // slowed one is looked at while the fault lasts.
      long waitLeader =
          options.fault() == FailoverOptions.Fault.KILL
              ? faultAt + Math.max(NEW_LEADER_WAIT.toNanos(), options.faultFor().toNanos())
              : endAt;
      String newLeader = null;
      long newLeaderAt = -1;
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
            "leader    %s %s channel %s, %d ms after the fault%n",
            newLeader,
            newLeader.equals(leader) ? "still leads" : "leads",
            cluster.genesis().channel(),
            TimeUnit.NANOSECONDS.toMillis(newLeaderAt - faultAt));
      } else {
        out.println(
            "leader    NONE of the other nodes led while "
                + (options.fault() == FailoverOptions.Fault.KILL
                    ? "it was down (waited " + Durations.format(NEW_LEADER_WAIT) + ")"
                    : "the fault lasted"));
      }

      sleepUntil(endAt);
      if (slowing != null) {
        join(slowing);
        slowing = null;
      }
      long endedAt = System.nanoTime();
      if (options.wipe()) {
        Path data = ConsortiumNodes.dataDir(options.dir(), victim);
        wipe(data);
        out.println("wipe      emptied " + data);
      }
      Map<String, NodeStatus> atEnd = statuses(http, cluster);
      long catchUpHeight =
          atEnd.values().stream()
              .filter(s -> !s.node().equals(victim))
              .mapToLong(s -> s.main().height())
              .max()
              .orElse(0);
      ProcessHandle running = process;
      long lag = -1;
      switch (options.fault()) {
        case KILL -> {
          endedAt = System.nanoTime();
          try {
            running = ConsortiumNodes.start(options.dir(), victim, command);
          } catch (IOException e) {
            throw new BenchFailure("cannot start " + victim + " again: " + e, e);
          }
          out.printf(
              Locale.ROOT,
              "restart   %s started again (pid %d) %.1f s after the kill; waiting for height %d%n",
              victim,
              running.pid(),
              (endedAt - faultAt) / 1e9,
              catchUpHeight);
        }
        case PAUSE -> {
          endedAt = resumedAt.get();
          out.printf(
              Locale.ROOT,
              "continue  %s continued (SIGCONT) %.1f s after the stop; waiting for height %d%n",
              victim,
              (endedAt - faultAt) / 1e9,
              catchUpHeight);
        }
        case SLOW -> {
          NodeStatus slowStatus = atEnd.get(victim);
          lag = slowStatus == null ? -1 : Math.max(0, catchUpHeight - slowStatus.main().height());
          out.printf(
              Locale.ROOT,
              "slow      %s ran at full speed again %.1f s after it was slowed, %s; waiting for"
                  + " height %d%n",
              victim,
              (endedAt - faultAt) / 1e9,
              lag < 0 ? "its status unanswered" : lag + " blocks behind",
              catchUpHeight);
        }
      }
      Cluster.Node node =
          cluster.nodes().stream().filter(n -> n.id().equals(victim)).findFirst().orElseThrow();
      String read = Report.NOT_ASKED;
      long readAt = -1;
      if (options.fault() != FailoverOptions.Fault.KILL) {
        Optional<Timeline.Last> last = timeline.lastByOthers(victim);
        if (last.isPresent()) {
          ReadAnswer answer = readLinearizable(http, node, last.get().txId());
          read = answer.outcome();
          readAt = answer.at();
          out.printf(
              Locale.ROOT,
              "read      %s asked with consistency=linearizable for the last transaction the"
                  + " others acknowledged: %s%s%n",
              victim,
              read,
              readAt < 0
                  ? ""
                  : String.format(
                      Locale.ROOT, " %d ms after the fault ended", (readAt - endedAt) / 1_000_000));
        }
      }
      long answeredAt = -1;
      long caughtUpAt = -1;
      long deadline = endedAt + CATCH_UP_WAIT.toNanos();
      while (caughtUpAt < 0 && System.nanoTime() < deadline && running.isAlive()) {
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
            "catch-up  %s reached height %d %.1f s after the fault ended (answered after %.1f s)%n",
            victim,
            catchUpHeight,
            (caughtUpAt - endedAt) / 1e9,
            (answeredAt - endedAt) / 1e9);
      } else {
        out.printf(
            Locale.ROOT,
            "catch-up  %s did NOT reach height %d within %s%s%n",
            victim,
            catchUpHeight,
            Durations.format(CATCH_UP_WAIT),
            running.isAlive() ? "" : " (its server ended; see its node.log)");
      }
      return new Injected(
          victim,
          leader,
          faultAt,
          newLeader,
          newLeaderAt,
          endedAt,
          lag,
          read,
          readAt,
          answeredAt,
          caughtUpAt,
          catchUpHeight);
    } finally {
      // Never leave a node stopped: consortium down could not end it with SIGTERM.
      if (slowing != null) {
        slowing.interrupt();
        join(slowing);
      }
      if (options.fault() != FailoverOptions.Fault.KILL && process.isAlive()) {
        Signals.resume(process.pid());
      }
    }
  }

  private void kill(ProcessHandle process, String victim) {
    process.destroyForcibly();
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new BenchFailure(
          victim + "'s server (pid " + process.pid() + ") did not end after SIGKILL", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchFailure("interrupted", e);
    }
  }

  /**
   * Continues the stopped process at {@code endAt} on a thread of its own, so that the pause ends
   * on time while the leader is looked for (a status request can take seconds under load), and
   * records when.
   */
  private static Thread resumeAt(long pid, long endAt, AtomicLong resumedAt) {
    return Thread.ofPlatform()
        .name("failover-pause-" + pid)
        .daemon()
        .start(
            () -> {
              try {
                long left = endAt - System.nanoTime();
                if (left > 0) {
                  Thread.sleep(Duration.ofNanos(left));
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                Signals.resume(pid);
                resumedAt.set(System.nanoTime());
              }
            });
  }

  /**
   * Stops and continues the process in cycles until {@code endAt}; it is left running. On a thread
   * of its own, so that the leader is looked for meanwhile.
   */
  private static Thread slow(long pid, long endAt) {
    return Thread.ofPlatform()
        .name("failover-slow-" + pid)
        .daemon()
        .start(
            () -> {
              try {
                while (System.nanoTime() < endAt && !Thread.currentThread().isInterrupted()) {
                  Signals.stop(pid);
                  try {
                    Thread.sleep(SLOW_STOPPED);
                  } finally {
                    Signals.resume(pid);
                  }
                  Thread.sleep(SLOW_CYCLE.minus(SLOW_STOPPED));
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchFailure("interrupted", e);
    }
  }

  /** What a linearizable read answered, and when ({@link System#nanoTime()}, -1 if never). */
  private record ReadAnswer(String outcome, long at) {}

  /**
   * Asks the node for a transaction with {@code consistency=linearizable} until it answers 200 or
   * 404; 503 (no leader confirms yet) and timeouts are asked again, for at most {@link #READ_WAIT}.
   */
  private static ReadAnswer readLinearizable(HttpClient http, Cluster.Node node, String txId) {
    long deadline = System.nanoTime() + READ_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        node.uri(
                            "api/v1/ledger/transactions/" + txId + "?consistency=linearizable"))
                    .timeout(READ_TIMEOUT)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return new ReadAnswer(Report.FOUND, System.nanoTime());
        }
        if (r.statusCode() == 404) {
          return new ReadAnswer(Report.STALE, System.nanoTime());
        }
      } catch (IOException e) {
        // not answered in time or refused: ask again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchFailure("interrupted", e);
      }
      sleep(Duration.ofMillis(200));
    }
    return new ReadAnswer(Report.UNANSWERED, -1);
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
      Timeline timeline,
      Injected f,
      long finalHeight,
      Map<String, Integer> missing,
      JsonNode load) {
    long[] acks = timeline.sorted();
    long loadStart = timeline.start.get();
    long loadEnd = loadStart + options.duration().toNanos();
    long longest = 0;
    long aroundFault = 0;
    long previous = loadStart;
    List<Long> after = new ArrayList<>();
    long afterNewLeader = 0;
    for (long t : acks) {
      if (f.newLeaderAt() >= 0 && t > f.newLeaderAt()) {
        afterNewLeader++;
      }
      long gap = t - previous;
      longest = Math.max(longest, gap);
      if (t > f.faultAt() && previous < f.endedAt()) {
        aroundFault = Math.max(aroundFault, gap);
      }
      if (t > f.faultAt()) {
        after.add(t);
      }
      previous = t;
    }
    if (previous < loadEnd) {
      longest = Math.max(longest, loadEnd - previous);
      if (previous < f.endedAt()) {
        aroundFault = Math.max(aroundFault, loadEnd - previous);
      }
    }
    long window = f.endedAt() - f.faultAt();
    long beforeFrom = Math.max(loadStart, f.faultAt() - window);
    return new Report(
        options.fault().label(),
        Durations.format(options.faultAfter()),
        Durations.format(options.faultFor()),
        options.target().name().toLowerCase(Locale.ROOT),
        options.wipe(),
        f.node(),
        f.leaderBefore(),
        f.newLeader(),
        millisSince(f.faultAt(), f.newLeaderAt()),
        load.path("acknowledged").asLong(),
        load.path("refused").asLong(),
        load.path("errors").asLong(),
        load.path("redirected").asLong(),
        load.path("tps").asDouble(),
        after.size(),
        afterNewLeader,
        after.isEmpty() ? -1 : millisSince(f.faultAt(), after.getFirst()),
        TimeUnit.NANOSECONDS.toMillis(longest),
        TimeUnit.NANOSECONDS.toMillis(aroundFault),
        timeline.othersRate(f.node(), beforeFrom, f.faultAt()),
        timeline.othersRate(f.node(), f.faultAt(), f.endedAt()),
        f.lagBlocks(),
        f.readAfterFault(),
        millisSince(f.endedAt(), f.readAt()),
        millisSince(f.endedAt(), f.answeredAt()),
        millisSince(f.endedAt(), f.caughtUpAt()),
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
        "failover  %s: %s (%s) after %s for %s%s; %,d acknowledged, %,d refused, %,d errors, %,d"
            + " requests redirected, %,.1f tx/s%n",
        r.fault(),
        r.node(),
        r.node().equals(r.leaderBefore()) ? "the leader" : "a follower",
        r.faultAfter(),
        r.faultFor(),
        r.wipe() ? ", restarted on an emptied data directory" : "",
        r.acknowledged(),
        r.refused(),
        r.errors(),
        r.redirected(),
        r.tps());
    out.printf(
        Locale.ROOT,
        "gap       longest without an acknowledgement: %,d ms; around the fault: %,d ms; first"
            + " acknowledgement %,d ms after the fault began, %,d after it in all, %,d after the"
            + " new leader%n",
        r.longestGapMs(),
        r.gapAroundFaultMs(),
        r.firstAckAfterFaultMs(),
        r.acknowledgedAfterFault(),
        r.acknowledgedAfterNewLeader());
    out.printf(
        Locale.ROOT,
        "others    the other nodes acknowledged %,.1f tx/s before the fault and %,.1f tx/s during"
            + " it (%.0f %%)%s%n",
        r.othersTpsBefore(),
        r.othersTpsDuring(),
        r.othersTpsBefore() > 0 ? 100 * r.othersTpsDuring() / r.othersTpsBefore() : 0.0,
        r.lagBlocks() >= 0 ? "; " + r.node() + " was " + r.lagBlocks() + " blocks behind" : "");
    out.printf(
        Locale.ROOT,
        "leader    before %s, after %s: %,d ms from the fault to a leader among the others%n",
        r.leaderBefore(),
        r.newLeader(),
        r.newLeaderMs());
    out.printf(
        Locale.ROOT,
        "catch-up  %s answered %,d ms after the fault ended, reached height %d after %,d ms;"
            + " linearizable read after the fault: %s%n",
        r.node(),
        r.answeredMs(),
        r.catchUpHeight(),
        r.catchUpMs(),
        r.readAfterFault());
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

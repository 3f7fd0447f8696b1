package org.trademap.server.ledgergateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.contracts.sharing.SharingCalls;
import org.trademap.contracts.sharing.SharingRegistry;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.core.cli.ConsortiumNodes;
import org.trademap.ledger.core.config.ConsortiumLayout;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.ledger.core.node.NodeFiles;
import org.trademap.server.testing.TestTransactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fault catalogue's "contract upgrade under load" with real processes (the in-process twin is
 * {@code ContractUpgradeIT} in the ledger core): four server processes of trust model b, a chain
 * that starts on version 1 of the sharing contract (the servers have versions 1 and 2, as a
 * consortium founded before version 2 shipped would), a steady load over HTTP, and a governance
 * upgrade to version 2 at height U made with {@code governance propose|approve}. The leader is
 * killed with SIGKILL a few blocks before U and started again with its recorded command line once
 * the others passed U. (A follower restarted on an emptied data directory is left out: that rejoin
 * stalled once in five runs, fixed since in EmptyLogRejoin, see docs/architecture.md; the replay
 * from genesis is {@code ledger verify}'s below.)
 *
 * <p>Which version ran a block is seen from outside through its receipts: every batch of the load
 * holds one {@code update} of a shared application, which version 1 rejects ({@code
 * sharing.unknown-method}) and version 2 runs, and a batch is ordered in one block (ADR 0041), so
 * blocks carry a probe right up to U and from U on. Asserted on every node, over {@code GET
 * /api/v1/ledger/blocks/{h}}: each probe below U ran on version 1 and from U on on version 2 (also
 * in blocks U - 1 and U, {@link UpgradeScan}); every transaction the load was answered for is there
 * at the height it was answered with and with that outcome; none executed twice; all four show one
 * height, head and state root; and {@code ledger verify} replays each node's chain from genesis
 * after {@code consortium down}.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ContractUpgradeProcessesIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Load workers, each with one batch outstanding. */
  private static final int WORKERS = 3;

  /** KYC registrations in a batch, besides its probe. */
  private static final int REGISTRATIONS = 4;

  /** A worker's pause between batches: a steady load that leaves the two cores some air. */
  private static final Duration PAUSE = Duration.ofMillis(100);

  /**
   * Seconds of blocks (at the rate of the warm-up) between the proposal and U: the proposal and the
   * two approvals are committed one after the other under the load, and an approval at or past U is
   * refused ({@code governance.activation-reached}).
   */
  private static final int LEAD_SECONDS = 10;

  /** The least lead in blocks, above the contract's own minimum of 10. */
  private static final long MIN_LEAD = 40;

  /** The leader is killed once its head is at most this many blocks below U. */
  private static final long KILL_BEFORE = 8;

  /** How far the survivors go past U before the killed node is started again. */
  private static final long PAST = 15;

  private static final String PROBED = "upgrade-probe";
  private static final byte[] RECIPIENT = SharingCalls.recipientCommitment(new byte[32], "sec-1");

  // Kept when the test fails: the nodes' full node.log.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path tmp;

  private @Nullable Path dir;
  private final ConsortiumCli cli = new ConsortiumCli();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** The organisations in the order of consortium.json, with their HTTP ports. */
  private final Map<String, Integer> ports = new LinkedHashMap<>();

  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> workers = new ArrayList<>();
  private final AtomicLong nonce = new AtomicLong(System.currentTimeMillis() * 1000);

  /** Transactions answered as committed and accepted, with their height. */
  private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();

  /** Transactions answered as committed and rejected by the contract, with height and reason. */
  private final Map<String, UpgradeScan.Executed> rejected = new ConcurrentHashMap<>();

  private final AtomicLong unknown = new AtomicLong();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

  @SuppressWarnings("NullAway.Init") // set by the test before the load starts
  private Genesis genesis;

  @SuppressWarnings("NullAway.Init") // set by the test before the load starts
  private KeyPair consortiumKey;

  /** Stops the load and every node (a restarted one included), also when the test failed. */
  @AfterEach
  void down() throws Exception {
    stop.set(true);
    for (Thread t : workers) {
      t.join(REQUEST_TIMEOUT.plusSeconds(5).toMillis());
    }
    cli.downAndKill(dir);
    http.close();
  }

  @Test
  void everyNodeSwitchesAtTheActivationHeightThoughTheLeaderIsKilledJustBeforeIt()
      throws Exception {
    Path d = tmp.resolve("consortium");
    dir = d;
    List<Integer> free = ConsortiumProcessesIT.freeConsecutivePorts(8);
    // consortium init starts a chain on the newest versions; this one starts on sharing version 1.
    Map<String, Integer> versions = new HashMap<>(LedgerNode.discoverContracts().latestVersions());
    assertThat(versions).containsEntry(SharingRegistry.ID, SharingRegistry.UPDATE_VERSION);
    versions.put(SharingRegistry.ID, SharingRegistry.VERSION);
    ConsortiumLayout.init(
        d,
        ConsortiumLayout.orgs(4, free.get(0), free.get(4)),
        "127.0.0.1",
        versions,
        Instant.now(),
        new SecureRandom());
    assertThat(cli.run(ConsortiumProcessesIT.upForTests(d)))
        .as(cli.output() + ConsortiumProcessesIT.logs(d))
        .isZero();
    cli.remember(d);
    for (JsonNode org :
        JSON.readTree(Files.readString(d.resolve("consortium.json"))).path("orgs")) {
      ports.put(org.path("id").asString(), org.path("httpPort").asInt());
    }
    genesis = NodeFiles.readGenesis(d.resolve(NodeFiles.GENESIS_FILE));
    consortiumKey = NodeFiles.readKey(d.resolve("consortium").resolve(NodeFiles.KEY_FILE));

    // The application every probe updates, recorded and shared on version 1.
    submitOne(
        call(
            SharingRegistry.APPLY,
            SharingCalls.apply(
                PROBED, "upgrade-subject", RECIPIENT, SharingCalls.ACCOUNT_OPENING, "v1")));
    submitOne(call(SharingRegistry.SHARE, SharingCalls.share(PROBED, RECIPIENT, digest("p-0"))));

    for (int w = 0; w < WORKERS; w++) {
      int worker = w;
      workers.add(Thread.ofPlatform().name("load-" + w).start(() -> load(worker)));
    }
    await(() -> acknowledged.size() >= 40, "40 acknowledged transactions");
    long h0 = heights().values().stream().mapToLong(Long::longValue).max().orElseThrow();
    long t0 = System.nanoTime();
    Thread.sleep(3000);
    long proposedAt = heights().values().stream().mapToLong(Long::longValue).max().orElseThrow();
    double blocksPerSecond = (proposedAt - h0) * 1e9 / (System.nanoTime() - t0);
    long u = proposedAt + Math.max(MIN_LEAD, (long) Math.ceil(blocksPerSecond * LEAD_SECONDS));

    // sec-1 proposes, sec-2 and the notary approve: 3 of 4, the genesis governance policy.
    String scheduled = "";
    for (String[] step :
        List.of(
            new String[] {"propose", "sec-1"},
            new String[] {"approve", "sec-2"},
            new String[] {"approve", "notary"})) {
      cli.reset();
      assertThat(
              cli.run(
                  "governance",
                  step[0],
                  "--config",
                  d.resolve(step[1]).resolve("node.json").toString(),
                  "--contract",
                  SharingRegistry.ID,
                  "--version",
                  String.valueOf(SharingRegistry.UPDATE_VERSION),
                  "--height",
                  String.valueOf(u)))
          .as(cli.output())
          .isZero();
      scheduled = cli.output();
    }
    JsonNode approval =
        JSON.readTree(scheduled.substring(scheduled.indexOf("committed and accepted ") + 23));
    assertThat(
            new String(
                Base64.getDecoder().decode(approval.path("value").asString()),
                StandardCharsets.UTF_8))
        .isEqualTo("scheduled");
    long scheduledAt = approval.path("height").asLong();
    assertThat(scheduledAt).isLessThan(u - KILL_BEFORE);

    // The leader is killed (SIGKILL) once its head is a few blocks below U.
    Map.Entry<String, Long> leader = awaitLeaderAt(u - KILL_BEFORE);
    String victim = leader.getKey();
    long victimHeight = leader.getValue();
    assertThat(victimHeight).as("the leader's head when it is killed, U = %d", u).isLessThan(u);
    ProcessHandle killed =
        ProcessHandle.of(Objects.requireNonNull(ConsortiumNodes.pid(d, victim))).orElseThrow();
    List<String> command = ConsortiumNodes.commandLine(killed);
    assertThat(command).isNotEmpty();
    killed.destroyForcibly();
    killed.onExit().get(1, TimeUnit.MINUTES);
    long killedAt = System.nanoTime();

    // The others elect a leader, pass U and go on; then the killed node is started again.
    await(() -> othersAt(victim, u + PAST), () -> "the others past " + (u + PAST));
    long back = System.nanoTime();
    long target = maxHeight();
    assertThat(acknowledged.values()).as("acknowledged from U on").anyMatch(h -> h >= u);
    cli.remember(ConsortiumNodes.start(d, victim, command).pid());
    await(() -> height(victim).orElse(-1L) >= target, () -> victim + " back at " + target);
    long caughtUp = System.nanoTime();

    stop.set(true);
    for (Thread t : workers) {
      t.join(REQUEST_TIMEOUT.plusSeconds(10).toMillis());
      assertThat(t.isAlive()).as("load worker %s ended", t.getName()).isFalse();
    }
    assertThat(problems).as("what the load was answered").isEmpty();
    JsonNode head = awaitSameHead();
    long height = head.path("height").asLong();
    System.out.printf(
        "contract upgrade with processes: proposed at %d (%.1f blocks/s), scheduled at %d, active"
            + " from %d; %s killed at its height %d, started again %.1f s later, caught up after"
            + " %.1f s more; every node at %d, state root %s;"
            + " %d acknowledged, %d rejected by version 1, %d without a known outcome%n",
        proposedAt,
        blocksPerSecond,
        scheduledAt,
        u,
        victim,
        victimHeight,
        (back - killedAt) / 1e9,
        (caughtUp - back) / 1e9,
        height,
        head.path("stateRoot").asString(),
        acknowledged.size(),
        rejected.size(),
        unknown.get());

    // Every node's blocks, as its API serves them.
    List<String> found = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<String>>> scans = new ArrayList<>();
      for (String org : ports.keySet()) {
        scans.add(threads.submit(() -> scan(org, u, height)));
      }
      for (Future<List<String>> f : scans) {
        found.addAll(f.get());
      }
    }
    assertThat(found).as("what the nodes' blocks show").isEmpty();

    // Replay from genesis of each node's stored chain, with the servers stopped.
    cli.reset();
    assertThat(cli.run("consortium", "down", "--dir", d.toString())).as(cli.output()).isZero();
    Set<String> verified = new HashSet<>();
    for (String org : ports.keySet()) {
      cli.reset();
      assertThat(cli.run("ledger", "verify", "--data", ConsortiumNodes.dataDir(d, org).toString()))
          .as(org + ": " + cli.output())
          .isZero();
      verified.add(cli.standardOutput().strip());
    }
    assertThat(verified).as("every node's replay from genesis").hasSize(1);
    assertThat(verified.iterator().next())
        .startsWith("ledger OK: height ")
        .contains("state root " + head.path("stateRoot").asString());
  }

  /**
   * One worker of the load, until told to stop: batches of {@value #REGISTRATIONS} registrations
   * and one probe, signed by the consortium organisation for the version-1 contracts, at one node;
   * at the next node once that one does not answer.
   */
  private void load(int worker) {
    List<String> orgs = List.copyOf(ports.keySet());
    int at = worker % orgs.size();
    for (long i = 0; !stop.get(); i++) {
      List<byte[]> batch = new ArrayList<>();
      for (int k = 0; k < REGISTRATIONS; k++) {
        batch.add(
            TestTransactions.on(genesis)
                .signer(consortiumKey)
                .nonce(nonce.incrementAndGet())
                .register("w" + worker + "-" + i + "-" + k)
                .bytes());
      }
      batch.add(
          call(
              SharingRegistry.UPDATE,
              SharingCalls.share(PROBED, RECIPIENT, digest("p-" + worker + "-" + i))));
      boolean answered = false;
      try {
        HttpResponse<String> r =
            post(orgs.get(at), "/api/v1/ledger/transactions/batch", batchBody(batch));
        if (r.statusCode() == 200) {
          // A node that took none (catching up after a restart, unavailable) is left for the next.
          answered = record(JSON.readTree(r.body())) > 0;
        }
      } catch (IOException e) {
        // refused (the node is down) or cut off: the outcome is unknown
        unknown.addAndGet(batch.size());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!answered) {
        at = (at + 1) % orgs.size();
      }
      try {
        Thread.sleep(PAUSE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Notes each outcome of a batch's answer; how many of its transactions were committed. */
  private int record(JsonNode answer) {
    int committed = 0;
    for (JsonNode item : answer.path("results")) {
      String txId = item.path("txId").asString();
      long height = item.path("height").asLong(-1);
      if (height > 0) {
        committed++;
      }
      if (item.path("accepted").asBoolean()) {
        if (acknowledged.put(txId, height) != null) {
          problems.add("acknowledged twice: " + txId);
        }
      } else if (item.path("code").asString("").equals("ledger.contract-rejected") && height > 0) {
        rejected.put(
            txId,
            new UpgradeScan.Executed(height, "CONTRACT_REJECTED", item.path("reason").asString()));
      } else {
        unknown.incrementAndGet();
      }
    }
    return committed;
  }

  /**
   * Reads blocks 1 to {@code height} of one node and checks them ({@link UpgradeScan}) and every
   * outcome the load was answered with against them.
   */
  private List<String> scan(String org, long u, long height) throws Exception {
    UpgradeScan scan =
        new UpgradeScan(
            org, SharingRegistry.ID, SharingRegistry.UPDATE, SharingRegistry.UNKNOWN_METHOD, u);
    for (long h = 1; h <= height; h++) {
      HttpResponse<String> r = get(org, "/api/v1/ledger/blocks/" + h);
      assertThat(r.statusCode()).as(org + " block " + h + ": " + r.body()).isEqualTo(200);
      scan.add(JSON.readTree(r.body()));
    }
    List<String> found = new ArrayList<>(scan.problems());
    acknowledged.forEach(
        (id, h) -> {
          Optional<UpgradeScan.Executed> e = scan.executed(id);
          if (e.isEmpty() || e.get().height() != h || !e.get().code().equals("OK")) {
            found.add(org + ": acknowledged " + id + " at " + h + " but the node has " + e);
          }
        });
    rejected.forEach(
        (id, answered) -> {
          if (!scan.executed(id).equals(Optional.of(answered))) {
            found.add(
                org
                    + ": "
                    + id
                    + " answered "
                    + answered
                    + " but the node has "
                    + scan.executed(id));
          }
        });
    if (scan.probesBelow() == 0 || scan.probesFrom() == 0) {
      found.add(org + ": probes below U " + scan.probesBelow() + ", from U " + scan.probesFrom());
    }
    return found;
  }

  private byte[] call(String method, byte[] args) {
    return TestTransactions.on(genesis)
        .signer(consortiumKey)
        .nonce(nonce.incrementAndGet())
        .call(SharingRegistry.ID, SharingRegistry.VERSION, method, args)
        .bytes();
  }

  /** Submits one transaction at the consortium's node; it must be committed and accepted. */
  private void submitOne(byte[] tx) throws Exception {
    HttpResponse<String> r =
        post("consortium", "/api/v1/ledger/transactions", TestTransactions.submitBody(tx));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    acknowledged.put(TestTransactions.txId(tx), JSON.readTree(r.body()).path("height").asLong());
  }

  private static String batchBody(List<byte[]> batch) {
    StringBuilder sb = new StringBuilder("{\"transactions\":[");
    for (int i = 0; i < batch.size(); i++) {
      sb.append(i == 0 ? "\"" : ",\"").append(Base64.getEncoder().encodeToString(batch.get(i)));
      sb.append('"');
    }
    return sb.append("]}").toString();
  }

  private static byte[] digest(String s) {
    return Hash.sha256(s.getBytes(StandardCharsets.UTF_8)).bytes();
  }

  private URI uri(String org, String path) {
    return URI.create("http://127.0.0.1:" + ports.get(org) + path);
  }

  private HttpResponse<String> post(String org, String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(org, path))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String org, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(org, path)).timeout(REQUEST_TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every answering node's ledger status, asked at once. */
  private Map<String, JsonNode> statuses() throws InterruptedException {
    Map<String, Future<Optional<JsonNode>>> asked = new LinkedHashMap<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String org : ports.keySet()) {
        asked.put(org, threads.submit(() -> status(org)));
      }
    }
    Map<String, JsonNode> all = new LinkedHashMap<>();
    asked.forEach((org, f) -> f.resultNow().ifPresent(s -> all.put(org, s)));
    return all;
  }

  private Optional<JsonNode> status(String org) throws InterruptedException {
    try {
      HttpResponse<String> r = get(org, "/api/v1/ledger/status");
      return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Optional<Long> height(String org) throws InterruptedException {
    return status(org).map(s -> s.path("height").asLong());
  }

  private Map<String, Long> heights() throws InterruptedException {
    Map<String, Long> heights = new LinkedHashMap<>();
    statuses().forEach((org, s) -> heights.put(org, s.path("height").asLong()));
    return heights;
  }

  private long maxHeight() throws InterruptedException {
    return heights().values().stream().mapToLong(Long::longValue).max().orElse(-1);
  }

  /** Whether every node but {@code except} answers with a height of at least {@code height}. */
  private boolean othersAt(String except, long height) throws InterruptedException {
    Map<String, Long> heights = heights();
    heights.remove(except);
    return heights.size() == ports.size() - 1
        && heights.values().stream().allMatch(h -> h >= height);
  }

  /** Waits for a node that reports itself leader at a height of at least {@code height}. */
  private Map.Entry<String, Long> awaitLeaderAt(long height) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (var s : statuses().entrySet()) {
        long h = s.getValue().path("height").asLong();
        if (s.getValue().path("role").asString("").equalsIgnoreCase("leader") && h >= height) {
          return Map.entry(s.getKey(), h);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "no leader at height " + height + " within " + WAIT + ": " + heights());
  }

  /** Waits until all four nodes answer the same height, head and state root; one's status. */
  private JsonNode awaitSameHead() throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Map<String, JsonNode> last = Map.of();
    while (System.nanoTime() < deadline) {
      last = statuses();
      Set<String> heads = new HashSet<>();
      last.values()
          .forEach(
              s ->
                  heads.add(
                      s.path("height").asLong()
                          + " "
                          + s.path("headHash").asString()
                          + " "
                          + s.path("stateRoot").asString()));
      if (last.size() == ports.size() && heads.size() == 1) {
        return last.values().iterator().next();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no common head within " + WAIT + ": " + last);
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private void await(Check check, String what) throws Exception {
    await(check, () -> what);
  }

  private void await(Check check, java.util.function.Supplier<String> what) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (check.ok()) {
        return;
      }
      Thread.sleep(100);
    }
    Path d = dir;
    throw new AssertionError(
        "not within "
            + WAIT
            + ": "
            + what.get()
            + "; heights "
            + heights()
            + (d == null ? "" : ConsortiumProcessesIT.logs(d)));
  }
}

package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.node.ChannelLedger;
import org.trademap.ledger.api.node.ChannelStatus;
import org.trademap.ledger.core.config.ConsortiumLayout;
import org.trademap.ledger.core.config.NodeConfigFile;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.server.checks.Checks;
import org.trademap.server.kyc.KycApi;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.ledgergateway.outbox.Outbox;
import org.trademap.server.ledgergateway.outbox.OutboxStatus.Committed;
import org.trademap.server.sharing.SharingActors.Staff;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.LedgerScan;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestTransactions;
import tools.jackson.databind.JsonNode;

/**
 * The account-opening flow on a four-organisation consortium in one JVM — consortium (this server's
 * node), {@code sec-1} (Alpha's node), {@code sec-2} (Beta's node), notary — run in each trust
 * model by a subclass: the person applies at Alpha while Alpha's node is down (JPX ④, issue 6),
 * Alpha's staff open the verified package and approve, the auditor's check passes, and the records
 * are where the trust model puts them (ADR 0034); Alpha's node then comes back and catches up. The
 * other nodes are ledger nodes only ({@link LedgerNode}), started from the files {@code consortium
 * init} writes.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestPropertySource(
    properties = {
      "trademap.staff.initial-administrator=" + SharingConsortiumFlow.ADMIN,
      "trademap.sharing.companies[0].id=" + SharingConsortiumFlow.ALPHA,
      "trademap.sharing.companies[0].name=Alpha Securities Co., Ltd.",
      "trademap.sharing.companies[0].ledger-member=" + SharingConsortiumFlow.SEC_1,
      "trademap.sharing.companies[1].id=" + SharingConsortiumFlow.BETA,
      "trademap.sharing.companies[1].name=Beta Securities Co., Ltd.",
      "trademap.sharing.companies[1].ledger-member=" + SharingConsortiumFlow.SEC_2,
      "trademap.sharing.companies[2].id=" + SharingConsortiumFlow.GAMMA,
      "trademap.sharing.companies[2].name=Gamma Securities Co., Ltd.",
      "trademap.sharing.companies[2].ledger-member=sec-9"
    })
abstract class SharingConsortiumFlow extends RunningServer {
  static final String ADMIN = "consortium-admin@example.org";
  static final String ALPHA = "alpha-securities";
  static final String BETA = "beta-securities";

  /** A company whose organisation is not in the genesis document. */
  static final String GAMMA = "gamma-securities";

  static final String SEC_1 = "sec-1";
  static final String SEC_2 = "sec-2";
  static final String NOTARY = "notary";
  private static final Duration WAIT = Duration.ofSeconds(90);

  /** The consortium's files: one configuration file per organisation, by member id. */
  private static final Map<String, Path> configs = new java.util.HashMap<>();

  /** The running nodes of the organisations other than the consortium, by member id. */
  private static final Map<String, LedgerNode> others = new java.util.HashMap<>();

  @Autowired LedgerNode node;
  @Autowired Subjects subjects;
  @Autowired Checks checks;
  @Autowired Applications applications;
  @Autowired Outbox outbox;

  /** Writes a consortium of four organisations in the model and starts every node but the first. */
  static void startConsortium(ConsortiumLayout.Model model) {
    startConsortium(model, Set.of());
  }

  /**
   * Writes a consortium of four organisations in the model and starts the ledger nodes of every
   * organisation but the consortium and those left out (whose node a server of their own starts).
   */
  static void startConsortium(ConsortiumLayout.Model model, Set<String> leftOut) {
    List<Integer> ports = freePorts(8);
    var written =
        ConsortiumLayout.init(
            dataDir.resolve("consortium"),
            ConsortiumLayout.orgs(ports.subList(0, 4), ports.subList(4, 8)),
            model,
            "127.0.0.1",
            LedgerNode.discoverContracts().latestVersions(),
            Instant.now(),
            new SecureRandom());
    configs.clear();
    others.clear();
    List<String> ids = List.of("consortium", SEC_1, SEC_2, NOTARY);
    for (int i = 0; i < ids.size(); i++) {
      configs.put(ids.get(i), written.configs().get(i));
    }
    for (String id : ids.subList(1, ids.size())) {
      if (!leftOut.contains(id)) {
        start(id);
      }
    }
  }

  private static void start(String member) {
    others.put(member, LedgerNode.start(NodeConfigFile.load(config(member)).toNodeConfig()));
  }

  static void stop(String member) {
    LedgerNode n = others.remove(member);
    if (n != null) {
      n.close();
    }
  }

  @DynamicPropertySource
  static void consortiumNode(DynamicPropertyRegistry registry) {
    registry.add("trademap.ledger.config", () -> config("consortium").toString());
  }

  static Path config(String member) {
    Path file = configs.get(member);
    if (file == null) {
      throw new IllegalStateException("no consortium written with " + member);
    }
    return file;
  }

  @AfterAll
  static void stopOthers() {
    for (String member : List.copyOf(others.keySet())) {
      stop(member);
    }
  }

  /** The channel Alpha's sharing records go to in this trust model. */
  abstract String alphaChannel();

  /**
   * Checks where this trust model put Alpha's transactions (apply, share, decide) and what the
   * nodes of the consortium-wide channel and of Beta hold.
   */
  abstract void assertWhereRecorded(List<Hash> alphaTransactions, String applicationRef);

  /** Checks what applying at a company without an organisation in the genesis document does. */
  abstract void assertCompanyWithoutOrganisation(KycApi user);

  LedgerNode other(String member) {
    return running(member);
  }

  /** The running ledger node of an organisation other than the consortium. */
  static LedgerNode running(String member) {
    LedgerNode n = others.get(member);
    if (n == null) {
      throw new IllegalStateException(member + "'s node is not running");
    }
    return n;
  }

  /** Waits until a node's channel holds every transaction. */
  static void awaitHolds(LedgerNode at, String channel, List<Hash> txs) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ChannelLedger c = at.channel(channel).orElseThrow();
              for (Hash tx : txs) {
                assertThat(c.transaction(tx)).as("%s on %s", tx, channel).isPresent();
              }
            });
  }

  /**
   * Waits until every running node of the channel, this server's included, knows the same leader
   * and stands at the same height.
   */
  private void awaitFormed(String channel) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ChannelStatus here = node.channel(channel).orElseThrow().status();
              assertThat(here.leader()).as("leader of %s", channel).isNotNull();
              for (LedgerNode other : others.values()) {
                var there = other.channel(channel);
                if (there.isPresent()) {
                  assertThat(there.get().status().leader()).isEqualTo(here.leader());
                  assertThat(there.get().status().height()).isEqualTo(here.height());
                }
              }
            });
  }

  /** Every channel of a node, none of whose transactions mentions the text. */
  static void assertNowhere(LedgerNode at, String text) {
    for (ChannelStatus channel : at.status().channels()) {
      assertThat(LedgerScan.mentioning(at.channel(channel.channel()).orElseThrow(), text))
          .as("%s on %s", text, channel.channel())
          .isEmpty();
    }
  }

  @Test
  void theFlowRunsWhileTheCompanysNodeIsDownAndItsRecordsGoWhereTheTrustModelSays() {
    Staff admin = SharingActors.enrol(http(), ADMIN);
    Staff operator = SharingActors.backOffice(admin, http(), "kyc-operator");
    Staff reviewer = SharingActors.companyStaff(admin, http(), ALPHA, "company-reviewer");
    Staff approver = SharingActors.companyStaff(admin, http(), ALPHA, "company-approver");
    KycApi user = SharingActors.submitted(http(), "Consortiumperson");
    // Alpha's node goes down once its channel is formed and has a block (a leader every member
    // knows, every node's Raft log holds it: a fresh node with an empty log cannot take over, ADR
    // 0025): whether it led the channel or not, the others go on without it.
    outbox.enqueue(
        alphaChannel(),
        "test/warm-up",
        KycRegistry.ID,
        KycRegistry.VERSION,
        KycRegistry.REGISTER,
        TestTransactions.registerArgs("warm-up-" + UUID.randomUUID()));
    await()
        .atMost(WAIT)
        .until(() -> outbox.find("test/warm-up").orElseThrow().status() instanceof Committed);
    awaitFormed(alphaChannel());
    stop(SEC_1);

    String subjectRef = subjects.forAccount(user.accountId()).orElseThrow().ref().value();
    UUID caseId = checks.caseOf(new SubjectRef(subjectRef)).orElseThrow().caseId();
    SharingActors.approve(operator, caseId, user, applications::approved);

    Http.Response applied = SharingActors.apply(user, ALPHA, "v1");
    assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
    UUID id = UUID.fromString(applied.json().get("id").asString());
    awaitLedgerStatus(user, id, "shared");
    Http.Response opened = reviewer.http().get("/api/v1/company/applications/" + id + "/package");
    assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
    assertThat(opened.json().at("/kycPackage/companyId").asString()).isEqualTo(ALPHA);
    SharingActors.ownChecksPassed(reviewer, id);
    Http.Response decided =
        approver
            .http()
            .postJson(
                "/api/v1/company/applications/" + id + "/decision",
                "{\"decision\":\"approve\",\"reason\":\"welcome\"}");
    assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
    JsonNode ledgerView = awaitLedgerStatus(user, id, "approved");

    List<Hash> txs = new ArrayList<>();
    ledgerView.get("transactions").forEach(t -> txs.add(Hash.ofHex(t.asString())));
    assertThat(txs).as("apply, share, decide").hasSize(3);
    String ref = ledgerView.get("applicationRef").asString();
    for (Hash tx : txs) {
      assertThat(node.channel(alphaChannel()).orElseThrow().transaction(tx)).isPresent();
    }
    assertWhereRecorded(txs, ref);
    for (String company : List.of(ALPHA, BETA)) {
      assertNowhere(node, company);
    }

    Http.Response audit = admin.http().get(SharingAuditController.PATH);
    assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
    assertThat(audit.json().get("valid").asBoolean()).as(audit.body()).isTrue();
    assertThat(audit.body()).contains(ref).doesNotContain(ALPHA).doesNotContain(SEC_1);

    assertCompanyWithoutOrganisation(user);

    // Alpha's node comes back and catches up with its channel.
    start(SEC_1);
    awaitHolds(other(SEC_1), alphaChannel(), txs);
  }

  /** Waits until the application's ledger status is reached with nothing pending; its view. */
  static JsonNode awaitLedgerStatus(KycApi user, UUID id, String status) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonNode ledger = ledgerView(user, id);
              assertThat(ledger.get("status").asString()).isEqualTo(status);
              assertThat(ledger.get("pending").asBoolean()).isFalse();
            });
    return ledgerView(user, id);
  }

  private static JsonNode ledgerView(KycApi user, UUID id) {
    for (JsonNode a : user.http.get("/api/v1/me/applications").json()) {
      if (a.get("id").asString().equals(id.toString())) {
        return a.get("ledger");
      }
    }
    throw new AssertionError("no application " + id);
  }

  /** Distinct free loopback ports (each probed on its own). */
  private static List<Integer> freePorts(int n) {
    Set<Integer> ports = new LinkedHashSet<>();
    while (ports.size() < n) {
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        ports.add(probe.getLocalPort());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(ports);
  }
}

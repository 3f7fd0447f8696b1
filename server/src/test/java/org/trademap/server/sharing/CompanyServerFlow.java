package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.trademap.server.testing.Problems.assertProblem;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.node.TransactionRecord;
import org.trademap.ledger.core.config.ConsortiumLayout;
import org.trademap.ledger.core.config.NodeConfigFile;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.ledger.core.node.NodeFiles;
import org.trademap.server.TradeMapApplication;
import org.trademap.server.checks.Checks;
import org.trademap.server.kyc.KycApi;
import org.trademap.server.kyc.KycForms;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.sharing.SharingActors.Staff;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import tools.jackson.databind.JsonNode;

/**
 * A securities company's own server on its own node (ADR 0035), run in each trust model by a
 * subclass: the consortium's server (this test's context, on the consortium's node) and Alpha's
 * server (a second Spring Boot context on {@code sec-1}'s node, its own H2 database and data
 * directory) talk HTTP over loopback; Beta's and the notary's nodes are ledger nodes only. Alpha's
 * server makes its own key pair and registers the public key through the relay; the person applies
 * at Alpha on the consortium's server; Alpha's server fetches the package, its staff open it
 * (verified on {@code sec-1}'s own replica) and approve; the person's application shows approved.
 * Then the relay's refusals: a wrong signature, a replayed request, an unknown member, another
 * company asking for Alpha's package or deciding Alpha's application, a key registration by a
 * member that is not a securities company — each changes nothing. A change of the person's data
 * after the approval reaches Alpha's server as a change notice with a verified updated package, and
 * Alpha's acknowledgement reaches the consortium; a withdrawal before a decision deletes Alpha's
 * copy.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestPropertySource(
    properties = {
      "trademap.staff.initial-administrator=" + CompanyServerFlow.ADMIN,
      "trademap.sharing.companies[0].id=" + SharingConsortiumFlow.ALPHA,
      "trademap.sharing.companies[0].name=Alpha Securities Co., Ltd.",
      "trademap.sharing.companies[0].ledger-member=" + SharingConsortiumFlow.SEC_1,
      "trademap.sharing.companies[0].own-server=true",
      "trademap.sharing.companies[1].id=" + SharingConsortiumFlow.BETA,
      "trademap.sharing.companies[1].name=Beta Securities Co., Ltd.",
      "trademap.sharing.companies[1].ledger-member=" + SharingConsortiumFlow.SEC_2,
      "trademap.sharing.companies[1].own-server=true"
    })
abstract class CompanyServerFlow extends RunningServer {
  static final String ADMIN = "consortium-admin@example.org";
  static final String ALPHA_ADMIN = "alpha-admin@example.org";
  static final String ALPHA = SharingConsortiumFlow.ALPHA;
  static final String SEC_1 = SharingConsortiumFlow.SEC_1;
  static final String SEC_2 = SharingConsortiumFlow.SEC_2;
  static final String NOTARY = SharingConsortiumFlow.NOTARY;
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Alpha's own server, started once the consortium's server runs. */
  private static @Nullable ConfigurableApplicationContext alpha;

  @Autowired LedgerNode node;
  @Autowired Subjects subjects;
  @Autowired Checks checks;
  @Autowired Applications applications;
  @Autowired DataSource dataSource;

  /**
   * Writes the consortium and starts Beta's and the notary's nodes; Alpha's server starts sec-1.
   */
  static void consortium(ConsortiumLayout.Model model) {
    SharingConsortiumFlow.startConsortium(model, Set.of(SEC_1));
  }

  @DynamicPropertySource
  static void consortiumNode(DynamicPropertyRegistry registry) {
    registry.add(
        "trademap.ledger.config", () -> SharingConsortiumFlow.config("consortium").toString());
  }

  @AfterAll
  static void stopAll() {
    ConfigurableApplicationContext running = alpha;
    alpha = null;
    if (running != null) {
      running.close();
    }
    SharingConsortiumFlow.stopOthers();
  }

  /** The channel of Alpha's sharing records in this trust model. */
  abstract String alphaChannel();

  /**
   * Checks who signed the decision: in model a Alpha's node ({@code decide} on {@code rel-sec-1});
   * in model b the consortium's node, with Alpha's node's statement kept with the application.
   */
  abstract void assertDecisionSigned(TransactionRecord decide, UUID applicationId);

  /** Alpha's server (a second Spring Boot context), on sec-1's node, against this server. */
  private Http alphaServer() {
    if (alpha == null) {
      alpha =
          new SpringApplicationBuilder(TradeMapApplication.class)
              .run(
                  "--server.port=0",
                  "--trademap.data-dir=" + dataDir.resolve("alpha-server"),
                  "--trademap.ledger.config=" + SharingConsortiumFlow.config(SEC_1),
                  "--trademap.demo.seed=false",
                  "--trademap.staff.initial-administrator=" + ALPHA_ADMIN,
                  "--trademap.sharing.role=company",
                  "--trademap.sharing.company.id=" + ALPHA,
                  "--trademap.sharing.company.consortium-url=http://127.0.0.1:" + port,
                  "--trademap.sharing.company.poll-interval=PT0.5S",
                  "--trademap.sharing.companies[0].id=" + ALPHA,
                  "--trademap.sharing.companies[0].name=Alpha Securities Co., Ltd.",
                  "--trademap.sharing.companies[0].ledger-member=" + SEC_1,
                  "--trademap.sharing.companies[0].own-server=true");
    }
    Integer alphaPort = alpha.getEnvironment().getProperty("local.server.port", Integer.class);
    return new Http(java.util.Objects.requireNonNull(alphaPort));
  }

  @Test
  void aCompanysOwnServerOpensTheVerifiedPackageAndItsNodeSignsTheDecision() {
    Staff admin = SharingActors.enrol(http(), ADMIN);
    Staff operator = SharingActors.backOffice(admin, http(), "kyc-operator");
    KycApi user = approvedUser(operator, "Companyserverperson");
    String subjectRef = subjects.forAccount(user.accountId()).orElseThrow().ref().value();

    Http alphaHttp = alphaServer();
    Staff alphaAdmin = SharingActors.enrol(alphaHttp, ALPHA_ADMIN);
    Staff reviewer = SharingActors.companyStaff(alphaAdmin, alphaHttp, ALPHA, "company-reviewer");
    Staff approver = SharingActors.companyStaff(alphaAdmin, alphaHttp, ALPHA, "company-approver");

    // Alpha's key pair is made on Alpha's server; the consortium gets the public key only.
    String alphaKey = companyKey(alphaHttp, ALPHA);
    await().atMost(WAIT).until(() -> alphaKey.equals(companyKey(http(), ALPHA)));
    JdbcClient jdbc = JdbcClient.create(dataSource);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM sharing_company WHERE id = ? AND private_key_sealed IS NULL")
                .param(ALPHA)
                .query(Long.class)
                .single())
        .isEqualTo(1);

    Http.Response applied = SharingActors.apply(user, ALPHA, "v1");
    assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
    UUID id = UUID.fromString(applied.json().get("id").asString());
    SharingConsortiumFlow.awaitLedgerStatus(user, id, "shared");
    // The consortium's server does not open Alpha's packages: Alpha's staff work on Alpha's server.
    await()
        .atMost(WAIT)
        .until(
            () -> reviewer.http().get(SharingApiController.COMPANY).body().contains(id.toString()));
    Http.Response opened =
        reviewer.http().get(SharingApiController.COMPANY + "/" + id + "/package");
    assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
    assertThat(opened.json().at("/kycPackage/companyId").asString()).isEqualTo(ALPHA);
    assertThat(opened.json().at("/kycPackage/subjectRef").asString()).isEqualTo(subjectRef);
    List<String> signers = new ArrayList<>();
    opened.json().get("ledgerSteps").forEach(s -> signers.add(s.get("signer").asString()));
    assertThat(signers).containsExactly("consortium", "consortium");
    opened
        .json()
        .get("ledgerSteps")
        .forEach(s -> assertThat(s.get("signatureValid").asBoolean()).isTrue());

    // The company's own checks (ADR 0036) run on its own server too: no approval before them.
    assertProblem(
        approver
            .http()
            .postJson(
                SharingApiController.COMPANY + "/" + id + "/decision",
                "{\"decision\":\"approve\",\"reason\":\"welcome\"}"),
        409,
        "sharing.own-checks-incomplete");
    SharingActors.ownChecksPassed(approver, id);

    Http.Response decided =
        approver
            .http()
            .postJson(
                SharingApiController.COMPANY + "/" + id + "/decision",
                "{\"decision\":\"approve\",\"reason\":\"welcome\"}");
    assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
    JsonNode ledgerView = SharingConsortiumFlow.awaitLedgerStatus(user, id, "approved");
    assertThat(mine(user, id).get("state").asString()).isEqualTo("approved");
    List<Hash> txs = new ArrayList<>();
    ledgerView.get("transactions").forEach(t -> txs.add(Hash.ofHex(t.asString())));
    assertThat(txs).as("apply, share, decide").hasSize(3);
    TransactionRecord decide =
        node.channel(alphaChannel()).orElseThrow().transaction(txs.get(2)).orElseThrow();
    assertThat(decide.transaction().body().method()).isEqualTo("decide");
    assertDecisionSigned(decide, id);
    // Alpha's console shows its decision.
    Http.Response after = reviewer.http().get(SharingApiController.COMPANY + "/" + id + "/package");
    assertThat(after.status()).as(after.toString()).isEqualTo(200);
    assertThat(after.json().at("/application/state").asString()).isEqualTo("approved");

    relayRefusals(id, alphaKey);
    changeNoticeReachesTheCompany(user, id, approver);
    withdrawalReachesTheCompany(operator, reviewer);
  }

  /**
   * ③-D on the company's own server: the person corrects their personal data after Alpha approved;
   * the notice reaches Alpha's server through the relay with the updated package, which opens there
   * verified on sec-1's replica (its {@code update} transaction); acknowledging it on Alpha's
   * server shows on the consortium's side. Beta cannot list or acknowledge Alpha's notices; a
   * cursor that is not the relay's is refused.
   */
  private void changeNoticeReachesTheCompany(KycApi user, UUID id, Staff approver) {
    String path = SharingApiController.COMPANY + "/" + id + "/package";
    String before =
        approver.http().get(path).json().at("/verification/shareTransaction").asString();
    user.saveProfile(Map.of("person", KycForms.person("Corrected", "Testa", user.email)));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Http.Response r = approver.http().get(path);
              assertThat(r.status()).as(r.toString()).isEqualTo(200);
              assertThat(r.json().at("/kycPackage/profile/person/surname").asString())
                  .isEqualTo("Corrected");
            });
    JsonNode updated = approver.http().get(path).json();
    String updateTx = updated.at("/verification/shareTransaction").asString();
    assertThat(updateTx).isNotEqualTo(before);
    assertThat(
            node.channel(alphaChannel())
                .orElseThrow()
                .transaction(Hash.ofHex(updateTx))
                .orElseThrow()
                .transaction()
                .body()
                .method())
        .isEqualTo("update");
    assertThat(updated.at("/application/state").asString()).isEqualTo("approved");
    await()
        .atMost(WAIT)
        .until(() -> approver.http().get(ChangeNoticesController.NOTICES).json().size() == 1);
    JsonNode notice = approver.http().get(ChangeNoticesController.NOTICES).json().get(0);
    assertThat(notice.get("applicationId").asString()).isEqualTo(id.toString());
    assertThat(notice.get("kind").asString()).isEqualTo("personal-data-changed");
    assertThat(notice.get("packageUpdated").asBoolean()).isTrue();
    assertThat(notice.get("acknowledgedAt").isNull()).isTrue();
    String noticeId = notice.get("id").asString();

    // Beta's node neither lists nor acknowledges Alpha's notice; a bad cursor changes nothing.
    KeyPair sec2 = key(SEC_2);
    Http.Response betaNotices = Signed.of(sec2, SEC_2, "GET", "/notices", new byte[0]).send(http());
    assertThat(betaNotices.status()).as(betaNotices.toString()).isEqualTo(200);
    assertThat(betaNotices.json().get("items").size()).isZero();
    assertProblem(
        Signed.of(sec2, SEC_2, "POST", "/notices/" + noticeId + "/acknowledge", new byte[0])
            .send(http()),
        404,
        "sharing.notice-not-found");
    KeyPair sec1 = key(SEC_1);
    assertProblem(
        Signed.of(sec1, SEC_1, "GET", "/notices?after=not-a-cursor", new byte[0]).send(http()),
        400,
        "relay.invalid-cursor");
    assertProblem(
        Signed.of(sec1, SEC_1, "GET", "/packages?after=bm9wZQ", new byte[0]).send(http()),
        400,
        "relay.invalid-cursor");
    assertThat(consortiumAcknowledged(noticeId)).isFalse();
    // The cursor: Alpha's whole list, then nothing newer after its end.
    Http.Response all = Signed.of(sec1, SEC_1, "GET", "/notices", new byte[0]).send(http());
    assertThat(all.json().get("items").size()).isEqualTo(1);
    assertThat(all.json().at("/items/0/packageId").isNull()).isFalse();
    Http.Response newer =
        Signed.of(
                sec1,
                SEC_1,
                "GET",
                "/notices?after=" + all.json().get("next").asString(),
                new byte[0])
            .send(http());
    assertThat(newer.status()).as(newer.toString()).isEqualTo(200);
    assertThat(newer.json().get("items").size()).isZero();
    assertThat(newer.json().get("next").asString()).isEqualTo(all.json().get("next").asString());

    Http.Response acknowledged =
        approver
            .http()
            .postJson(ChangeNoticesController.NOTICES + "/" + noticeId + "/acknowledge", "");
    assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
    assertThat(acknowledged.json().get("acknowledgedAt").isNull()).isFalse();
    await().atMost(WAIT).until(() -> consortiumAcknowledged(noticeId));
  }

  private boolean consortiumAcknowledged(String noticeId) {
    return JdbcClient.create(dataSource)
            .sql(
                "SELECT COUNT(*) FROM sharing_change_notice WHERE id = ?"
                    + " AND acknowledged_at IS NOT NULL")
            .param(UUID.fromString(noticeId))
            .query(Long.class)
            .single()
        == 1;
  }

  /**
   * A person who withdraws before the decision: Alpha's server, which holds the package already,
   * deletes it and answers 410 from then on.
   */
  private void withdrawalReachesTheCompany(Staff operator, Staff reviewer) {
    KycApi user = approvedUser(operator, "Withdrawingperson");
    Http.Response applied = SharingActors.apply(user, ALPHA, "v1");
    assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
    UUID id = UUID.fromString(applied.json().get("id").asString());
    String path = SharingApiController.COMPANY + "/" + id + "/package";
    await().atMost(WAIT).until(() -> reviewer.http().get(path).status() == 200);

    Http.Response withdrawn =
        user.http.postJson(SharingApiController.MINE + "/" + id + "/withdraw", "");
    assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);

    await().atMost(WAIT).until(() -> reviewer.http().get(path).status() == 410);
    assertProblem(reviewer.http().get(path), 410, "sharing.withdrawn");
  }

  /** A person who submitted and whose KYC the operator approved, on the ledger. */
  private KycApi approvedUser(Staff operator, String surname) {
    KycApi user = SharingActors.submitted(http(), surname);
    String subjectRef = subjects.forAccount(user.accountId()).orElseThrow().ref().value();
    UUID caseId = checks.caseOf(new SubjectRef(subjectRef)).orElseThrow().caseId();
    SharingActors.approve(operator, caseId, user, applications::approved);
    return user;
  }

  /** Every refused relay request answers a stable problem and changes nothing. */
  private void relayRefusals(UUID alphaApplication, String alphaKey) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    long companiesBefore = count(jdbc, "sharing_company");
    KeyPair sec1 = key(SEC_1);
    KeyPair sec2 = key(SEC_2);
    KeyPair notary = key(NOTARY);
    byte[] otherKey =
        ("{\"publicKey\":\"" + HEX.formatHex(random(32)) + "\"}").getBytes(StandardCharsets.UTF_8);

    // A wrong signature: sec-1's name, another key.
    KeyPair stranger = KeyPair.generate(RANDOM);
    assertProblem(
        Signed.of(stranger, SEC_1, "PUT", "/key", otherKey).send(http()),
        401,
        "relay.signature-invalid");
    // An unknown member.
    assertProblem(
        Signed.of(stranger, "sec-9", "GET", "/packages", new byte[0]).send(http()),
        401,
        "relay.unknown-member");
    // A replay: the same signed request twice.
    Signed once = Signed.of(sec1, SEC_1, "GET", "/packages", new byte[0]);
    Http.Response first = once.send(http());
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    List<String> alphaPackages = new ArrayList<>();
    first.json().get("items").forEach(p -> alphaPackages.add(p.get("id").asString()));
    assertThat(alphaPackages).hasSize(1);
    assertProblem(once.send(http()), 401, "relay.replayed");
    // Another company: its own list is empty, Alpha's package and application are 404 to it.
    Http.Response betaList = Signed.of(sec2, SEC_2, "GET", "/packages", new byte[0]).send(http());
    assertThat(betaList.status()).as(betaList.toString()).isEqualTo(200);
    assertThat(betaList.json().get("items").size()).isZero();
    assertProblem(
        Signed.of(sec2, SEC_2, "GET", "/packages/" + alphaPackages.getFirst(), new byte[0])
            .send(http()),
        404,
        "relay.package-not-found");
    assertProblem(
        Signed.of(
                sec2,
                SEC_2,
                "POST",
                "/applications/" + alphaApplication + "/decision",
                "{\"decision\":\"reject\"}".getBytes(StandardCharsets.UTF_8))
            .send(http()),
        404,
        "sharing.application-not-found");
    // Another company asking for the state of Alpha's application learns nothing about it.
    Http.Response betaStates =
        Signed.of(
                sec2,
                SEC_2,
                "POST",
                "/applications/states",
                ("{\"applicationIds\":[\"" + alphaApplication + "\"]}")
                    .getBytes(StandardCharsets.UTF_8))
            .send(http());
    assertThat(betaStates.status()).as(betaStates.toString()).isEqualTo(200);
    assertThat(betaStates.json().size()).isZero();
    // A member that is not a securities company registers a key.
    assertProblem(
        Signed.of(notary, NOTARY, "PUT", "/key", otherKey).send(http()),
        403,
        "relay.not-a-company");

    assertThat(count(jdbc, "sharing_company")).isEqualTo(companiesBefore);
    assertThat(companyKey(http(), ALPHA)).isEqualTo(alphaKey);
    assertThat(mine(alphaApplication)).isEqualTo("approved");
  }

  private String mine(UUID id) {
    return JdbcClient.create(dataSource)
        .sql("SELECT state FROM sharing_application WHERE id = ?")
        .param(id)
        .query(String.class)
        .single()
        .toLowerCase(java.util.Locale.ROOT);
  }

  /** A member's node signing key, read from the files {@code consortium init} wrote. */
  static KeyPair key(String member) {
    return NodeFiles.readKey(
        java.util.Objects.requireNonNull(
                NodeConfigFile.load(SharingConsortiumFlow.config(member))
                    .toNodeConfig()
                    .consortium())
            .signingKey());
  }

  /** A member's public key in this node's genesis document. */
  PublicKey memberKey(String member) {
    return node.genesis().member(member).orElseThrow().key();
  }

  private static String companyKey(Http http, String company) {
    for (JsonNode c : http.get("/api/v1/companies").json()) {
      if (c.get("id").asString().equals(company)) {
        return c.get("publicKey").asString();
      }
    }
    return "";
  }

  private static JsonNode mine(KycApi user, UUID id) {
    for (JsonNode a : user.http.get("/api/v1/me/applications").json()) {
      if (a.get("id").asString().equals(id.toString())) {
        return a;
      }
    }
    throw new AssertionError("no application " + id);
  }

  private static long count(JdbcClient jdbc, String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  private static byte[] random(int n) {
    byte[] out = new byte[n];
    RANDOM.nextBytes(out);
    return out;
  }

  /** A relay request signed once, to send (and to send again). */
  record Signed(String method, String path, byte[] body, List<String[]> headers) {
    static Signed of(KeyPair key, String member, String method, String path, byte[] body) {
      String full = RelayController.BASE + path;
      Instant now = Instant.now();
      String nonce = HEX.formatHex(random(16));
      byte[] message = RelaySignatures.requestMessage(method, full, now, nonce, body);
      return new Signed(
          method,
          full,
          body,
          List.of(
              new String[] {RelaySignatures.MEMBER, member},
              new String[] {RelaySignatures.TIMESTAMP, now.toString()},
              new String[] {RelaySignatures.NONCE, nonce},
              new String[] {
                RelaySignatures.SIGNATURE,
                Base64.getEncoder().encodeToString(key.sign(message).bytes())
              }));
    }

    Http.Response send(Http http) {
      Http signed = http;
      for (String[] h : headers) {
        signed = signed.withHeader(h[0], h[1]);
      }
      return method.equals("GET")
          ? signed.get(path)
          : signed.send(method, path, "application/json", body);
    }
  }
}

package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.trademap.server.testing.Problems.assertProblem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.trademap.contracts.sharing.SharingCalls;
import org.trademap.contracts.sharing.SharingRegistry;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.server.checks.Checks;
import org.trademap.server.kyc.KycApi;
import org.trademap.server.kyc.KycForms;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.ledgergateway.outbox.Outbox;
import org.trademap.server.ledgergateway.outbox.OutboxStatus;
import org.trademap.server.sharing.SharingActors.Staff;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.LedgerScan;
import org.trademap.server.testing.RunningServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What happens to an account-opening application after its first package, over the API. ③-B: a
 * package whose check history differs from the ledger's is refused, even when its hash was duly
 * recorded (a consortium server that lies). ②-A: the company sees every recorded step with its
 * signing node. ③-D: a person who holds an account at one company corrects their personal data and
 * goes through a re-KYC; the company holding the account gets a notice each time with an updated
 * package that verifies against the ledger ({@code kyc-sharing.update}); a company where the person
 * only applied gets nothing; after the person withdraws the sharing consent for the company, the
 * company still learns that something changed but gets no data. Nobody else sees the notices.
 */
@TestPropertySource(
    properties = "trademap.staff.initial-administrator=" + SharingAfterShareIT.ADMIN)
class SharingAfterShareIT extends RunningServer {
  static final String ADMIN = "notices-admin@example.org";
  static final String ALPHA = SharingApiIT.ALPHA;
  static final String BETA = SharingApiIT.BETA;
  private static final String NOTICES = "/api/v1/company/notices";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static @Nullable Staff operator;
  private static @Nullable Staff alphaApprover;
  private static @Nullable Staff betaApprover;

  @Autowired Subjects subjects;
  @Autowired Checks checks;
  @Autowired Applications applications;
  @Autowired LedgerNode ledger;
  @Autowired Companies companies;
  @Autowired Outbox outbox;
  @Autowired DataSource dataSource;

  @BeforeEach
  void people() {
    if (operator == null) {
      Staff admin = SharingActors.enrol(http(), ADMIN);
      alphaApprover = SharingActors.companyStaff(admin, http(), ALPHA, "company-approver");
      betaApprover = SharingActors.companyStaff(admin, http(), BETA, "company-approver");
      operator = SharingActors.backOffice(admin, http(), "kyc-operator");
    }
  }

  private static Staff staff(@Nullable Staff s) {
    if (s == null) {
      throw new IllegalStateException("staff are made before each test");
    }
    return s;
  }

  private UUID caseOf(KycApi user) {
    String ref = subjects.forAccount(user.accountId()).orElseThrow().ref().value();
    return checks.caseOf(new SubjectRef(ref)).orElseThrow().caseId();
  }

  private static UUID applied(KycApi user, String company) {
    Http.Response response = SharingActors.apply(user, company, "v1");
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return UUID.fromString(response.json().get("id").asString());
  }

  private static void awaitState(KycApi user, UUID id, String status) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode mine =
                  user.http
                      .get("/api/v1/me/applications")
                      .json()
                      .valueStream()
                      .filter(a -> a.get("id").asString().equals(id.toString()))
                      .findFirst()
                      .orElseThrow();
              assertThat(mine.at("/ledger/status").asString()).isEqualTo(status);
              assertThat(mine.at("/ledger/pending").asBoolean()).isFalse();
            });
  }

  private static List<JsonNode> notices(Staff staff) {
    Http.Response response = staff.http().get(NOTICES);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json().valueStream().toList();
  }

  private static List<JsonNode> noticesOf(Staff staff, UUID application) {
    return notices(staff).stream()
        .filter(n -> n.get("applicationId").asString().equals(application.toString()))
        .toList();
  }

  private static JsonNode awaitNotice(Staff staff, UUID application, int count) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(noticesOf(staff, application)).hasSize(count));
    return noticesOf(staff, application).getFirst();
  }

  /** The package as the company fetches it, once the one it expects is verified. */
  private static JsonNode awaitPackage(Staff staff, UUID id, String surname) {
    String path = "/api/v1/company/applications/" + id + "/package";
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Http.Response r = staff.http().get(path);
              assertThat(r.status()).as(r.toString()).isEqualTo(200);
              assertThat(r.json().at("/kycPackage/profile/person/surname").asString())
                  .isEqualTo(surname);
            });
    return staff.http().get(path).json();
  }

  private static void correctSurname(KycApi user, String surname) {
    user.saveProfile(Map.of("person", KycForms.person(surname, "Testa", user.email)));
  }

  @Test
  void theCompanyHoldingTheAccountGetsEachChangeWithAVerifiedUpdatedPackageWhileTheConsentStands() {
    KycApi user = SharingActors.submitted(http(), "Before");
    SharingActors.approve(staff(operator), caseOf(user), user, applications::approved);
    UUID atAlpha = applied(user, ALPHA);
    awaitState(user, atAlpha, "shared");
    JsonNode first = awaitPackage(staff(alphaApprover), atAlpha, "Before");
    SharingActors.ownChecksPassed(staff(alphaApprover), atAlpha);
    Http.Response decided =
        staff(alphaApprover)
            .http()
            .postJson(
                "/api/v1/company/applications/" + atAlpha + "/decision",
                "{\"decision\":\"approve\",\"reason\":\"\"}");
    assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
    awaitState(user, atAlpha, "approved");
    UUID atBeta = applied(user, BETA);
    awaitState(user, atBeta, "shared");

    correctSurname(user, "Corrected");

    JsonNode notice = awaitNotice(staff(alphaApprover), atAlpha, 1);
    assertThat(notice.get("kind").asString()).isEqualTo("personal-data-changed");
    assertThat(notice.get("packageUpdated").asBoolean()).isTrue();
    assertThat(notice.get("acknowledgedAt").isNull()).isTrue();
    JsonNode updated = awaitPackage(staff(alphaApprover), atAlpha, "Corrected");
    String updateTx = updated.at("/verification/shareTransaction").asString();
    assertThat(updateTx).isNotEqualTo(first.at("/verification/shareTransaction").asString());
    assertThat(ledger.transaction(Hash.ofHex(updateTx)).orElseThrow().transaction().body())
        .satisfies(
            body -> {
              assertThat(body.method()).isEqualTo(SharingRegistry.UPDATE);
              assertThat(body.contractVersion()).isEqualTo(SharingRegistry.UPDATE_VERSION);
            });
    assertThat(updated.get("ledgerSteps").valueStream().map(st -> st.get("method").asString()))
        .as("every status change on the ledger, with its signer (②-A)")
        .containsExactly("apply", "share", "decide", "update");
    assertThat(updated.get("ledgerSteps").valueStream())
        .allSatisfy(
            st -> {
              assertThat(st.get("signatureValid").asBoolean()).isTrue();
              assertThat(st.get("signerRole").asString()).isEqualTo("consortium");
              assertThat(st.get("signerKey").asString()).hasSize(64);
            });
    assertThat(updated.at("/ledgerSteps/3/status").asString()).isEqualTo("approved");
    assertThat(noticesOf(staff(betaApprover), atBeta))
        .as("a company where the person only applied holds no account")
        .isEmpty();
    awaitState(user, atAlpha, "approved");

    SharingActors.approve(staff(operator), caseOf(user), user, applications::approved);
    JsonNode rekyc = awaitNotice(staff(alphaApprover), atAlpha, 2);
    assertThat(rekyc.get("kind").asString()).isEqualTo("rekyc-approved");
    assertThat(rekyc.get("packageUpdated").asBoolean()).isTrue();

    Http.Response withdrawn =
        user.http.send(
            "DELETE",
            "/api/v1/me/consents/sharing?scope=" + Applications.scope(ALPHA),
            "application/json",
            new byte[0]);
    assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
    correctSurname(user, "Withheld");
    JsonNode withheld = awaitNotice(staff(alphaApprover), atAlpha, 3);
    assertThat(withheld.get("kind").asString()).isEqualTo("personal-data-changed");
    assertThat(withheld.get("packageUpdated").asBoolean())
        .as("no data without the consent")
        .isFalse();
    assertThat(
            staff(alphaApprover)
                .http()
                .get("/api/v1/company/applications/" + atAlpha + "/package")
                .json()
                .at("/kycPackage/profile/person/surname")
                .asString())
        .isEqualTo("Corrected");
    assertThat(LedgerScan.mentioning(ledger, ALPHA))
        .as("the ledger never names a company")
        .isEmpty();
    assertThat(LedgerScan.mentioning(ledger, "Corrected")).as("nor personal data").isEmpty();
  }

  @Test
  void aPackageWhoseCheckHistoryDiffersFromTheLedgerIsRefusedThoughItsHashIsRecorded() {
    KycApi user = SharingActors.submitted(http(), "Forged");
    SharingActors.approve(staff(operator), caseOf(user), user, applications::approved);
    UUID id = applied(user, ALPHA);
    awaitState(user, id, "shared");
    awaitPackage(staff(alphaApprover), id, "Forged");
    SharingRepository repository = new SharingRepository(dataSource);
    Application a = repository.application(id).orElseThrow();
    KycPackage honest =
        JSON.readValue(
            Hpke.open(
                    companies.keys(ALPHA),
                    a.ref().getBytes(StandardCharsets.US_ASCII),
                    java.util.Objects.requireNonNull(
                        repository.packagesFor(id, ALPHA).getFirst().sealed()))
                .orElseThrow(),
            KycPackage.class);
    LedgerChecks.Check first = honest.checks().getFirst();
    List<LedgerChecks.Check> forgedChecks = new ArrayList<>(honest.checks());
    forgedChecks.set(
        0,
        new LedgerChecks.Check(
            first.sequence(),
            first.process(),
            first.result().equals("passed") ? "failed" : "passed",
            first.operator(),
            first.completedAt(),
            first.recordedAt(),
            first.txId(),
            first.height()));
    KycPackage forged =
        new KycPackage(
            honest.format(),
            honest.applicationRef(),
            honest.subjectRef(),
            honest.companyId(),
            honest.purpose(),
            honest.consentVersion(),
            honest.assembledAt(),
            honest.profile(),
            honest.documents(),
            forgedChecks);
    byte[] sealed =
        Hpke.seal(
            companies.find(ALPHA).orElseThrow().publicKey(),
            a.ref().getBytes(StandardCharsets.US_ASCII),
            JSON.writeValueAsBytes(forged));
    byte[] hash = Applications.sha256(sealed);
    UUID packageId = UUID.randomUUID();
    String key = "sharing/update/" + packageId;
    repository.insertPackage(
        new SharingRepository.PackageRow(
            packageId, id, ALPHA, sealed, hash, key, java.time.Instant.now()));
    outbox.enqueue(
        key,
        SharingRegistry.ID,
        SharingRegistry.UPDATE_VERSION,
        SharingRegistry.UPDATE,
        SharingCalls.share(a.ref(), SharingCalls.recipientCommitment(a.salt(), ALPHA), hash));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> outbox.find(key).orElseThrow().status() instanceof OutboxStatus.Committed);

    Http.Response refused =
        staff(alphaApprover).http().get("/api/v1/company/applications/" + id + "/package");

    assertProblem(refused, 409, "sharing.history-altered");
    assertThat(refused.body()).doesNotContain("Forged");
    assertProblem(
        staff(alphaApprover)
            .http()
            .postJson(
                "/api/v1/company/applications/" + id + "/decision",
                "{\"decision\":\"approve\",\"reason\":\"\"}"),
        409,
        "sharing.history-altered");
  }

  @Test
  void onlyTheCompanysStaffSeeAndAcknowledgeItsNotices() {
    KycApi user = SharingActors.submitted(http(), "Acknowledged");
    SharingActors.approve(staff(operator), caseOf(user), user, applications::approved);
    UUID atAlpha = applied(user, ALPHA);
    awaitState(user, atAlpha, "shared");
    SharingActors.ownChecksPassed(staff(alphaApprover), atAlpha);
    assertThat(
            staff(alphaApprover)
                .http()
                .postJson(
                    "/api/v1/company/applications/" + atAlpha + "/decision",
                    "{\"decision\":\"approve\",\"reason\":\"\"}")
                .status())
        .isEqualTo(200);
    correctSurname(user, "Acknowledgedtwo");
    String id = awaitNotice(staff(alphaApprover), atAlpha, 1).get("id").asString();
    String acknowledge = NOTICES + "/" + id + "/acknowledge";

    assertProblem(
        staff(betaApprover).http().postJson(acknowledge, ""), 404, "sharing.notice-not-found");
    assertProblem(user.http.postJson(acknowledge, ""), 404, "sharing.notice-not-found");
    assertProblem(user.http.get(NOTICES), 403, "auth.forbidden");
    assertProblem(
        staff(alphaApprover)
            .http()
            .postJson(NOTICES + "/" + UUID.randomUUID() + "/acknowledge", ""),
        404,
        "sharing.notice-not-found");
    assertThat(noticesOf(staff(alphaApprover), atAlpha).getFirst().get("acknowledgedAt").isNull())
        .as("refused attempts change nothing")
        .isTrue();

    Http.Response done = staff(alphaApprover).http().postJson(acknowledge, "");
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    String at = done.json().get("acknowledgedAt").asString();
    Http.Response again = staff(alphaApprover).http().postJson(acknowledge, "");
    assertThat(again.json().get("acknowledgedAt").asString()).as("marking again").isEqualTo(at);
    assertThat(noticesOf(staff(betaApprover), atAlpha)).isEmpty();
  }
}

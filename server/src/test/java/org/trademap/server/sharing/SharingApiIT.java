package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.trademap.server.testing.Problems.assertProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.trademap.contracts.sharing.SharingRegistry;
import org.trademap.ledger.api.block.ContractEvent;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.server.checks.Checks;
import org.trademap.server.kyc.KycApi;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.sharing.SharingActors.Staff;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.LedgerScan;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import org.trademap.server.testing.TotpCodes;
import tools.jackson.databind.JsonNode;

/**
 * Account opening over the API as people and company systems use it, one test per row of JPX Table
 * 7-1 that the single-node default shows: ①-A the live status list, ①-B/②-B nobody but the
 * designated company reads the package, ①-C a share to a company the person did not designate is
 * refused by the contract with an alert, ②-C an altered package is refused; plus the second company
 * reusing the verified results, withdrawal and bad inputs.
 */
@TestPropertySource(properties = "trademap.staff.initial-administrator=" + SharingApiIT.ADMIN)
class SharingApiIT extends RunningServer {
  static final String ADMIN = "sharing-admin@example.org";
  static final String ALPHA = "alpha-securities";
  static final String BETA = "beta-securities";

  private static @Nullable Staff admin;
  private static @Nullable Staff operator;
  private static @Nullable Staff alphaReviewer;
  private static @Nullable Staff alphaApprover;
  private static @Nullable Staff betaApprover;

  @Autowired Subjects subjects;
  @Autowired Checks checks;
  @Autowired Applications applications;
  @Autowired LedgerNode ledger;
  @Autowired DataSource dataSource;

  @BeforeEach
  void people() {
    if (admin == null) {
      Staff first = SharingActors.enrol(http(), ADMIN);
      operator = SharingActors.backOffice(first, http(), "kyc-operator");
      alphaReviewer = SharingActors.companyStaff(first, http(), ALPHA, "company-reviewer");
      alphaApprover = SharingActors.companyStaff(first, http(), ALPHA, "company-approver");
      betaApprover = SharingActors.companyStaff(first, http(), BETA, "company-approver");
      admin = first;
    }
  }

  private static Staff staff(@Nullable Staff s) {
    if (s == null) {
      throw new IllegalStateException("staff are made before each test");
    }
    return s;
  }

  private KycApi approvedUser(String surname) {
    KycApi user = SharingActors.submitted(http(), surname);
    String ref = subjects.forAccount(user.accountId()).orElseThrow().ref().value();
    UUID caseId = checks.caseOf(new SubjectRef(ref)).orElseThrow().caseId();
    SharingActors.approve(staff(operator), caseId, user, applications::approved);
    return user;
  }

  private static UUID applied(KycApi user, String company) {
    Http.Response response = SharingActors.apply(user, company, "v1");
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return UUID.fromString(response.json().get("id").asString());
  }

  private static JsonNode mine(KycApi user, UUID id) {
    for (JsonNode a : user.http.get("/api/v1/me/applications").json()) {
      if (a.get("id").asString().equals(id.toString())) {
        return a;
      }
    }
    throw new AssertionError("no application " + id);
  }

  private static void awaitLedgerStatus(KycApi user, UUID id, String status) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode ledger = mine(user, id).get("ledger");
              assertThat(ledger.get("status").asString()).isEqualTo(status);
              assertThat(ledger.get("pending").asBoolean()).isFalse();
            });
  }

  private static String packagePath(UUID id) {
    return "/api/v1/company/applications/" + id + "/package";
  }

  private static JsonNode openPackage(Staff staff, UUID id) {
    Http.Response response = staff.http().get(packagePath(id));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    return response.json();
  }

  private static Http.Response decide(Staff staff, UUID id, String decision, String reason) {
    return staff
        .http()
        .postJson(
            "/api/v1/company/applications/" + id + "/decision",
            "{\"decision\":"
                + Http.jsonString(decision)
                + ",\"reason\":"
                + Http.jsonString(reason)
                + "}");
  }

  @Test
  void anApprovedPersonOpensAccountsAtTwoCompaniesTheSecondReusingTheVerifiedResults() {
    KycApi user = approvedUser("Twocompanies");
    String ref = subjects.forAccount(user.accountId()).orElseThrow().ref().value();
    int checksBefore = (int) recordChecks(ref);

    UUID first = applied(user, ALPHA);
    awaitLedgerStatus(user, first, "shared");
    JsonNode opened = openPackage(staff(alphaReviewer), first);

    JsonNode pkg = opened.get("kycPackage");
    assertThat(pkg.get("format").asString()).isEqualTo("trademap.kyc-package/1");
    assertThat(pkg.get("companyId").asString()).isEqualTo(ALPHA);
    assertThat(pkg.at("/profile/person/surname").asString()).isEqualTo("Twocompanies");
    assertThat(pkg.get("documents").size()).isPositive();
    List<String> processes =
        pkg.get("checks").valueStream().map(c -> c.get("process").asString()).toList();
    assertThat(processes).contains("id-document", "sanctions-screening", "approval");
    assertThat(opened.at("/verification/checksConfirmed").asInt()).isEqualTo(processes.size());
    assertThat(opened.at("/verification/shareTransaction").asString()).hasSize(64);

    SharingActors.ownChecksPassed(staff(alphaReviewer), first);
    Http.Response decided = decide(staff(alphaApprover), first, "approve", "welcome");
    assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
    assertThat(decided.json().get("state").asString()).isEqualTo("approved");
    awaitLedgerStatus(user, first, "approved");
    assertProblem(
        decide(staff(alphaApprover), first, "reject", "again"), 409, "sharing.already-decided");

    UUID second = applied(user, BETA);
    awaitLedgerStatus(user, second, "shared");
    JsonNode atBeta = openPackage(staff(betaApprover), second).get("kycPackage");
    assertThat(atBeta.get("checks")).isEqualTo(pkg.get("checks"));
    assertThat(recordChecks(ref)).as("no new KYC checks").isEqualTo(checksBefore);
    SharingActors.ownChecksPassed(staff(betaApprover), second);
    assertThat(decide(staff(betaApprover), second, "approve", "").status()).isEqualTo(200);
    awaitLedgerStatus(user, second, "approved");

    JsonNode list = user.http.get("/api/v1/me/applications").json();
    assertThat(list.valueStream().map(a -> a.get("companyId").asString()))
        .containsExactly(ALPHA, BETA);
    assertThat(list.valueStream().map(a -> a.get("state").asString()))
        .containsExactly("approved", "approved");
    assertThat(list.get(0).at("/ledger/transactions").size()).isEqualTo(3);
    assertThat(LedgerScan.mentioning(ledger, ALPHA))
        .as("the ledger never names a company")
        .isEmpty();
    assertThat(LedgerScan.mentioning(ledger, BETA)).isEmpty();
  }

  @Test
  void theAuditorVerifiesEveryTransitionWithoutLearningTheCompany() {
    KycApi user = approvedUser("Auditedperson");
    UUID first = applied(user, ALPHA);
    UUID second = applied(user, BETA);
    awaitLedgerStatus(user, first, "shared");
    awaitLedgerStatus(user, second, "shared");
    applications.shareTo(first, BETA);
    SharingActors.ownChecksPassed(staff(alphaApprover), first);
    assertThat(decide(staff(alphaApprover), first, "approve", "").status()).isEqualTo(200);
    assertThat(decide(staff(betaApprover), second, "reject", "not for us").status()).isEqualTo(200);
    awaitLedgerStatus(user, first, "approved");
    awaitLedgerStatus(user, second, "rejected");
    String firstRef = mine(user, first).at("/ledger/applicationRef").asString();
    String secondRef = mine(user, second).at("/ledger/applicationRef").asString();

    assertProblem(user.http.get(SharingAuditController.PATH), 403, "auth.forbidden");
    assertProblem(http().get(SharingAuditController.PATH), 401, "auth.required");
    Http.Response audit = staff(admin).http().get(SharingAuditController.PATH);

    assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
    JsonNode report = audit.json();
    assertThat(report.get("valid").asBoolean()).as(audit.body()).isTrue();
    assertThat(report.get("summary").asString()).startsWith("all transitions valid");
    assertThat(report.get("violations").size()).isZero();
    assertThat(report.get("refusedShares").asInt()).isPositive();
    assertThat(statuses(report, firstRef))
        .containsExactly("applied", "shared", "share-refused", "approved");
    assertThat(statuses(report, secondRef)).containsExactly("applied", "shared", "rejected");
    String body = audit.body();
    for (JsonNode company : http().get("/api/v1/companies").json()) {
      assertThat(body)
          .doesNotContain(company.get("id").asString())
          .doesNotContain(company.get("name").asString());
    }
    assertThat(body)
        .doesNotContain("Auditedperson")
        .doesNotContain(subjects.forAccount(user.accountId()).orElseThrow().ref().value());

    CommandLine cli = auditCommand(auditorToken());
    assertThat(cli.exitCode()).as(cli.output()).isZero();
    assertThat(cli.output()).contains("\"valid\":true", "all transitions valid", firstRef);
    assertThat(cli.output()).doesNotContain(ALPHA).doesNotContain(BETA);
    assertThat(auditCommand("not-a-token").exitCode()).isEqualTo(2);
  }

  private record CommandLine(int exitCode, String output) {}

  /** A new administrator invited by the first one; their address. */
  private String invitedAdministrator(String label) {
    String email = TestAccounts.newAddress(label);
    assertThat(
            staff(admin)
                .http()
                .postJson(
                    "/api/v1/admin/staff",
                    "{\"email\":" + Http.jsonString(email) + ",\"role\":\"administrator\"}")
                .status())
        .isEqualTo(201);
    return email;
  }

  /** An administrator (standing in for the auditor) signs in; their bearer token. */
  private String auditorToken() {
    String email = invitedAdministrator("auditor");
    String key = SharingActors.accept(http(), email);
    Http.Response login =
        TestAccounts.loginRequest(
            http(), email, SharingActors.PASSWORD, TotpCodes.code(key, Instant.now(), 1));
    assertThat(login.status()).as(login.toString()).isEqualTo(201);
    return login.json().get("token").asString();
  }

  /** {@code bin/trademap audit sharing --url …} against this server. */
  private CommandLine auditCommand(String token) {
    Path script = Path.of("..", "bin", "trademap").toAbsolutePath().normalize();
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash", script.toString(), "audit", "sharing", "--url", "http://127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().put("TRADEMAP_TOKEN", token);
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return new CommandLine(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static List<String> statuses(JsonNode report, String applicationRef) {
    for (JsonNode a : report.get("applications")) {
      if (a.get("applicationRef").asString().equals(applicationRef)) {
        return a.get("steps").valueStream().map(s -> s.get("status").asString()).toList();
      }
    }
    throw new AssertionError("no audited application " + applicationRef);
  }

  @Test
  void nobodyButTheDesignatedCompanysStaffReadsThePackage() {
    KycApi user = approvedUser("Onlyalpha");
    UUID id = applied(user, ALPHA);
    awaitLedgerStatus(user, id, "shared");
    KycApi other = SharingActors.submitted(http(), "Otheruser");

    assertProblem(
        staff(betaApprover).http().get(packagePath(id)), 404, "sharing.application-not-found");
    assertProblem(user.http.get(packagePath(id)), 404, "sharing.application-not-found");
    assertProblem(other.http.get(packagePath(id)), 404, "sharing.application-not-found");
    assertProblem(
        staff(operator).http().get(packagePath(id)), 404, "sharing.application-not-found");
    assertProblem(staff(admin).http().get(packagePath(id)), 404, "sharing.application-not-found");
    assertProblem(http().get(packagePath(id)), 401, "auth.required");
    assertProblem(
        decide(staff(betaApprover), id, "approve", ""), 404, "sharing.application-not-found");
    assertProblem(
        other.http.postJson("/api/v1/me/applications/" + id + "/withdraw", ""),
        404,
        "sharing.application-not-found");
    assertThat(
            staff(betaApprover)
                .http()
                .get("/api/v1/company/applications")
                .json()
                .valueStream()
                .map(a -> a.get("id").asString()))
        .doesNotContain(id.toString());
    assertProblem(other.http.get("/api/v1/company/applications"), 403, "auth.forbidden");

    assertProblem(decide(staff(alphaReviewer), id, "approve", ""), 403, "sharing.approver-only");
    assertThat(openPackage(staff(alphaReviewer), id).at("/application/state").asString())
        .isEqualTo("applied");
  }

  @Test
  void aShareToACompanyThePersonDidNotDesignateIsRefusedByTheContractWithAnAlert() {
    KycApi user = approvedUser("Designated");
    UUID id = applied(user, ALPHA);
    awaitLedgerStatus(user, id, "shared");

    applications.shareTo(id, BETA);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(mine(user, id).at("/ledger/refusedShares").asInt()).isEqualTo(1));
    String ref = mine(user, id).at("/ledger/applicationRef").asString();
    List<ContractEvent> alerts =
        LedgerScan.mentioning(ledger, ref).stream()
            .flatMap(r -> r.receipt().events().stream())
            .filter(e -> e.name().equals(SharingRegistry.SHARE_REFUSED))
            .toList();
    assertThat(alerts).hasSize(1);
    assertThat(new String(alerts.getFirst().data(), java.nio.charset.StandardCharsets.US_ASCII))
        .contains(SharingRegistry.NOT_DESIGNATED);
    // The consortium sees the alert: reference, code, time, block; no company, no person.
    Http.Response listed = staff(admin).http().get(SharingAuditController.ALERTS);
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    JsonNode alert =
        listed
            .json()
            .valueStream()
            .filter(a -> a.get("applicationRef").asString().equals(ref))
            .findFirst()
            .orElseThrow();
    assertThat(alert.get("code").asString()).isEqualTo(SharingRegistry.NOT_DESIGNATED);
    assertThat(alert.get("txId").asString()).hasSize(64);
    assertThat(Instant.parse(alert.get("at").asString()))
        .isBetween(Instant.now().minus(Duration.ofMinutes(10)), Instant.now());
    assertThat(listed.body())
        .doesNotContain(ALPHA)
        .doesNotContain(BETA)
        .doesNotContain("Designated");
    assertProblem(
        staff(alphaApprover).http().get(SharingAuditController.ALERTS), 403, "auth.forbidden");
    assertProblem(user.http.get(SharingAuditController.ALERTS), 403, "auth.forbidden");
    String email = invitedAdministrator("alerts-admin");
    Http.Response page =
        SharingActors.signedInBrowser(
                port, email, SharingActors.accept(http(), email), "/admin/staff")
            .get(SharingAlertsPage.PATH);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains(ref, "not the company the person designated", SharingRegistry.NOT_DESIGNATED)
        .doesNotContain(ALPHA)
        .doesNotContain("Designated");
    assertThat(mine(user, id).at("/ledger/status").asString()).isEqualTo("shared");
    assertProblem(
        staff(betaApprover).http().get(packagePath(id)), 404, "sharing.application-not-found");
    assertThat(openPackage(staff(alphaApprover), id).at("/kycPackage/companyId").asString())
        .isEqualTo(ALPHA);
  }

  @Test
  void aPackageAlteredAfterSharingIsRefusedBeforeAnythingIsShown() {
    KycApi user = approvedUser("Altered");
    UUID id = applied(user, ALPHA);
    awaitLedgerStatus(user, id, "shared");
    JdbcClient jdbc = JdbcClient.create(dataSource);
    byte[] sealed =
        jdbc.sql("SELECT sealed FROM sharing_package WHERE application_id = ?")
            .param(id)
            .query(byte[].class)
            .single();
    byte[] altered = sealed.clone();
    altered[altered.length / 2] ^= 1;
    jdbc.sql("UPDATE sharing_package SET sealed = ? WHERE application_id = ?")
        .param(altered)
        .param(id)
        .update();

    Http.Response refused = staff(alphaApprover).http().get(packagePath(id));

    JsonNode problem = assertProblem(refused, 409, "sharing.package-altered");
    assertThat(refused.body()).doesNotContain("Altered");
    assertThat(problem.get("title").asString()).contains("does not match the ledger");
    assertProblem(decide(staff(alphaApprover), id, "approve", ""), 409, "sharing.package-altered");

    jdbc.sql("UPDATE sharing_package SET sealed = ? WHERE application_id = ?")
        .param(sealed)
        .param(id)
        .update();
    assertThat(openPackage(staff(alphaApprover), id).at("/kycPackage/applicationRef").asString())
        .startsWith("app-");
  }

  @Test
  void withdrawingTheConsentStopsTheSharingAndIsRecorded() {
    KycApi user = approvedUser("Withdraws");
    UUID id = applied(user, BETA);
    awaitLedgerStatus(user, id, "shared");

    Http.Response withdrawn = user.http.postJson("/api/v1/me/applications/" + id + "/withdraw", "");

    assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
    assertThat(withdrawn.json().get("state").asString()).isEqualTo("withdrawn");
    awaitLedgerStatus(user, id, "withdrawn");
    assertProblem(staff(betaApprover).http().get(packagePath(id)), 410, "sharing.withdrawn");
    assertProblem(
        user.http.postJson("/api/v1/me/applications/" + id + "/withdraw", ""),
        409,
        "sharing.not-withdrawable");
    JsonNode consents = user.http.get("/api/v1/me/consents").json();
    assertThat(consents.toString()).contains("account-opening:" + BETA);

    applications.shareTo(id, BETA);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(mine(user, id).at("/ledger/refusedShares").asInt()).isEqualTo(1));

    UUID again = applied(user, BETA);
    assertThat(again).isNotEqualTo(id);
  }

  @Test
  void badApplicationsAreRefusedAndChangeNothing() {
    KycApi user = approvedUser("Badinputs");
    KycApi notApproved = SharingActors.submitted(http(), "Notapproved");

    assertProblem(
        SharingActors.apply(user, "gamma-securities", "v1"), 422, "sharing.unknown-company");
    assertProblem(SharingActors.apply(user, "../etc", "v1"), 422, "sharing.unknown-company");
    assertProblem(SharingActors.apply(user, ALPHA, null), 422, "sharing.consent-required");
    assertProblem(SharingActors.apply(user, ALPHA, "v0"), 422, "sharing.consent-required");
    assertProblem(SharingActors.apply(notApproved, ALPHA, "v1"), 409, "sharing.not-approved");
    assertThat(user.http.get("/api/v1/me/applications").json().size()).isZero();

    applied(user, ALPHA);
    assertProblem(SharingActors.apply(user, ALPHA, "v1"), 409, "sharing.duplicate");
    assertThat(user.http.get("/api/v1/me/applications").json().size()).isEqualTo(1);
    assertProblem(
        user.http.postJson("/api/v1/me/applications/" + UUID.randomUUID() + "/withdraw", ""),
        404,
        "sharing.application-not-found");
    assertProblem(
        SharingActors.inviteCompanyStaff(
            staff(admin), "gamma-securities", "x@example.org", "company-reviewer"),
        404,
        "sharing.unknown-company");
    assertProblem(
        SharingActors.inviteCompanyStaff(staff(admin), ALPHA, "y@example.org", "kyc-operator"),
        422,
        "sharing.not-a-company-role");
  }

  private long recordChecks(String ref) {
    return LedgerScan.mentioning(ledger, ref).stream()
        .filter(r -> r.method().equals("record-check"))
        .count();
  }
}

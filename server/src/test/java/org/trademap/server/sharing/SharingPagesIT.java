package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.trademap.server.checks.Checks;
import org.trademap.server.kyc.KycApi;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.sharing.SharingActors.Staff;
import org.trademap.server.testing.BrowserSession;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;

/**
 * The pages of account opening as a person and a company's approver use them in a browser session:
 * applying on {@code /me/applications} with the consent, the company console's inbox, the verified
 * package with the judgment history and the decision, and the status back on the person's page.
 */
@TestPropertySource(properties = "trademap.staff.initial-administrator=" + SharingPagesIT.ADMIN)
class SharingPagesIT extends RunningServer {
  static final String ADMIN = "sharing-pages-admin@example.org";

  @Autowired Subjects subjects;
  @Autowired Checks checks;
  @Autowired Applications applications;

  @Test
  void aPersonAppliesOnHerPageAndTheCompanyApprovesInItsConsole() {
    Staff admin = SharingActors.enrol(http(), ADMIN);
    Staff operator = SharingActors.backOffice(admin, http(), "kyc-operator");
    KycApi user = SharingActors.submitted(http(), "Pageperson");
    BrowserSession person = TestAccounts.signedInBrowser(port, user.email);
    assertThat(person.get("/me/applications").body()).contains("id=\"not-approved\"");
    String ref = subjects.forAccount(user.accountId()).orElseThrow().ref().value();
    SharingActors.approve(
        operator,
        checks.caseOf(new SubjectRef(ref)).orElseThrow().caseId(),
        user,
        applications::approved);

    assertThat(person.get("/me").body()).contains("href=\"/me/applications\"");
    Http.Response form = person.get("/me/applications");
    assertThat(form.body()).contains("Alpha Securities Co., Ltd.", "Beta Securities Co., Ltd.");
    Http.Response noConsent =
        person.post("/me/applications", Map.of("companyId", "alpha-securities"));
    assertThat(noConsent.status()).isEqualTo(422);
    assertThat(noConsent.body()).contains("Consent required");
    Http.Response applied =
        person.post("/me/applications", Map.of("companyId", "alpha-securities", "consent", "v1"));
    assertThat(applied.status()).as(applied.toString()).isEqualTo(302);
    assertThat(person.get("/me/applications").body())
        .contains("You applied at Alpha Securities Co., Ltd.", "waiting for the company");
    UUID id = applications.mine(user.accountId()).getFirst().id();

    BrowserSession console =
        SharingActors.companyBrowser(port, admin, http(), "alpha-securities", "company-approver");
    assertThat(console.get("/company").body()).contains("/company/applications/" + id);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> console.get("/company/applications/" + id).status() == 200);
    Http.Response packagePage = console.get("/company/applications/" + id);
    assertThat(packagePage.body())
        .contains("Verified against the ledger", "Pageperson", "judgment history", "approval");
    assertThat(packagePage.header("Cache-Control").orElseThrow()).contains("no-store");

    BrowserSession other =
        SharingActors.companyBrowser(port, admin, http(), "beta-securities", "company-approver");
    assertThat(other.get("/company/applications/" + id).status()).isEqualTo(404);
    assertThat(person.get("/company/applications/" + id).status()).isEqualTo(404);

    Http.Response noReason =
        console.post("/company/applications/" + id + "/decision", Map.of("decision", "reject"));
    assertThat(noReason.status()).isEqualTo(422);
    assertThat(noReason.body()).contains("Reason required");
    Http.Response tooEarly =
        console.post(
            "/company/applications/" + id + "/decision",
            Map.of("decision", "approve", "reason", "welcome"));
    assertThat(tooEarly.status()).isEqualTo(409);
    assertThat(tooEarly.body()).contains("Own checks incomplete", "waiting for the company");
    assertThat(packagePage.body()).contains("/company/applications/" + id + "/own-checks");
    String ownChecks = "/company/applications/" + id + "/own-checks";
    assertThat(console.get(ownChecks).body()).contains("Not screened yet.", "Not assessed yet.");
    assertThat(console.post(ownChecks + "/asf-screening", Map.of()).status()).isEqualTo(302);
    Http.Response incomplete =
        console.post(ownChecks + "/suitability", Map.of("experience", "over-5y"));
    assertThat(incomplete.status()).isEqualTo(422);
    assertThat(incomplete.body()).contains("Suitability answers incomplete");
    Http.Response assessed =
        console.post(
            ownChecks + "/suitability",
            Map.of(
                "experience", "over-5y",
                "income", "from-5m-to-10m",
                "assets", "from-10m-to-50m",
                "purpose", "balanced",
                "riskTolerance", "medium"));
    assertThat(assessed.status()).isEqualTo(302);
    assertThat(console.get(ownChecks).body())
        .contains("no hits", "suitability-outcome\">suitable<", "Both own checks are recorded");
    Http.Response decided =
        console.post(
            "/company/applications/" + id + "/decision",
            Map.of("decision", "approve", "reason", "welcome"));
    assertThat(decided.status()).as(decided.toString()).isEqualTo(302);
    assertThat(console.get("/company/applications/" + id).body())
        .contains("account opened", "welcome");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(person.get("/me/applications").body())
                    .contains("account opened", "account opening approved"));

    Http.Response second =
        person.post("/me/applications", Map.of("companyId", "beta-securities", "consent", "v1"));
    assertThat(second.status()).isEqualTo(302);
    UUID secondId = applications.mine(user.accountId()).getLast().id();
    Http.Response withdrawn = person.post("/me/applications/" + secondId + "/withdraw", Map.of());
    assertThat(withdrawn.status()).isEqualTo(302);
    assertThat(person.get("/me/applications").body()).contains("consent withdrawn");
  }
}

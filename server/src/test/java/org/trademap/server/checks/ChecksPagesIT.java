package org.trademap.server.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.contracts.kyc.CheckResult;
import org.trademap.server.kyc.KycApi;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.testing.BrowserSession;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import org.trademap.server.testing.TotpCodes;

/**
 * The back office's pages as a browser uses them: joining by the invitation page, signing in with
 * password and code, the administrator's staff page, who is refused which page, and the case page
 * with the evidence and proposal of a check-specific part (a test {@link CheckEvidence}).
 */
@TestPropertySource(properties = "trademap.staff.initial-administrator=" + ChecksPagesIT.ADMIN)
@Import(ChecksPagesIT.TestEvidence.class)
class ChecksPagesIT extends RunningServer {
  static final String ADMIN = "pages-admin@example.org";
  private static final Pattern SECRET =
      Pattern.compile("<code id=\"totp-secret\" class=\"secret\">([A-Z2-7]+)</code>");

  private static @Nullable BrowserSession admin;
  private static @Nullable BrowserSession operator;

  @Autowired Subjects subjects;
  @Autowired Checks checks;

  /** A part that shows test evidence for the ID document check. */
  @TestConfiguration
  static class TestEvidence {
    @Bean
    CheckEvidence testDocumentEvidence() {
      return new CheckEvidence() {
        @Override
        public CheckProcess process() {
          return CheckProcess.ID_DOCUMENT;
        }

        @Override
        public Optional<Evidence> evidence(EvidenceRequest request) {
          return Optional.of(
              new Evidence(
                  "checks/test-evidence", "evidence", Map.of("ref", request.ref().value())));
        }
      };
    }
  }

  @BeforeEach
  void staff() {
    if (admin == null) {
      admin = join(ADMIN, "/admin/staff");
      String email = TestAccounts.newAddress("page-operator");
      Http.Response invited =
          session(admin).post("/admin/staff", Map.of("email", email, "role", "kyc-operator"));
      assertThat(invited.status()).as(invited.toString()).isEqualTo(302);
      assertThat(session(admin).get("/admin/staff").body())
          .contains("The invitation was sent.")
          .contains(email);
      operator = join(email, "/checks");
    }
  }

  private static BrowserSession session(@Nullable BrowserSession session) {
    return Objects.requireNonNull(session);
  }

  /**
   * Accepts the invitation mailed to the address on the invitation page and signs in on the login
   * pages with password and code; checks the start page the login leads to.
   */
  private BrowserSession join(String email, String startPage) {
    BrowserSession browser = new BrowserSession(port);
    String token = BackOfficeApi.invitationToken(http(), email);
    Http.Response form = browser.get("/staff/invitation?token=" + token);
    assertThat(form.status()).as(form.toString()).isEqualTo(200);
    Matcher secret = SECRET.matcher(form.body());
    assertThat(secret.find()).as(form.body()).isTrue();
    String key = secret.group(1);
    Http.Response wrong =
        browser.post(
            "/staff/invitation",
            Map.of("token", token, "password", BackOfficeApi.PASSWORD, "code", "000000"));
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.body()).contains(key);
    Http.Response joined =
        browser.post(
            "/staff/invitation",
            Map.of("token", token, "password", BackOfficeApi.PASSWORD, "code", code(key, 0)));
    assertThat(joined.status()).as(joined.toString()).isEqualTo(302);
    assertThat(joined.header("Location").orElseThrow()).endsWith("/staff/invitation/done");

    browser.get("/login");
    Http.Response password =
        browser.post("/login", Map.of("email", email, "password", BackOfficeApi.PASSWORD));
    assertThat(password.header("Location").orElseThrow()).endsWith("/login/second-factor");
    browser.get("/login/second-factor");
    Http.Response signedIn = browser.post("/login/second-factor", Map.of("code", code(key, 1)));
    assertThat(signedIn.header("Location").orElseThrow()).endsWith(startPage);
    assertThat(browser.get(startPage).status()).isEqualTo(200);
    return browser;
  }

  private static String code(String key, int steps) {
    return TotpCodes.code(key, Instant.now(), steps);
  }

  @Test
  void usersAreRefusedOnEveryBackOfficePage() {
    String email = TestAccounts.signUpVerified(http(), "person");
    BrowserSession user = TestAccounts.signedInBrowser(port, email);

    assertThat(user.get("/checks").status()).isEqualTo(403);
    assertThat(user.get("/checks/approvals").status()).isEqualTo(403);
    assertThat(user.get("/admin/staff").status()).isEqualTo(403);
    assertThat(user.get("/me/checks").status()).isEqualTo(200);
    assertThat(new BrowserSession(port).get("/checks").header("Location").orElseThrow())
        .endsWith("/login");
  }

  @Test
  void operatorsAreRefusedOnTheSupervisorsAndTheAdministratorsPages() {
    assertThat(session(operator).get("/checks/approvals").status()).isEqualTo(403);
    assertThat(session(operator).get("/admin/staff").status()).isEqualTo(403);
    assertThat(session(admin).get("/checks").status()).isEqualTo(403);
  }

  @Test
  void staffCannotSwitchTheirSecondFactorOff() {
    assertThat(session(operator).get("/me/security").body())
        .contains("Your role requires the second factor")
        .doesNotContain("/me/security/totp/disable");

    Http.Response refused =
        session(operator)
            .post(
                "/me/security/totp/disable",
                Map.of("password", BackOfficeApi.PASSWORD, "code", "123456"));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(session(operator).get("/me/security").body())
        .contains("asks for a code from your authenticator app");
  }

  @Test
  void theCasePageShowsTheEvidenceAndTheProposalOfACheckSpecificPart() {
    KycApi user = BackOfficeApi.submittedPerson(http(), "Evidenced");
    SubjectRef ref = subjects.forAccount(user.accountId()).orElseThrow().ref();
    assertThat(
            checks.propose(
                ref,
                CheckProcess.ID_DOCUMENT,
                new Proposal(CheckResult.FAILED, true, "checks.priority.high-risk")))
        .isTrue();

    String queue = session(operator).get("/checks?process=id-document").body();
    assertThat(queue.indexOf(ref.value())).isBetween(0, queue.indexOf("High risk") + 2000);
    assertThat(queue).containsPattern("<td>\\d+ h \\d+ min</td>");
    String casePage =
        session(operator).get("/checks/cases/" + checks.caseOf(ref).orElseThrow().caseId()).body();

    assertThat(casePage)
        .contains("Test evidence for <code>" + ref.value() + "</code>")
        .contains("Proposed: Failed.");
    assertThat(
            checks.propose(
                ref, CheckProcess.APPROVAL, new Proposal(CheckResult.PASSED, false, "x")))
        .isFalse();
  }

  @Test
  void anOperatorWorksATaskOnTheCasePage() {
    KycApi user = BackOfficeApi.submittedPerson(http(), "Paged");
    SubjectRef ref = subjects.forAccount(user.accountId()).orElseThrow().ref();
    String caseId = checks.caseOf(ref).orElseThrow().caseId().toString();
    String casePage = session(operator).get("/checks/cases/" + caseId).body();
    Matcher claim = Pattern.compile("/checks/tasks/([0-9a-f-]{36})/claim").matcher(casePage);
    assertThat(claim.find()).isTrue();
    String task = claim.group(1);

    Http.Response claimed = session(operator).post("/checks/tasks/" + task + "/claim", Map.of());
    assertThat(claimed.header("Location").orElseThrow()).endsWith("/checks/cases/" + caseId);
    assertThat(session(operator).get("/checks/cases/" + caseId).body())
        .contains("You claimed the task.");
    Http.Response noReason =
        session(operator)
            .post("/checks/tasks/" + task + "/complete", Map.of("result", "passed", "reason", ""));
    assertThat(session(operator).get("/checks/cases/" + caseId).body()).contains("Reason required");
    assertThat(noReason.status()).isEqualTo(302);
    session(operator)
        .post(
            "/checks/tasks/" + task + "/complete",
            Map.of("result", "passed", "reason", "All matches."));
    String after = session(operator).get("/checks/cases/" + caseId).body();
    assertThat(after).contains("The result is recorded.").contains("All matches.");
    assertThat(user.http.get("/api/v1/me/checks").json().at("/checks/0/status").asString())
        .isEqualTo("passed");
  }
}

package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.trademap.server.identity.Base32;
import org.trademap.server.kyc.KycApi;
import org.trademap.server.kyc.KycForms;
import org.trademap.server.testing.BrowserSession;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.TestAccounts;
import org.trademap.server.testing.TotpCodes;
import tools.jackson.databind.JsonNode;

/**
 * The people of account opening for tests, made the way people make them: the first administrator
 * from {@code trademap.staff.initial-administrator}, back-office and company staff invited by the
 * administrator over the API (each accepts with a password and an authenticator key of their own),
 * and users who sign up, submit, and are approved by the back office.
 */
final class SharingActors {
  static final String PASSWORD = "ledger horse battery staple 4242";
  private static final Pattern INVITATION =
      Pattern.compile("/staff/invitation\\?token=([A-Za-z0-9_-]{43})");
  private static final SecureRandom RANDOM = new SecureRandom();

  private SharingActors() {}

  /** A signed-in staff member. */
  record Staff(Http http, UUID accountId) {}

  /** Accepts the invitation mailed to the address (code of the current step); returns the key. */
  static String accept(Http anonymous, String email) {
    List<JsonNode> mails = TestAccounts.mails(anonymous, email);
    assertThat(mails).as("mail to %s", email).isNotEmpty();
    Matcher link = INVITATION.matcher(mails.getFirst().get("text").asString());
    assertThat(link.find()).isTrue();
    byte[] bits = new byte[20];
    RANDOM.nextBytes(bits);
    String key = Base32.encode(bits);
    Http.Response accepted =
        anonymous.postJson(
            "/api/v1/staff/invitation",
            "{\"token\":"
                + Http.jsonString(link.group(1))
                + ",\"password\":"
                + Http.jsonString(PASSWORD)
                + ",\"totpSecret\":"
                + Http.jsonString(key)
                + ",\"totp\":"
                + Http.jsonString(TotpCodes.code(key, Instant.now(), 0))
                + "}");
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    return key;
  }

  /** Accepts the invitation mailed to the address and signs in with a second factor. */
  static Staff enrol(Http anonymous, String email) {
    String key = accept(anonymous, email);
    Http.Response login =
        TestAccounts.loginRequest(
            anonymous, email, PASSWORD, TotpCodes.code(key, Instant.now(), 1));
    assertThat(login.status()).as(login.toString()).isEqualTo(201);
    Http signedIn = anonymous.withBearer(login.json().get("token").asString());
    UUID id =
        UUID.fromString(signedIn.get("/api/v1/me/session").json().get("accountId").asString());
    return new Staff(signedIn, id);
  }

  /**
   * Invites a company staff member, who accepts and signs in on the login pages (password, then the
   * next step's code) in a new browser.
   */
  static BrowserSession companyBrowser(
      int port, Staff admin, Http anonymous, String company, String role) {
    String email = TestAccounts.newAddress(role);
    Http.Response invited = inviteCompanyStaff(admin, company, email, role);
    assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
    return signedInBrowser(port, email, accept(anonymous, email), "/company");
  }

  /**
   * A browser session of an invited staff member who accepted (password {@link #PASSWORD}, TOTP key
   * {@code key}), signed in; the sign-in lands on {@code landing}.
   */
  static BrowserSession signedInBrowser(int port, String email, String key, String landing) {
    BrowserSession browser = new BrowserSession(port);
    browser.get("/login");
    Http.Response password = browser.post("/login", Map.of("email", email, "password", PASSWORD));
    assertThat(password.header("Location").orElseThrow()).endsWith("/login/second-factor");
    browser.get("/login/second-factor");
    Http.Response signedIn =
        browser.post("/login/second-factor", Map.of("code", TotpCodes.code(key, Instant.now(), 1)));
    assertThat(signedIn.header("Location").orElseThrow()).endsWith(landing);
    return browser;
  }

  /** A back-office member invited by the administrator. */
  static Staff backOffice(Staff admin, Http anonymous, String role) {
    String email = TestAccounts.newAddress(role);
    Http.Response invited =
        admin
            .http()
            .postJson(
                "/api/v1/admin/staff",
                "{\"email\":" + Http.jsonString(email) + ",\"role\":\"" + role + "\"}");
    assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
    return enrol(anonymous, email);
  }

  /** {@code POST /api/v1/admin/companies/{id}/staff}. */
  static Http.Response inviteCompanyStaff(Staff admin, String company, String email, String role) {
    return admin
        .http()
        .postJson(
            "/api/v1/admin/companies/" + company + "/staff",
            "{\"email\":" + Http.jsonString(email) + ",\"role\":" + Http.jsonString(role) + "}");
  }

  /** A company staff member invited by the administrator, bound to the company. */
  static Staff companyStaff(Staff admin, Http anonymous, String company, String role) {
    String email = TestAccounts.newAddress(role);
    Http.Response invited = inviteCompanyStaff(admin, company, email, role);
    assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
    return enrol(anonymous, email);
  }

  /** A person who submitted their file and whose registration is on the ledger. */
  static KycApi submitted(Http anonymous, String surname) {
    KycApi user = KycApi.signUp(anonymous, "person");
    user.saveProfile(Map.of("person", KycForms.person(surname, "Testa", user.email)));
    user.giveRequiredConsents();
    user.uploadRequiredDocuments();
    assertThat(user.submit().status()).isEqualTo(201);
    user.awaitRegistered();
    return user;
  }

  /**
   * Passes every open task of the case and approves it; waits until the approval is on the ledger.
   */
  static void approve(
      Staff operator, UUID caseId, KycApi user, java.util.function.Predicate<UUID> approved) {
    JsonNode c = operator.http().get("/api/v1/checks/cases/" + caseId).json();
    for (JsonNode task : c.get("tasks")) {
      if (!task.get("state").asString().equals("open")) {
        continue; // done in an earlier round: a re-KYC reopens only some checks
      }
      String id = task.get("taskId").asString();
      Http.Response claimed = operator.http().postJson("/api/v1/checks/tasks/" + id + "/claim", "");
      assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
      Http.Response done =
          operator
              .http()
              .postJson(
                  "/api/v1/checks/tasks/" + id + "/complete",
                  "{\"result\":\"passed\",\"reason\":\"fine\",\"highRisk\":false,"
                      + "\"override\":false}");
      assertThat(done.status()).as(done.toString()).isEqualTo(200);
    }
    Http.Response decided =
        operator
            .http()
            .postJson(
                "/api/v1/checks/cases/" + caseId + "/decision",
                "{\"decision\":\"approve\",\"reason\":\"\"}");
    assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(60)).until(() -> approved.test(user.accountId()));
  }

  /** {@code POST /api/v1/me/applications}. */
  static Http.Response apply(
      KycApi user, String company, @org.jspecify.annotations.Nullable String consentVersion) {
    return user.http.postJson(
        "/api/v1/me/applications",
        "{\"companyId\":"
            + Http.jsonString(company)
            + ",\"consentVersion\":"
            + (consentVersion == null ? "null" : Http.jsonString(consentVersion))
            + "}");
  }

  /** Answers of a suitability assessment that give "suitable". */
  static final String SUITABLE =
      "{\"experience\":\"over-5y\",\"income\":\"from-5m-to-10m\","
          + "\"assets\":\"from-10m-to-50m\",\"purpose\":\"balanced\","
          + "\"riskTolerance\":\"medium\"}";

  /**
   * Records the company's own checks of an application so that an approval is accepted: screens the
   * package against the company's ASF list, clears any hit as a false positive, and records a
   * suitable assessment.
   */
  static void ownChecksPassed(Staff staff, UUID applicationId) {
    String base = "/api/v1/company/applications/" + applicationId + "/own-checks";
    Http.Response screened = staff.http().postJson(base + "/asf-screening", "");
    assertThat(screened.status()).as(screened.toString()).isEqualTo(200);
    for (JsonNode hit : screened.json().at("/asf/hits")) {
      if (hit.get("status").asString().equals("open")) {
        Http.Response cleared =
            staff
                .http()
                .postJson(
                    base + "/asf-screening/hits/" + hit.get("id").asString() + "/clear",
                    "{\"reason\":\"another person\"}");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
      }
    }
    Http.Response assessed =
        staff
            .http()
            .send(
                "PUT",
                base + "/suitability",
                "application/json",
                SUITABLE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(assessed.status()).as(assessed.toString()).isEqualTo(200);
    assertThat(assessed.json().get("approvable").asBoolean()).as(assessed.body()).isTrue();
  }

  /**
   * The staff of a sharing test, enrolled once per server.
   *
   * @param admin the first administrator
   * @param operator a back-office operator
   * @param alphaReviewer a reviewer at Alpha
   * @param alphaApprover an approver at Alpha
   * @param betaApprover an approver at Beta
   */
  record Cast(
      Staff admin, Staff operator, Staff alphaReviewer, Staff alphaApprover, Staff betaApprover) {
    static Cast enrol(Http anonymous, String adminEmail) {
      Staff first = SharingActors.enrol(anonymous, adminEmail);
      return new Cast(
          first,
          backOffice(first, anonymous, "kyc-operator"),
          companyStaff(first, anonymous, "alpha-securities", "company-reviewer"),
          companyStaff(first, anonymous, "alpha-securities", "company-approver"),
          companyStaff(first, anonymous, "beta-securities", "company-approver"));
    }
  }
}

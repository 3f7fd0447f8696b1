package org.trademap.server.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.trademap.ledger.api.node.Ledger;
import org.trademap.server.identity.Base32;
import org.trademap.server.kyc.KycApi;
import org.trademap.server.kyc.KycForms;
import org.trademap.server.onboarding.PersonalForm;
import org.trademap.server.testing.BrowserSession;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.LedgerScan;
import org.trademap.server.testing.TestAccounts;
import org.trademap.server.testing.TotpCodes;
import tools.jackson.databind.JsonNode;

/**
 * Staff and users of the back office for tests, made the way people make them: the first
 * administrator from {@code trademap.staff.initial-administrator}, every other staff member invited
 * by the administrator over the API; each accepts the mailed invitation with a password and an
 * authenticator key of their own and signs in with a code; users sign up and submit their file.
 */
public final class BackOfficeApi {
  /** The password of every staff account made here. */
  public static final String PASSWORD = "staff horse battery staple 4242";

  private static final Pattern INVITATION =
      Pattern.compile("/staff/invitation\\?token=([A-Za-z0-9_-]{43})");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SECRET =
      Pattern.compile("<code id=\"totp-secret\" class=\"secret\">([A-Z2-7]+)</code>");

  private BackOfficeApi() {}

  /**
   * A signed-in staff member.
   *
   * @param http the client with the bearer token
   * @param email the address
   * @param accountId the account
   */
  public record Member(Http http, String email, UUID accountId) {}

  /** The token of the newest invitation mailed to the address. */
  public static String invitationToken(Http http, String email) {
    List<JsonNode> mails = TestAccounts.mails(http, email);
    assertThat(mails).as("mail to %s", email).isNotEmpty();
    Matcher link = INVITATION.matcher(mails.getFirst().get("text").asString());
    assertThat(link.find()).as("an invitation link").isTrue();
    return link.group(1);
  }

  /** A new authenticator key: 160 random bits in base32. */
  public static String newKey() {
    byte[] bits = new byte[20];
    RANDOM.nextBytes(bits);
    return Base32.encode(bits);
  }

  /** {@code POST /api/v1/staff/invitation}. */
  public static Http.Response accept(
      Http http, String token, String password, String key, String code) {
    return http.postJson(
        "/api/v1/staff/invitation",
        "{\"token\":"
            + Http.jsonString(token)
            + ",\"password\":"
            + Http.jsonString(password)
            + ",\"totpSecret\":"
            + Http.jsonString(key)
            + ",\"totp\":"
            + Http.jsonString(code)
            + "}");
  }

  /**
   * Accepts the invitation mailed to the address with a new authenticator (the current step's code)
   * and signs in with the next step's code, which is the only other code the account uses.
   */
  public static Member enrolAndSignIn(Http http, String email) {
    String key = newKey();
    Http.Response accepted =
        accept(http, invitationToken(http, email), PASSWORD, key, code(key, 0));
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    Http.Response login = TestAccounts.loginRequest(http, email, PASSWORD, code(key, 1));
    assertThat(login.status()).as(login.toString()).isEqualTo(201);
    Http signedIn = http.withBearer(login.json().get("token").asString());
    UUID id =
        UUID.fromString(signedIn.get("/api/v1/me/session").json().get("accountId").asString());
    return new Member(signedIn, email, id);
  }

  /** The administrator invites a new staff member in this role, who accepts and signs in. */
  public static Member invite(Member administrator, Http anonymous, String role) {
    String email = TestAccounts.newAddress(role);
    Http.Response invited = inviteRequest(administrator.http(), email, role);
    assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
    return enrolAndSignIn(anonymous, email);
  }

  /** {@code POST /api/v1/admin/staff}. */
  public static Http.Response inviteRequest(Http http, String email, String role) {
    return http.postJson(
        "/api/v1/admin/staff",
        "{\"email\":" + Http.jsonString(email) + ",\"role\":" + Http.jsonString(role) + "}");
  }

  public static String code(String key, int steps) {
    return TotpCodes.code(key, Instant.now(), steps);
  }

  /** A person who submitted their file and whose registration is on the ledger. */
  public static KycApi submittedPerson(Http anonymous, String surname) {
    return submittedPerson(anonymous, email -> KycForms.person(surname, "Testa", email));
  }

  /**
   * A person with this personal data (given their email address) who submitted their file and whose
   * registration is on the ledger.
   */
  public static KycApi submittedPerson(
      Http anonymous, java.util.function.Function<String, PersonalForm> person) {
    KycApi user = KycApi.signUp(anonymous, "person");
    user.saveProfile(java.util.Map.of("person", person.apply(user.email)));
    user.giveRequiredConsents();
    user.uploadRequiredDocuments();
    assertThat(user.submit().status()).isEqualTo(201);
    user.awaitRegistered();
    return user;
  }

  /**
   * A staff member invited by the administrator who joins on the invitation page and signs in on
   * the login pages, in a browser session (CSRF tokens from the pages).
   */
  public static BrowserSession joinInBrowser(
      Member administrator, Http anonymous, int port, String role) {
    String email = TestAccounts.newAddress(role);
    Http.Response invited = inviteRequest(administrator.http(), email, role);
    assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
    BrowserSession browser = new BrowserSession(port);
    String token = invitationToken(anonymous, email);
    Matcher secret = SECRET.matcher(browser.get("/staff/invitation?token=" + token).body());
    assertThat(secret.find()).as("the authenticator key on the invitation page").isTrue();
    String key = secret.group(1);
    Http.Response joined =
        browser.post(
            "/staff/invitation",
            java.util.Map.of("token", token, "password", PASSWORD, "code", code(key, 0)));
    assertThat(joined.status()).as(joined.toString()).isEqualTo(302);
    browser.get("/login");
    browser.post("/login", java.util.Map.of("email", email, "password", PASSWORD));
    browser.get("/login/second-factor");
    Http.Response signedIn =
        browser.post("/login/second-factor", java.util.Map.of("code", code(key, 1)));
    assertThat(signedIn.header("Location").orElseThrow()).endsWith("/checks");
    assertThat(browser.get("/checks").status()).isEqualTo(200);
    return browser;
  }

  /** The case id of the subject whose reference is given, from an operator's queue. */
  public static UUID caseOf(Member staff, String subjectRef) {
    JsonNode queue = staff.http().get("/api/v1/checks/queue?process=id-document").json();
    return queue
        .get("tasks")
        .valueStream()
        .filter(t -> t.get("subjectRef").asString().equals(subjectRef))
        .map(t -> UUID.fromString(t.get("caseId").asString()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no task of " + subjectRef + " in " + queue));
  }

  /** The task id of a check in a case view. */
  public static UUID task(JsonNode caseView, String process) {
    return caseView
        .get("tasks")
        .valueStream()
        .filter(t -> t.get("process").asString().equals(process))
        .map(t -> UUID.fromString(t.get("taskId").asString()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + process + " task in " + caseView));
  }

  /**
   * Waits until the ledger holds exactly these accepted transactions mentioning the subject
   * reference, in this order.
   */
  public static void awaitRecorded(Ledger ledger, String ref, String... methods) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        LedgerScan.mentioning(ledger, ref).stream()
                            .filter(LedgerScan.Recorded::accepted)
                            .map(LedgerScan.Recorded::method))
                    .containsExactly(methods));
  }

  /** {@code POST /api/v1/checks/tasks/{id}/complete}. */
  public static Http.Response complete(
      Member staff, UUID task, String result, String reason, boolean highRisk, boolean override) {
    return staff
        .http()
        .postJson(
            "/api/v1/checks/tasks/" + task + "/complete",
            "{\"result\":"
                + Http.jsonString(result)
                + ",\"reason\":"
                + Http.jsonString(reason)
                + ",\"highRisk\":"
                + highRisk
                + ",\"override\":"
                + override
                + "}");
  }

  /** {@code POST /api/v1/checks/cases/{id}/decision}. */
  public static Http.Response decide(Member staff, UUID caseId, String decision, String reason) {
    return staff
        .http()
        .postJson(
            "/api/v1/checks/cases/" + caseId + "/decision",
            "{\"decision\":"
                + Http.jsonString(decision)
                + ",\"reason\":"
                + Http.jsonString(reason)
                + "}");
  }

  /** Claims a task and completes it as passed. */
  public static void pass(Member staff, UUID task, String reason) {
    Http.Response claimed = staff.http().postJson("/api/v1/checks/tasks/" + task + "/claim", "");
    assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
    Http.Response done = complete(staff, task, "passed", reason, false, false);
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.json().get("state").asString()).isEqualTo("done");
  }
}

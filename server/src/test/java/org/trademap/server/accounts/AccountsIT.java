package org.trademap.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.testing.Problems.assertProblem;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.trademap.server.identity.IssuedToken;
import org.trademap.server.identity.TokenPurpose;
import org.trademap.server.identity.TokenService;
import org.trademap.server.testing.BrowserSession;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import tools.jackson.databind.JsonNode;

/** Sign-up, email verification and resending, through the running server and its embedded SMTP. */
@Import(SettableClock.AsBean.class)
@ExtendWith(OutputCaptureExtension.class)
class AccountsIT extends RunningServer {
  private static final Pattern LINK =
      Pattern.compile("http://localhost:8080/verify-email\\?token=([A-Za-z0-9_-]{43})");
  private static final String PASSWORD = "correct horse battery staple 42";

  @Autowired SettableClock clock;
  @Autowired TokenService tokens;
  @Autowired DataSource dataSource;

  private static String newAddress(String name) {
    return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

  private Http.Response signUp(String kind, String email, String password) {
    return TestAccounts.signUpRequest(http(), kind, email, password);
  }

  private Http.Response verify(String token) {
    return http()
        .postJson("/api/v1/accounts/verify-email", "{\"token\":" + Http.jsonString(token) + "}");
  }

  private List<JsonNode> mails(String to) {
    Http.Response response =
        http().get("/api/v1/dev/mailbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
    assertThat(response.status()).isEqualTo(200);
    return response.json().valueStream().toList();
  }

  private String onlyToken(String to) {
    List<JsonNode> mails = mails(to);
    assertThat(mails).hasSize(1);
    return tokenIn(mails.getFirst());
  }

  private static String tokenIn(JsonNode mail) {
    Matcher link = LINK.matcher(mail.get("text").asString());
    assertThat(link.find()).as("a verification link in %s", mail.get("text")).isTrue();
    return link.group(1);
  }

  private static void assertVerificationSent(Http.Response response) {
    assertThat(response.status()).isEqualTo(202);
    assertThat(response.json().get("status").asString()).isEqualTo("verification-sent");
  }

  @Test
  void signUpMailsALinkThatVerifiesTheAddressOnce(CapturedOutput output) {
    String to = newAddress("ann");

    assertVerificationSent(signUp("person", to, PASSWORD));
    List<JsonNode> mails = mails(to);
    assertThat(mails).hasSize(1);
    assertThat(mails.getFirst().get("subject").asString())
        .isEqualTo("Confirm your email address for TradeMap");
    assertThat(mails.getFirst().get("text").asString()).contains("expires after 24 hours");
    String token = tokenIn(mails.getFirst());

    Http.Response verified = verify(token);
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.json().get("status").asString()).isEqualTo("verified");
    assertProblem(verify(token), 400, "accounts.token-used");

    assertThat(output.getAll()).doesNotContain(token).doesNotContain(PASSWORD).doesNotContain(to);
  }

  @Test
  void theMailedLinkOpensAPageWhoseButtonVerifiesTheAddressOnce() {
    String to = newAddress("page");
    assertVerificationSent(signUp("person", to, PASSWORD));
    String token = onlyToken(to);

    BrowserSession browser = new BrowserSession(port);
    Http.Response page = browser.get("/verify-email?token=" + token);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("Confirm your email address")
        .contains("action=\"/verify-email\"")
        .contains("value=\"" + token + "\"");

    Http.Response posted = browser.post("/verify-email", Map.of("token", token));
    assertThat(posted.status()).isEqualTo(302);
    assertThat(posted.header("Location").orElseThrow()).endsWith("/verify-email/done");
    assertThat(http().getPage("/verify-email/done").body()).contains("Email address confirmed");

    Http.Response again = browser.post("/verify-email", Map.of("token", token));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body()).contains("Link already used");
    assertProblem(verify(token), 400, "accounts.token-used");
  }

  @Test
  void openingThePageWithoutATokenSaysTheLinkIsInvalid() {
    Http.Response page = http().getPage("/verify-email");
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("Invalid link").doesNotContain("<form");
  }

  @Test
  void aLinkOlderThanItsLifetimeIsExpired() {
    String to = newAddress("bea");
    assertVerificationSent(signUp("legal-entity", to, PASSWORD));
    String token = onlyToken(to);

    clock.advance(Duration.ofHours(24).plusSeconds(1));

    assertProblem(verify(token), 400, "accounts.token-expired");
  }

  @Test
  void aSecondSignUpWithTheSameAddressLooksTheSameAndNotifiesItsOwner() {
    String to = newAddress("cem");
    Http.Response first = signUp("person", to, PASSWORD);
    Http.Response second = signUp("person", to.toUpperCase(java.util.Locale.ROOT), PASSWORD + "!");

    assertVerificationSent(first);
    assertThat(second.status()).isEqualTo(first.status());
    assertThat(second.body()).isEqualTo(first.body());
    List<JsonNode> mails = mails(to);
    assertThat(mails).hasSize(2);
    assertThat(mails.getFirst().get("subject").asString())
        .isEqualTo("Someone tried to sign up with your email address");
    assertThat(mails.getFirst().get("text").asString()).doesNotContain("token=");
  }

  @Test
  void resendingInvalidatesTheOlderLinkAndAnswersTheSameForUnknownAddresses() {
    String to = newAddress("dora");
    signUp("person", to, PASSWORD);
    String old = onlyToken(to);

    Http.Response resent =
        http()
            .postJson(
                "/api/v1/accounts/resend-verification", "{\"email\":" + Http.jsonString(to) + "}");
    Http.Response unknown =
        http()
            .postJson(
                "/api/v1/accounts/resend-verification",
                "{\"email\":" + Http.jsonString(newAddress("nobody")) + "}");

    assertVerificationSent(resent);
    assertThat(unknown.status()).isEqualTo(resent.status());
    assertThat(unknown.body()).isEqualTo(resent.body());
    List<JsonNode> mails = mails(to);
    assertThat(mails).hasSize(2);
    String fresh = tokenIn(mails.getFirst());
    assertProblem(verify(old), 400, "accounts.token-used");
    assertThat(verify(fresh).status()).isEqualTo(200);

    http()
        .postJson(
            "/api/v1/accounts/resend-verification", "{\"email\":" + Http.jsonString(to) + "}");
    assertThat(mails(to)).as("no link for a verified address").hasSize(2);
  }

  @Test
  void aPasswordResetTokenNeverVerifiesAnAddress() {
    String to = newAddress("eve");
    signUp("person", to, PASSWORD);
    UUID accountId = new AccountRepository(dataSource).findByEmail(to).orElseThrow().id();
    IssuedToken reset = tokens.issue(TokenPurpose.PASSWORD_RESET);
    new AccountRepository(dataSource).insertToken(accountId, reset.stored());

    assertProblem(verify(reset.rawToken()), 400, "accounts.token-invalid");
    assertProblem(verify("not-a-token"), 400, "accounts.token-invalid");
    assertThat(new AccountRepository(dataSource).findById(accountId).orElseThrow().emailVerified())
        .isFalse();
  }

  @Test
  void aCommonPasswordIsRefusedWithItsCode() {
    String to = newAddress("fay");
    JsonNode problem = assertProblem(signUp("person", to, "password1234"), 422, "accounts.invalid");

    assertThat(problem.get("errors").valueStream().map(e -> e.get("code").asString()))
        .contains("password.common");
    assertThat(mails(to)).isEmpty();
  }

  @Test
  void aBadAddressAndAnUnknownKindAreRefusedWithTheirFields() {
    JsonNode problem =
        assertProblem(signUp("robot", "not-an-address", PASSWORD), 422, "accounts.invalid");

    assertThat(
            problem
                .get("errors")
                .valueStream()
                .map(e -> e.get("field").asString() + ":" + e.get("code").asString()))
        .containsExactly("kind:kind.unknown", "email:email.invalid");
  }

  @Test
  void malformedJsonAndWrongContentTypeAreProblems() {
    Http.Response malformed = http().postJson("/api/v1/accounts", "{\"kind\":");
    Http.Response wrongType =
        http()
            .send(
                "POST",
                "/api/v1/accounts",
                "text/plain",
                "kind=person".getBytes(StandardCharsets.UTF_8));

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.contentType()).startsWith("application/problem+json");
    assertThat(wrongType.status()).isEqualTo(415);
    assertThat(wrongType.contentType()).startsWith("application/problem+json");
  }

  @Test
  void ofTwoConcurrentVerificationsWithOneLinkExactlyOneSucceeds() throws Exception {
    String to = newAddress("gil");
    signUp("person", to, PASSWORD);
    String token = onlyToken(to);

    List<Integer> statuses;
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      var start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return verify(token).status();
                }));
      }
      start.countDown();
      statuses = new java.util.ArrayList<>();
      for (var result : results) {
        statuses.add(result.get());
      }
    }

    assertThat(statuses).containsOnly(200, 400).filteredOn(s -> s == 200).hasSize(1);
  }

  @Test
  void aRateLimitedResendStillAnswersTheSame() {
    String to = newAddress("hal");
    signUp("person", to, PASSWORD);
    String body = "{\"email\":" + Http.jsonString(to) + "}";

    for (int i = 0; i < 7; i++) {
      assertVerificationSent(http().postJson("/api/v1/accounts/resend-verification", body));
    }

    assertThat(mails(to)).as("the per-recipient limit of 5 held").hasSize(5);
  }

  @Test
  void theMailIsInTheLanguageOfTheRequest() throws Exception {
    String to = newAddress("ida");
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/api/v1/accounts"))
            .header("Content-Type", "application/json")
            .header("Accept-Language", "de-CH, de;q=0.9")
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"kind\":\"person\",\"email\":"
                        + Http.jsonString(to)
                        + ",\"password\":"
                        + Http.jsonString(PASSWORD)
                        + "}"))
            .build();
    try (var client = java.net.http.HttpClient.newHttpClient()) {
      assertThat(
              client
                  .send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                  .statusCode())
          .isEqualTo(202);
    }

    JsonNode mail = mails(to).getFirst();
    assertThat(mail.get("subject").asString())
        .isEqualTo("Bestätigen Sie Ihre E-Mail-Adresse für TradeMap");
    assertThat(mail.get("text").asString()).contains("verfällt nach 24 Stunden");
    assertThat(tokenIn(mail)).hasSize(43);
  }

  @Test
  void theClockBeanIsTheOneTheTokensUse(@Autowired Clock appClock) {
    assertThat(appClock).isSameAs(clock);
  }
}

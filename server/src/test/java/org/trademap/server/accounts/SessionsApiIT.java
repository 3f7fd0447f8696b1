package org.trademap.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.testing.Problems.assertProblem;
import static org.trademap.server.testing.TestAccounts.PASSWORD;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.trademap.server.testing.BrowserSession;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import tools.jackson.databind.JsonNode;

/** Bearer tokens for API clients: {@code POST/DELETE /api/v1/sessions}, {@code /api/v1/me/**}. */
@Import(SettableClock.AsBean.class)
@ExtendWith(OutputCaptureExtension.class)
class SessionsApiIT extends RunningServer {

  @Autowired SettableClock clock;

  private Http.Response login(String email, String password) {
    return TestAccounts.loginRequest(http(), email, password, null);
  }

  private Http.Response probe(String authorization) {
    return http().withHeader("Authorization", authorization).get("/api/v1/me/session");
  }

  private Http.Response endSession(String token) {
    return http()
        .withBearer(token)
        .send("DELETE", "/api/v1/sessions/current", "application/json", new byte[0]);
  }

  private static void assertAuthRequired(Http.Response response) {
    assertProblem(response, 401, "auth.required");
    assertThat(response.header("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void aTokenFromTheLoginSignsInTheAccountOnMeEndpoints(CapturedOutput output) {
    String email = TestAccounts.signUpVerified(http(), "legal-entity");

    Http.Response created = login(email, PASSWORD);

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("Cache-Control"))
        .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    String token = created.json().get("token").asString();
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    Instant expiresAt = Instant.parse(created.json().get("expiresAt").asString());
    assertThat(Duration.between(clock.instant(), expiresAt))
        .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(60));

    Http.Response me = probe("Bearer " + token);
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    JsonNode session = me.json();
    assertThat(session.get("kind").asString()).isEqualTo("legal-entity");
    assertThat(session.get("role").asString()).isEqualTo("user");
    assertThat(session.get("accountId").asString()).matches("[0-9a-f-]{36}");

    assertThat(output.getAll())
        .doesNotContain(token)
        .doesNotContain(email)
        .doesNotContain(PASSWORD);
  }

  @Test
  void meEndpointsRefuseMissingGarbageAndForeignCredentials() {
    assertAuthRequired(http().get("/api/v1/me/session"));
    assertAuthRequired(probe("Bearer not-a-token"));
    assertAuthRequired(probe("Bearer " + "A".repeat(43)));
    assertAuthRequired(probe("Basic dXNlcjpwYXNz"));
    assertAuthRequired(probe("Bearer"));
  }

  @Test
  void anEndedTokenIsRefusedAtOnce() {
    String token = TestAccounts.bearerToken(http(), TestAccounts.signUpVerified(http(), "person"));
    assertThat(probe("Bearer " + token).status()).isEqualTo(200);

    assertThat(endSession(token).status()).isEqualTo(204);

    assertAuthRequired(probe("Bearer " + token));
    assertAuthRequired(endSession(token));
  }

  @Test
  void anExpiredTokenIsRefused() {
    String token = TestAccounts.bearerToken(http(), TestAccounts.signUpVerified(http(), "person"));

    clock.advance(Duration.ofMinutes(59));
    assertThat(probe("Bearer " + token).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(1));

    assertAuthRequired(probe("Bearer " + token));
  }

  @Test
  void unknownAddressAndWrongPasswordGetTheSameAnswer() {
    String email = TestAccounts.signUpVerified(http(), "person");

    Http.Response wrongPassword = login(email, PASSWORD + "?");
    Http.Response unknown = login(TestAccounts.newAddress("nobody"), PASSWORD);

    assertProblem(wrongPassword, 401, "auth.failed");
    assertThat(wrongPassword.header("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(unknown.status()).isEqualTo(wrongPassword.status());
    assertThat(unknown.body()).isEqualTo(wrongPassword.body());
    assertThat(unknown.header("WWW-Authenticate"))
        .isEqualTo(wrongPassword.header("WWW-Authenticate"));
  }

  @Test
  void anUnverifiedAccountCannotSignIn() {
    String email = TestAccounts.signUp(http(), "person");

    assertProblem(login(email, PASSWORD), 403, "auth.email-unverified");
    assertProblem(login(email, "wrong " + PASSWORD), 401, "auth.failed");
  }

  @Test
  void aBrowserSessionCookieIsNoCredentialForTheApi() {
    String email = TestAccounts.signUpVerified(http(), "person");
    BrowserSession browser = TestAccounts.signedInBrowser(port, email);
    String cookie = browser.cookie("JSESSIONID").orElseThrow();

    Http.Response response =
        http().withHeader("Cookie", "JSESSIONID=" + cookie).get("/api/v1/me/session");

    assertAuthRequired(response);
  }

  @Test
  void malformedJsonDuplicateKeysAndUnknownFieldsAreRefused() {
    String email = TestAccounts.signUpVerified(http(), "person");
    String e = Http.jsonString(email);
    String p = Http.jsonString(PASSWORD);

    assertProblem(
        http().postJson("/api/v1/sessions", "{\"email\":"), 400, "request.malformed-json");
    assertProblem(
        http()
            .postJson(
                "/api/v1/sessions",
                "{\"email\":" + e + ",\"email\":" + e + ",\"password\":" + p + "}"),
        400,
        "request.malformed-json");
    assertProblem(
        http()
            .postJson(
                "/api/v1/sessions", "{\"email\":" + e + ",\"password\":" + p + ",\"admin\":true}"),
        400,
        "request.malformed-json");
    assertProblem(
        http().postJson("/api/v1/sessions", "[" + e + "]"), 400, "request.malformed-json");
    assertThat(
            http()
                .send(
                    "POST",
                    "/api/v1/sessions",
                    "text/plain",
                    "x".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .status())
        .isEqualTo(415);
  }

  @Test
  void openApiDescribesTheSessionEndpointsAndTheirBearerToken() {
    JsonNode docs = http().get("/v3/api-docs").json();
    JsonNode paths = docs.path("paths");

    assertThat(paths.path("/api/v1/sessions").has("post")).isTrue();
    assertThat(paths.path("/api/v1/accounts/password-reset/confirm").has("post")).isTrue();
    JsonNode probe = paths.path("/api/v1/me/session").path("get");
    assertThat(probe.path("parameters").isMissingNode() || probe.path("parameters").isEmpty())
        .as("the principal is no request parameter")
        .isTrue();
    assertThat(probe.path("security").toString()).contains("bearer");
    assertThat(paths.path("/api/v1/sessions/current").path("delete").path("security").toString())
        .contains("bearer");
    assertThat(paths.path("/api/v1/sessions").path("post").has("security")).isFalse();
    assertThat(
            docs.path("components")
                .path("securitySchemes")
                .path("bearer")
                .path("scheme")
                .asString())
        .isEqualTo("bearer");
  }
}

package org.trademap.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.testing.Problems.assertProblem;
import static org.trademap.server.testing.TestAccounts.PASSWORD;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
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

/** Password reset by mail: pages, API, single use, purposes kept apart, sessions ended. */
@Import(SettableClock.AsBean.class)
@ExtendWith(OutputCaptureExtension.class)
class PasswordResetIT extends RunningServer {
  private static final String NEW_PASSWORD = "a brand new passphrase 77";

  @Autowired SettableClock clock;

  /** Waits until the address has {@code count} mails (reset mails go out in the background). */
  private List<JsonNode> awaitMails(String to, int count) {
    for (int i = 0; i < 200; i++) {
      List<JsonNode> mails = TestAccounts.mails(http(), to);
      if (mails.size() >= count) {
        return mails;
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    throw new AssertionError("no mail " + count + " to " + to);
  }

  private Http.Response requestReset(String email) {
    return http()
        .postJson("/api/v1/accounts/password-reset", "{\"email\":" + Http.jsonString(email) + "}");
  }

  private String resetToken(String email, int mailCount) {
    JsonNode mail = awaitMails(email, mailCount).getFirst();
    assertThat(mail.get("subject").asString()).isEqualTo("Reset your TradeMap password");
    assertThat(mail.get("text").asString()).contains("expires after 30 minutes");
    return TestAccounts.tokenIn(mail.get("text").asString());
  }

  private Http.Response confirm(String token, String password) {
    return http()
        .postJson(
            "/api/v1/accounts/password-reset/confirm",
            "{\"token\":"
                + Http.jsonString(token)
                + ",\"password\":"
                + Http.jsonString(password)
                + "}");
  }

  private Http.Response apiLogin(String email, String password) {
    return TestAccounts.loginRequest(http(), email, password, null);
  }

  @Test
  void theMailedLinkSetsANewPasswordOnceAndEndsEverySession(CapturedOutput output) {
    String email = TestAccounts.signUpVerified(http(), "person");
    String bearer = TestAccounts.bearerToken(http(), email);
    BrowserSession signedIn = TestAccounts.signedInBrowser(port, email);

    BrowserSession browser = new BrowserSession(port);
    assertThat(browser.get("/password-reset").body()).contains("action=\"/password-reset\"");
    Http.Response sent = browser.post("/password-reset", Map.of("email", email));
    assertThat(sent.status()).isEqualTo(302);
    assertThat(
            browser
                .get(sent.header("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""))
                .body())
        .contains("Check your mailbox");
    String token = resetToken(email, 2);

    for (int i = 0; i < 2; i++) {
      Http.Response form = browser.get("/password-reset/new?token=" + token);
      assertThat(form.status()).as("opening the link does not use it").isEqualTo(200);
      assertThat(form.body()).contains("value=\"" + token + "\"").contains("type=\"password\"");
    }
    Http.Response done =
        browser.post("/password-reset/new", Map.of("token", token, "password", NEW_PASSWORD));
    assertThat(done.status()).isEqualTo(302);
    assertThat(done.header("Location").orElseThrow()).endsWith("/password-reset/done");
    assertThat(browser.get("/password-reset/done").body()).contains("Password changed");

    assertProblem(http().withBearer(bearer).get("/api/v1/me/session"), 401, "auth.required");
    assertThat(signedIn.get("/me").status()).as("the browser session ended").isEqualTo(302);
    assertProblem(apiLogin(email, PASSWORD), 401, "auth.failed");
    assertThat(apiLogin(email, NEW_PASSWORD).status()).isEqualTo(201);

    Http.Response again =
        browser.post("/password-reset/new", Map.of("token", token, "password", PASSWORD));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body()).contains("Link already used");
    assertProblem(confirm(token, PASSWORD), 400, "accounts.token-used");
    assertThat(browser.get("/password-reset/new?token=" + token).status()).isEqualTo(400);

    assertThat(output.getAll())
        .doesNotContain(token)
        .doesNotContain(email)
        .doesNotContain(NEW_PASSWORD);
  }

  @Test
  void unknownAddressesGetTheSameAnswerAndNoMail() {
    String unknown = TestAccounts.newAddress("nobody");
    String known = TestAccounts.signUpVerified(http(), "person");

    Http.Response forUnknown = requestReset(unknown);
    Http.Response forKnown = requestReset(known);

    assertThat(forKnown.status()).isEqualTo(202);
    assertThat(forUnknown.status()).isEqualTo(forKnown.status());
    assertThat(forUnknown.body()).isEqualTo(forKnown.body());
    awaitMails(known, 2);
    // Requests are handled in order, so the unknown address's turn is over.
    assertThat(TestAccounts.mails(http(), unknown)).isEmpty();
  }

  @Test
  void verificationAndResetTokensAreNeverTakenForEachOther() {
    String email = TestAccounts.signUp(http(), "person");
    String verification = TestAccounts.latestToken(http(), email);
    requestReset(email);
    String reset = resetToken(email, 2);

    assertProblem(confirm(verification, NEW_PASSWORD), 400, "accounts.token-invalid");
    assertProblem(
        http()
            .postJson(
                "/api/v1/accounts/verify-email", "{\"token\":" + Http.jsonString(reset) + "}"),
        400,
        "accounts.token-invalid");
    assertThat(new BrowserSession(port).get("/password-reset/new?token=" + verification).body())
        .contains("Invalid link");

    assertThat(confirm(reset, NEW_PASSWORD).status()).isEqualTo(200);
    assertThat(apiLogin(email, NEW_PASSWORD).status())
        .as("the reset link proved the address, so it counts as confirmed")
        .isEqualTo(201);
  }

  @Test
  void aRefusedPasswordLeavesTheLinkUsable() {
    String email = TestAccounts.signUpVerified(http(), "legal-entity");
    requestReset(email);
    String token = resetToken(email, 2);

    JsonNode problem = assertProblem(confirm(token, "password1234"), 422, "accounts.invalid");
    assertThat(problem.get("errors").valueStream().map(e -> e.get("code").asString()))
        .contains("password.common");
    BrowserSession browser = new BrowserSession(port);
    browser.get("/password-reset/new?token=" + token);
    Http.Response tooShort =
        browser.post("/password-reset/new", Map.of("token", token, "password", "short"));
    assertThat(tooShort.status()).isEqualTo(422);
    assertThat(tooShort.body()).contains("Use at least 12 characters.");

    assertThat(confirm(token, NEW_PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void anExpiredLinkIsRefusedAndANewerOneReplacesIt() {
    String email = TestAccounts.signUpVerified(http(), "person");
    requestReset(email);
    String older = resetToken(email, 2);
    requestReset(email);
    String newer = resetToken(email, 3);

    assertProblem(confirm(older, NEW_PASSWORD), 400, "accounts.token-used");
    clock.advance(Duration.ofMinutes(30));
    assertProblem(confirm(newer, NEW_PASSWORD), 400, "accounts.token-expired");
    Http.Response page = new BrowserSession(port).get("/password-reset/new?token=" + newer);
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("Link expired");
    assertThat(apiLogin(email, PASSWORD).status()).isEqualTo(201);
  }
}

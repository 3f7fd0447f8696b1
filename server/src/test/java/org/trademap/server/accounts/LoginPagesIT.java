package org.trademap.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.testing.Problems.assertProblem;
import static org.trademap.server.testing.TestAccounts.PASSWORD;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.trademap.server.testing.BrowserSession;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import tools.jackson.databind.JsonNode;

/**
 * The login and sign-up pages, the browser session and its cookie, {@code /me}, logout and the
 * throttle. The throttle's first delay is 30 s here, so that no test depends on how fast it runs.
 */
@Import(SettableClock.AsBean.class)
@TestPropertySource(properties = "trademap.identity.throttle.base-delay=30s")
class LoginPagesIT extends RunningServer {
  private static final String COOKIE = "JSESSIONID";

  @Autowired SettableClock clock;

  private BrowserSession browser() {
    return new BrowserSession(port);
  }

  private static Http.Response login(BrowserSession browser, String email, String password) {
    browser.get("/login");
    return browser.post("/login", Map.of("email", email, "password", password));
  }

  @Test
  void meNeedsASignedInSession() {
    Http.Response me = browser().get("/me");

    assertThat(me.status()).isEqualTo(302);
    assertThat(me.header("Location").orElseThrow()).endsWith("/login");
  }

  @Test
  void loginGoesToMeWithANewHttpOnlySecureLaxSessionCookie() {
    String email = TestAccounts.signUpVerified(http(), "person");
    BrowserSession browser = browser();
    Http.Response page = browser.get("/login");
    String before = browser.cookie(COOKIE).orElseThrow();
    assertThat(page.body()).contains("name=\"_csrf\"").contains("action=\"/login\"");

    Http.Response login = browser.post("/login", Map.of("email", email, "password", PASSWORD));

    assertThat(login.status()).as(login.toString()).isEqualTo(302);
    assertThat(login.header("Location").orElseThrow()).endsWith("/me");
    String setCookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(COOKIE + "="))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie).contains("HttpOnly").contains("Secure").contains("SameSite=Lax");
    assertThat(browser.cookie(COOKIE).orElseThrow()).isNotEqualTo(before);

    Http.Response me = browser.get("/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body())
        .contains("Signed in as " + email)
        .contains("href=\"/me/security\"")
        .contains("action=\"/logout\"")
        .doesNotContain("href=\"/login\"");
  }

  @Test
  void theOldSessionIdIsWorthNothingAfterLogin() {
    String email = TestAccounts.signUpVerified(http(), "person");
    BrowserSession browser = browser();
    browser.get("/login");
    String before = browser.cookie(COOKIE).orElseThrow();
    browser.post("/login", Map.of("email", email, "password", PASSWORD));

    BrowserSession attacker = browser();
    attacker.setCookie(COOKIE, before);

    assertThat(attacker.get("/me").status()).isEqualTo(302);
  }

  @Test
  void logoutEndsTheSessionOnTheServer() {
    String email = TestAccounts.signUpVerified(http(), "person");
    BrowserSession browser = TestAccounts.signedInBrowser(port, email);
    String session = browser.cookie(COOKIE).orElseThrow();
    browser.get("/me");

    Http.Response logout = browser.post("/logout", Map.of());

    assertThat(logout.status()).isEqualTo(302);
    assertThat(browser.get("/me").status()).isEqualTo(302);
    BrowserSession replay = browser();
    replay.setCookie(COOKIE, session);
    Http.Response me = replay.get("/me");
    assertThat(me.status()).isEqualTo(302);
    assertThat(me.header("Location").orElseThrow()).endsWith("/login");
  }

  @Test
  void aFormWithoutOrWithAWrongCsrfTokenIsRefusedAndChangesNothing() {
    String email = TestAccounts.signUpVerified(http(), "person");
    BrowserSession browser = browser();
    browser.get("/login");

    Http.Response missing = browser.postRaw("/login", Map.of("email", email, "password", PASSWORD));
    Http.Response wrong =
        browser.postRaw(
            "/login", Map.of("email", email, "password", PASSWORD, "_csrf", "forged-token"));

    for (Http.Response refused : new Http.Response[] {missing, wrong}) {
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.contentType()).startsWith("text/html");
      assertThat(refused.body()).contains("Form expired").contains("auth.csrf");
    }
    assertThat(browser.get("/me").status()).as("not signed in").isEqualTo(302);

    BrowserSession signedIn = TestAccounts.signedInBrowser(port, email);
    String session = signedIn.cookie(COOKIE).orElseThrow();
    assertThat(signedIn.postRaw("/logout", Map.of()).status()).isEqualTo(403);
    assertThat(signedIn.cookie(COOKIE)).contains(session);
    assertThat(signedIn.get("/me").status()).as("still signed in").isEqualTo(200);
  }

  @Test
  void unknownAddressAndWrongPasswordShowTheSamePage() {
    String email = TestAccounts.signUpVerified(http(), "person");
    String unknown = TestAccounts.newAddress("nobody");
    BrowserSession first = browser();
    BrowserSession second = browser();

    Http.Response wrongPassword = login(first, email, PASSWORD + "!");
    Http.Response noAccount = login(second, unknown, PASSWORD);

    assertThat(wrongPassword.status()).isEqualTo(200);
    assertThat(noAccount.status()).isEqualTo(wrongPassword.status());
    assertThat(normalised(noAccount, unknown)).isEqualTo(normalised(wrongPassword, email));
    assertThat(wrongPassword.body()).contains("Sign-in failed");
    assertThat(first.get("/me").status()).isEqualTo(302);
  }

  @Test
  void anUnverifiedAccountCannotSignInAndIsToldWhyOnlyWithTheRightPassword() {
    String email = TestAccounts.signUp(http(), "person");

    Http.Response right = login(browser(), email, PASSWORD);
    Http.Response wrong = login(browser(), email, PASSWORD + "!");

    assertThat(right.status()).isEqualTo(200);
    assertThat(right.body()).contains("Email address not confirmed");
    assertThat(wrong.body()).contains("Sign-in failed").doesNotContain("not confirmed");
  }

  @Test
  void theLayoutOffersSignUpAndSignInToVisitorsAndMyPageAndSignOutToMembers() {
    assertThat(browser().get("/").body())
        .contains("href=\"/sign-up\"")
        .contains("href=\"/login\"")
        .doesNotContain("action=\"/logout\"");

    BrowserSession member =
        TestAccounts.signedInBrowser(port, TestAccounts.signUpVerified(http(), "person"));
    assertThat(member.get("/").body())
        .contains("href=\"/me\"")
        .contains("action=\"/logout\"")
        .doesNotContain("href=\"/sign-up\"");
  }

  @Test
  void aFewFailuresSlowThisSourceDownWithoutTellingWhy() {
    String email = TestAccounts.signUpVerified(http(), "person");
    BrowserSession browser = browser();
    for (int i = 1; i <= 3; i++) {
      login(browser, email, "wrong password " + i);
    }
    Http.Response failure = login(browser, email, "wrong password 4");

    Http.Response delayed = login(browser, email, PASSWORD);

    assertThat(delayed.status()).isEqualTo(failure.status());
    assertThat(normalised(delayed, email)).isEqualTo(normalised(failure, email));
    assertThat(browser.get("/me").status()).isEqualTo(302);
    clock.advance(Duration.ofSeconds(31));
    assertThat(login(browser, email, PASSWORD).status()).isEqualTo(302);
    assertThat(browser.get("/me").status()).isEqualTo(200);
  }

  @Test
  void repeatedFailuresLockTheGuessingSourceOutButNotTheOwnerElsewhere() throws Exception {
    String email = TestAccounts.signUpVerified(http(), "person");
    BrowserSession attacker = browser();
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMinutes(2));
      assertThat(login(attacker, email, "guess " + i).body()).contains("Sign-in failed");
    }
    clock.advance(Duration.ofMinutes(2));

    Http.Response locked = login(attacker, email, PASSWORD);
    assertThat(locked.status()).isEqualTo(200);
    assertThat(locked.body()).contains("Sign-in failed");
    assertThat(attacker.get("/me").status()).isEqualTo(302);
    assertProblem(TestAccounts.loginRequest(http(), email, PASSWORD, null), 401, "auth.failed");

    BrowserSession owner = new BrowserSession(port, InetAddress.getByName("127.0.0.2"));
    Http.Response ownLogin = login(owner, email, PASSWORD);
    assertThat(ownLogin.status()).as(ownLogin.toString()).isEqualTo(302);
    assertThat(owner.get("/me").status()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(15));
    assertThat(login(attacker, email, PASSWORD).status()).as("the lock ends").isEqualTo(302);
  }

  @Test
  void signUpAnswersNewAndTakenAddressesAlikeAndExplainsRefusedPasswords() {
    String email = TestAccounts.newAddress("page");
    BrowserSession browser = browser();
    Http.Response form = browser.get("/sign-up");
    assertThat(form.body()).contains("value=\"legal-entity\"").contains("action=\"/sign-up\"");

    Http.Response refused =
        browser.post("/sign-up", Map.of("kind", "person", "email", email, "password", "short"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body())
        .contains("Use at least 12 characters.")
        .contains("value=\"" + email + "\"")
        .doesNotContain("value=\"short\"");
    assertThat(TestAccounts.mails(http(), email)).isEmpty();

    Http.Response fresh =
        browser.post(
            "/sign-up", Map.of("kind", "legal-entity", "email", email, "password", PASSWORD));
    Http.Response taken =
        browser.post(
            "/sign-up", Map.of("kind", "person", "email", email, "password", PASSWORD + "!"));
    assertThat(fresh.status()).isEqualTo(302);
    assertThat(taken.status()).isEqualTo(fresh.status());
    assertThat(taken.header("Location")).isEqualTo(fresh.header("Location"));
    assertThat(fresh.header("Location").orElseThrow()).endsWith("/sign-up/check-mail");
    assertThat(browser.get("/sign-up/check-mail").body()).contains("Check your mailbox");
    assertThat(TestAccounts.mails(http(), email)).hasSize(2);

    assertThat(login(browser, email, PASSWORD).body()).contains("Email address not confirmed");
    browser.get("/verify-email/resend");
    Http.Response resent = browser.post("/verify-email/resend", Map.of("email", email));
    assertThat(resent.header("Location").orElseThrow()).endsWith("/verify-email/resend/sent");
    List<JsonNode> mails = TestAccounts.mails(http(), email);
    assertThat(mails).hasSize(3);
    String token = TestAccounts.tokenIn(mails.getFirst().get("text").asString());
    assertThat(
            http()
                .postJson(
                    "/api/v1/accounts/verify-email", "{\"token\":" + Http.jsonString(token) + "}")
                .status())
        .isEqualTo(200);
    assertThat(
            http()
                .withBearer(TestAccounts.bearerToken(http(), email))
                .get("/api/v1/me/session")
                .json()
                .get("kind")
                .asString())
        .isEqualTo("legal-entity");
  }

  /** The page with the typed address and the per-render CSRF token blanked out. */
  private static String normalised(Http.Response page, String email) {
    String csrf = BrowserSession.csrfTokenIn(page.body()).orElseThrow();
    return page.body().replace(email, "EMAIL").replace(csrf, "CSRF");
  }
}

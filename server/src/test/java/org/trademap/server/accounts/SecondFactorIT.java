package org.trademap.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.testing.Problems.assertProblem;
import static org.trademap.server.testing.TestAccounts.PASSWORD;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.identity.PasswordHasher;
import org.trademap.server.identity.Role;
import org.trademap.server.identity.TotpAlgorithm;
import org.trademap.server.identity.TotpSecret;
import org.trademap.server.testing.BrowserSession;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import org.trademap.server.testing.TotpCodes;

/** The TOTP second factor: enrolment on /me/security, login with a code, replays, switching off. */
@Import(SettableClock.AsBean.class)
class SecondFactorIT extends RunningServer {
  private static final Pattern SECRET =
      Pattern.compile("<code class=\"secret\">([A-Z2-7]+)</code>");

  @Autowired SettableClock clock;
  @Autowired DataSource dataSource;
  @Autowired PasswordHasher hasher;
  @Autowired SecondFactors secondFactors;

  /** Signs up, enrols an authenticator through the page, and returns its key. */
  private String enrol(BrowserSession browser) {
    assertThat(browser.get("/me/security").body()).contains("action=\"/me/security/totp/start\"");
    assertThat(browser.post("/me/security/totp/start", Map.of()).status()).isEqualTo(302);
    Http.Response page = browser.get("/me/security");
    Matcher secret = SECRET.matcher(page.body());
    assertThat(secret.find()).as(page.body()).isTrue();
    String key = secret.group(1);
    assertThat(page.body()).contains("otpauth://totp/TradeMap:").contains("secret=" + key);

    Http.Response confirmed =
        browser.post("/me/security/totp/confirm", Map.of("code", code(key, 0)));
    assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(302);
    assertThat(browser.get("/me/security").body()).contains("The second factor is on");
    return key;
  }

  private String code(String key, int steps) {
    return TotpCodes.code(key, clock.instant(), steps);
  }

  /** The next step's code: the one just used for enrolment or login cannot be used again. */
  private String nextCode(String key) {
    clock.advance(Duration.ofSeconds(30));
    return code(key, 0);
  }

  private static Http.Response password(BrowserSession browser, String email) {
    browser.get("/login");
    return browser.post("/login", Map.of("email", email, "password", PASSWORD));
  }

  private static Http.Response secondStep(BrowserSession browser, String code) {
    browser.get("/login/second-factor");
    return browser.post("/login/second-factor", Map.of("code", code));
  }

  private Http.Response apiLogin(String email, String password, @Nullable String totp) {
    return TestAccounts.loginRequest(http(), email, password, totp);
  }

  @Test
  void anEnrolledAccountSignsInWithPasswordAndCodeAndNoCodeWorksTwice() {
    String email = TestAccounts.signUpVerified(http(), "person");
    String key = enrol(TestAccounts.signedInBrowser(port, email));

    BrowserSession browser = new BrowserSession(port);
    Http.Response first = password(browser, email);
    assertThat(first.status()).isEqualTo(302);
    assertThat(first.header("Location").orElseThrow()).endsWith("/login/second-factor");
    assertThat(browser.get("/me").status()).as("not signed in after the password").isEqualTo(302);

    String code = nextCode(key);
    Http.Response second = secondStep(browser, code);
    assertThat(second.status()).isEqualTo(302);
    assertThat(second.header("Location").orElseThrow()).endsWith("/me");
    assertThat(browser.get("/me").status()).isEqualTo(200);

    BrowserSession replay = new BrowserSession(port);
    password(replay, email);
    Http.Response replayed = secondStep(replay, code);
    assertThat(replayed.status()).isEqualTo(200);
    assertThat(replayed.body()).contains("Sign-in failed");
    assertThat(replay.get("/me").status()).isEqualTo(302);
  }

  @Test
  void aWrongCodeIsRefusedAtEnrolmentAndAtLogin() {
    String email = TestAccounts.signUpVerified(http(), "person");
    BrowserSession member = TestAccounts.signedInBrowser(port, email);
    member.post("/me/security/totp/start", Map.of());
    Matcher secret = SECRET.matcher(member.get("/me/security").body());
    assertThat(secret.find()).isTrue();
    String key = secret.group(1);
    String wrong = wrongCode(key);

    Http.Response refused = member.post("/me/security/totp/confirm", Map.of("code", wrong));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).contains("does not match");
    assertThat(member.get("/me/security").body())
        .doesNotContain("asks for a code from your authenticator");

    member.post("/me/security/totp/confirm", Map.of("code", code(key, 0)));
    BrowserSession browser = new BrowserSession(port);
    password(browser, email);
    Http.Response wrongAtLogin = secondStep(browser, wrongCode(key));
    assertThat(wrongAtLogin.body()).contains("Sign-in failed");
    assertThat(browser.get("/me").status()).isEqualTo(302);
    assertThat(secondStep(browser, nextCode(key)).status()).isEqualTo(302);
    assertThat(browser.get("/me").status()).isEqualTo(200);
  }

  @Test
  void theApiNeedsTheCodeToo() {
    String email = TestAccounts.signUpVerified(http(), "legal-entity");
    String key = enrol(TestAccounts.signedInBrowser(port, email));

    assertProblem(apiLogin(email, PASSWORD, null), 401, "auth.totp-required");
    assertProblem(apiLogin(email, PASSWORD + "!", null), 401, "auth.failed");
    assertProblem(apiLogin(email, PASSWORD, wrongCode(key)), 401, "auth.failed");
    String code = nextCode(key);
    assertThat(apiLogin(email, PASSWORD, code).status()).isEqualTo(201);
    assertProblem(apiLogin(email, PASSWORD, code), 401, "auth.failed");
  }

  @Test
  void theSecretIsNotInTheDatabaseInTheClear() {
    String email = TestAccounts.signUpVerified(http(), "person");
    String key = enrol(TestAccounts.signedInBrowser(port, email));

    List<byte[]> sealed =
        JdbcClient.create(dataSource)
            .sql("SELECT sealed_secret FROM account_totp")
            .query(byte[].class)
            .list();

    assertThat(sealed).isNotEmpty();
    for (byte[] value : sealed) {
      assertThat(new String(value, StandardCharsets.ISO_8859_1)).doesNotContain(key);
    }
  }

  @Test
  void switchingOffNeedsThePasswordAndACurrentCode() {
    String email = TestAccounts.signUpVerified(http(), "person");
    BrowserSession member = TestAccounts.signedInBrowser(port, email);
    String key = enrol(member);
    member.get("/me/security");

    Http.Response wrongPassword =
        member.post("/me/security/totp/disable", Map.of("password", "nope", "code", nextCode(key)));
    assertThat(wrongPassword.status()).isEqualTo(422);
    assertThat(member.get("/me/security").body())
        .contains("asks for a code from your authenticator");

    Http.Response off =
        member.post(
            "/me/security/totp/disable", Map.of("password", PASSWORD, "code", nextCode(key)));
    assertThat(off.status()).isEqualTo(302);
    assertThat(member.get("/me/security").body()).contains("The second factor is off");
    assertThat(apiLogin(email, PASSWORD, null).status()).isEqualTo(201);
  }

  @Test
  void aRoleThatNeedsASecondFactorCannotSignInWithoutOne() {
    String email = TestAccounts.newAddress("supervisor");
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    new AccountRepository(dataSource)
        .insertIfEmailFree(
            new Account(
                id,
                AccountKind.PERSON,
                email,
                hasher.hash(PASSWORD),
                Role.SUPERVISOR,
                AccountStatus.ACTIVE,
                now,
                now));

    assertProblem(apiLogin(email, PASSWORD, null), 403, "auth.second-factor-missing");
    assertProblem(apiLogin(email, PASSWORD + "!", null), 401, "auth.failed");
    Http.Response page = password(new BrowserSession(port), email);
    assertThat(page.body()).contains("Second factor required");

    TotpSecret secret = secondFactors.newSecret();
    assertThat(secret.algorithm()).isEqualTo(TotpAlgorithm.SHA1);
    assertThat(secondFactors.enable(id, secret, code(secret.base32(), 0)))
        .isEqualTo(SecondFactors.Enrolment.ENABLED);
    Http.Response signedIn = apiLogin(email, PASSWORD, nextCode(secret.base32()));
    assertThat(signedIn.status()).isEqualTo(201);
    assertThat(
            http()
                .withBearer(signedIn.json().get("token").asString())
                .get("/api/v1/me/session")
                .json()
                .get("role")
                .asString())
        .isEqualTo("supervisor");
  }

  /** A code the authenticator does not show for any step the server accepts now. */
  private String wrongCode(String key) {
    List<String> valid = List.of(code(key, -1), code(key, 0), code(key, 1));
    for (int i = 0; ; i++) {
      String candidate = String.format("%06d", (123_456 + i * 7_919) % 1_000_000);
      if (!valid.contains(candidate)) {
        return candidate;
      }
    }
  }
}

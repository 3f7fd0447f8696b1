package org.trademap.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Accounts for tests that need someone signed in, made the way a person makes them: sign-up over
 * the API, the link from the embedded mailbox, then a bearer token or a browser session.
 *
 * <pre>{@code
 * String email = TestAccounts.signUpVerified(http(), "person");
 * String token = TestAccounts.bearerToken(http(), email);
 * BrowserSession browser = TestAccounts.signedInBrowser(port, email);
 * }</pre>
 */
public final class TestAccounts {
  /** The password of every account made here. */
  public static final String PASSWORD = "correct horse battery staple 42";

  private static final Pattern TOKEN_IN_LINK =
      Pattern.compile("(?:verify-email|password-reset/new)\\?token=([A-Za-z0-9_-]{43})");

  private TestAccounts() {}

  /** A fresh address at example.org starting with {@code name}. */
  public static String newAddress(String name) {
    return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

  /** {@code POST /api/v1/accounts} with these values. */
  public static Http.Response signUpRequest(Http http, String kind, String email, String password) {
    return http.postJson(
        "/api/v1/accounts",
        "{\"kind\":"
            + Http.jsonString(kind)
            + ",\"email\":"
            + Http.jsonString(email)
            + ",\"password\":"
            + Http.jsonString(password)
            + "}");
  }

  /** Signs up with {@link #PASSWORD} (kind {@code person} or {@code legal-entity}). */
  public static String signUp(Http http, String kind) {
    String email = newAddress(kind);
    Http.Response response = signUpRequest(http, kind, email, PASSWORD);
    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    return email;
  }

  /** Signs up and confirms the address with the mailed link; returns the address. */
  public static String signUpVerified(Http http, String kind) {
    String email = signUp(http, kind);
    Http.Response verified =
        http.postJson(
            "/api/v1/accounts/verify-email",
            "{\"token\":" + Http.jsonString(latestToken(http, email)) + "}");
    assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
    return email;
  }

  /** The mails the embedded mailbox holds for the address, newest first. */
  public static List<JsonNode> mails(Http http, String to) {
    Http.Response response =
        http.get("/api/v1/dev/mailbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json().valueStream().toList();
  }

  /** The token of the link (verification or password reset) in the newest mail to the address. */
  public static String latestToken(Http http, String to) {
    List<JsonNode> mails = mails(http, to);
    assertThat(mails).as("mail to %s", to).isNotEmpty();
    return tokenIn(mails.getFirst().get("text").asString());
  }

  /** The token of the first verification or password-reset link in a mail's text. */
  public static String tokenIn(String text) {
    Matcher link = TOKEN_IN_LINK.matcher(text);
    assertThat(link.find()).as("a link with a token in %s", text).isTrue();
    return link.group(1);
  }

  /** {@code POST /api/v1/sessions} with these values ({@code totp} left out when null). */
  public static Http.Response loginRequest(
      Http http, String email, String password, @Nullable String totp) {
    return http.postJson(
        "/api/v1/sessions",
        "{\"email\":"
            + Http.jsonString(email)
            + ",\"password\":"
            + Http.jsonString(password)
            + (totp == null ? "" : ",\"totp\":" + Http.jsonString(totp))
            + "}");
  }

  /** A bearer token for the account, from {@code POST /api/v1/sessions}. */
  public static String bearerToken(Http http, String email) {
    Http.Response response = loginRequest(http, email, PASSWORD, null);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json().get("token").asString();
  }

  /** A browser signed in to the account through the login page. */
  public static BrowserSession signedInBrowser(int port, String email) {
    BrowserSession browser = new BrowserSession(port);
    browser.get("/login");
    Http.Response login = browser.post("/login", Map.of("email", email, "password", PASSWORD));
    assertThat(login.status()).as(login.toString()).isEqualTo(302);
    assertThat(login.header("Location").orElseThrow()).endsWith("/me");
    // The login started a new HTTP session: open a page to get its CSRF token.
    assertThat(browser.get("/me").status()).isEqualTo(200);
    return browser;
  }
}

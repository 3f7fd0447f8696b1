package org.trademap.server.checks.residence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.testing.Problems.assertProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.accounts.SettableClock;
import org.trademap.server.kyc.ProfileForm;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.onboarding.AddressForm;
import org.trademap.server.onboarding.PersonalForm;
import org.trademap.server.testing.BrowserSession;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Residence confirmation over HTTP as operators and users use it: the operator API with a bearer
 * token of a {@code KYC_OPERATOR}, the user's API and the page {@code /me/residence}. The account
 * limit is lowered to 6 wrong codes a day so that two letters reach it.
 *
 * <p>Operators: staff accounts are created by administrators, which is another part of issue 5;
 * here an account signs up and verifies its address as a person does, takes a bearer token, and
 * then gets the role {@code KYC_OPERATOR} directly in the database (the session reads the role
 * afresh on every request).
 */
@Import(SettableClock.AsBean.class)
@TestPropertySource(properties = "trademap.residence.max-failures-per-account=6")
class ResidenceIT extends RunningServer {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String OPERATOR_API = "/api/v1/checks/residence";
  private static final String MY_API = "/api/v1/me/residence";

  @Autowired DataSource dataSource;
  @Autowired Subjects subjects;
  @Autowired SettableClock clock;

  /** A signed-in API client with its bearer token. */
  private record Client(Http http, String token, String email) {}

  /** A person who entered a KYC profile, and the subject reference operators know them by. */
  private record Applicant(Client client, String subject) {}

  /** A download: status, headers and the body's bytes. */
  private record Download(
      int status, String contentType, String disposition, String cache, byte[] body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  private Client signedIn() {
    String email = TestAccounts.signUpVerified(http(), "person");
    String token = TestAccounts.bearerToken(http(), email);
    return new Client(http().withBearer(token), token, email);
  }

  /**
   * The same account signed in again: moving the clock ends bearer tokens (an hour), so a test that
   * moves it signs in afresh. Operators cannot (their role needs a second factor): make a new one.
   */
  private Client again(Client client) {
    String token = TestAccounts.bearerToken(http(), client.email());
    return new Client(http().withBearer(token), token, client.email());
  }

  private Client operator() {
    Client client = signedIn();
    int updated =
        JdbcClient.create(dataSource)
            .sql("UPDATE account SET role = 'KYC_OPERATOR' WHERE email_key = ?")
            .param(client.email().toLowerCase(Locale.ROOT))
            .update();
    assertThat(updated).isEqualTo(1);
    return client;
  }

  private Applicant applicant() {
    Client client = signedIn();
    PersonalForm person =
        new PersonalForm(
            "Dvořák",
            "Zoë",
            "1974-08-12",
            "CZ",
            new AddressForm("Rue de l'Église 5", "1204", "Genève", "CH"),
            "Engineer",
            "+41 44 668 18 00",
            client.email());
    Http.Response saved =
        client
            .http()
            .send(
                "PUT",
                "/api/v1/me/profile",
                "application/json",
                JSON.writeValueAsBytes(ProfileForm.person(person)));
    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    UUID account =
        UUID.fromString(client.http().get("/api/v1/me").json().path("accountId").asString());
    return new Applicant(client, subjects.forAccount(account).orElseThrow().ref().value());
  }

  private static Http.Response generate(Client operator, String subject, String body) {
    return operator.http().postJson(OPERATOR_API + "/subjects/" + subject + "/letters", body);
  }

  /** Makes a letter and returns it. */
  private static JsonNode letter(Client operator, Applicant applicant) {
    Http.Response made = generate(operator, applicant.subject(), "");
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    return made.json();
  }

  private Download download(Client client, String path) {
    try {
      HttpResponse<byte[]> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                      .header("Authorization", "Bearer " + client.token())
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      return new Download(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers().firstValue("Content-Disposition").orElse(""),
          response.headers().firstValue("Cache-Control").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The letter's PDF, downloaded by the operator. */
  private byte[] pdf(Client operator, JsonNode letter) {
    Download pdf = download(operator, letter.path("pdf").asString());
    assertThat(pdf.status()).as(new String(pdf.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    return pdf.body();
  }

  private static Http.Response confirm(Client user, String code) {
    return user.http()
        .postJson(MY_API + "/confirmation", "{\"code\":" + Http.jsonString(code) + "}");
  }

  private static Http.Response post(Client operator, JsonNode letter, String action) {
    return operator
        .http()
        .postJson(OPERATOR_API + "/letters/" + letter.path("id").asString() + "/" + action, "");
  }

  private static JsonNode status(Client operator, Applicant applicant) {
    Http.Response status = operator.http().get(OPERATOR_API + "/subjects/" + applicant.subject());
    assertThat(status.status()).as(status.toString()).isEqualTo(200);
    return status.json();
  }

  @Test
  void anOperatorWritesTheLetterAndTheUserConfirmsWithItsCode() {
    Client operator = operator();
    Applicant applicant = applicant();

    JsonNode letter = letter(operator, applicant);
    byte[] pdf = pdf(operator, letter);
    String code = LetterTexts.code(pdf);

    assertThat(letter.path("state").asString()).isEqualTo("generated");
    assertThat(letter.path("subject").asString()).isEqualTo(applicant.subject());
    assertThat(letter.path("unprintable").asInt()).isZero();
    assertThat(LetterTexts.text(pdf))
        .contains("Zoë Dvořák")
        .contains("Rue de l'Église 5")
        .contains("1204 Genève")
        .contains("SWITZERLAND")
        .contains("/me/residence")
        .contains(letter.path("id").asString());
    Download download = download(operator, letter.path("pdf").asString());
    assertThat(download.contentType()).isEqualTo("application/pdf");
    assertThat(download.disposition()).startsWith("attachment").contains(".pdf");
    assertThat(download.cache()).contains("no-store");
    JsonNode mine = applicant.client().http().get(MY_API).json();
    assertThat(mine.path("state").asString()).isEqualTo("generated");
    assertThat(mine.path("attemptsLeft").asInt()).isEqualTo(5);

    Http.Response sent = post(operator, letter, "sent");
    assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
    assertThat(sent.json().path("state").asString()).isEqualTo("sent");
    assertThat(sent.json().has("pdf")).isFalse();
    assertProblem(post(operator, letter, "sent"), 409, "residence.already-sent");
    Download gone = download(operator, letter.path("pdf").asString());
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.json().path("code").asString()).isEqualTo("residence.pdf-gone");

    Http.Response confirmed =
        confirm(applicant.client(), code.toLowerCase(Locale.ROOT).replace("-", " "));
    assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
    assertThat(confirmed.json().path("state").asString()).isEqualTo("confirmed");
    assertProblem(confirm(applicant.client(), code), 409, "residence.already-confirmed");
    JsonNode status = status(operator, applicant);
    assertThat(status.path("state").asString()).isEqualTo("confirmed");
    assertThat(status.path("proposal").asString()).isEqualTo("passed");
    assertThat(status.path("current").path("sentBy").asString())
        .isEqualTo(status.path("current").path("generatedBy").asString());
    assertThat(
            assertProblem(post(operator, letter, "returned"), 409, "residence.letter-closed")
                .path("state")
                .asString())
        .isEqualTo("confirmed");
  }

  @Test
  void wrongCodesLockTheLetterAndTooManyThrottleTheAccount() {
    Client operator = operator();
    Applicant applicant = applicant();
    String code = LetterTexts.code(pdf(operator, letter(operator, applicant)));

    for (int left = 4; left >= 1; left--) {
      JsonNode wrong =
          assertProblem(
              confirm(applicant.client(), ResidenceFixture.otherCode(code, left)),
              422,
              "residence.code-wrong");
      assertThat(wrong.path("attemptsLeft").asInt()).isEqualTo(left);
    }
    assertProblem(
        confirm(applicant.client(), ResidenceFixture.otherCode(code, 5)), 423, "residence.locked");
    assertProblem(confirm(applicant.client(), code), 423, "residence.locked");
    assertProblem(confirm(applicant.client(), "not a code"), 422, "residence.code-malformed");
    assertThat(status(operator, applicant).path("proposal").asString())
        .isEqualTo("new-letter-needed");

    JsonNode second = letter(operator, applicant);
    String newCode = LetterTexts.code(pdf(operator, second));
    JsonNode stale = assertProblem(confirm(applicant.client(), code), 422, "residence.code-wrong");
    assertThat(stale.path("attemptsLeft").asInt()).isEqualTo(4);

    Http.Response throttled = confirm(applicant.client(), newCode);
    JsonNode problem = assertProblem(throttled, 429, "residence.throttled");
    long retryAfter = Long.parseLong(throttled.header("Retry-After").orElseThrow());
    assertThat(retryAfter).isPositive().isLessThanOrEqualTo(Duration.ofHours(24).toSeconds());
    assertThat(problem.path("retryAfter").asLong()).isEqualTo(retryAfter);
    assertThat(status(operator, applicant).path("attemptsLeft").asInt()).isEqualTo(4);

    clock.advance(Duration.ofSeconds(retryAfter));
    assertThat(confirm(again(applicant.client()), newCode).status()).isEqualTo(200);
  }

  @Test
  void anExpiredCodeIsRefusedAndTheCheckAsksForANewLetter() {
    Client operator = operator();
    Applicant applicant = applicant();
    JsonNode letter = letter(operator, applicant);
    String code = LetterTexts.code(pdf(operator, letter));

    clock.advance(Duration.ofDays(32));
    Client user = again(applicant.client());
    Client later = operator();

    assertProblem(confirm(user, code), 410, "residence.code-expired");
    JsonNode status = status(later, applicant);
    assertThat(status.path("state").asString()).isEqualTo("expired");
    assertThat(status.path("proposal").asString()).isEqualTo("new-letter-needed");
    assertThat(user.http().get(MY_API).json().path("state").asString()).isEqualTo("expired");
    assertThat(download(later, letter.path("pdf").asString()).status()).isEqualTo(409);
  }

  @Test
  void aLetterThatComesBackFailsTheCheck() {
    Client operator = operator();
    Applicant applicant = applicant();
    JsonNode letter = letter(operator, applicant);
    String code = LetterTexts.code(pdf(operator, letter));

    assertProblem(post(operator, letter, "returned"), 409, "residence.not-sent");
    post(operator, letter, "sent");
    Http.Response returned = post(operator, letter, "returned");

    assertThat(returned.status()).as(returned.toString()).isEqualTo(200);
    assertThat(returned.json().path("state").asString()).isEqualTo("returned");
    assertProblem(confirm(applicant.client(), code), 409, "residence.letter-returned");
    assertThat(status(operator, applicant).path("proposal").asString()).isEqualTo("failed");
    assertThat(applicant.client().http().get(MY_API).json().path("state").asString())
        .isEqualTo("returned");
  }

  @Test
  void usersCannotReachTheOperatorApiNorDownloadLetters() {
    Client operator = operator();
    Applicant applicant = applicant();
    JsonNode letter = letter(operator, applicant);
    Client user = applicant.client();
    String id = letter.path("id").asString();

    assertProblem(generate(user, applicant.subject(), ""), 403, "auth.forbidden");
    Download pdf = download(user, OPERATOR_API + "/letters/" + id + "/pdf");
    assertThat(pdf.status()).isEqualTo(403);
    assertThat(new String(pdf.body(), StandardCharsets.ISO_8859_1)).doesNotContain("%PDF");
    assertProblem(user.http().get(OPERATOR_API + "/letters/" + id), 403, "auth.forbidden");
    assertProblem(post(user, letter, "sent"), 403, "auth.forbidden");
    assertProblem(post(user, letter, "returned"), 403, "auth.forbidden");
    assertProblem(
        user.http().get(OPERATOR_API + "/subjects/" + applicant.subject()), 403, "auth.forbidden");
    Http.Response anonymous = http().get(OPERATOR_API + "/letters/" + id + "/pdf");
    assertProblem(anonymous, 401, "auth.required");
    assertThat(anonymous.header("WWW-Authenticate")).isPresent();
    assertProblem(
        http().postJson(MY_API + "/confirmation", "{\"code\":\"x\"}"), 401, "auth.required");

    JsonNode unchanged = status(operator, applicant);
    assertThat(unchanged.path("state").asString()).isEqualTo("generated");
    assertThat(unchanged.path("letters").size()).isEqualTo(1);
  }

  @Test
  void operatorRefusalsHaveStableCodes() {
    Client operator = operator();
    Client withoutProfile = signedIn();
    UUID account =
        UUID.fromString(
            withoutProfile.http().get("/api/v1/me").json().path("accountId").asString());
    String noAddress = subjects.of(account, AccountKind.PERSON).ref().value();
    Applicant applicant = applicant();

    assertProblem(generate(operator, "AAAAAAAAAAAAAAAAAAAAAA", ""), 404, "residence.no-subject");
    assertProblem(generate(operator, "not%20a%20ref", ""), 404, "residence.no-subject");
    assertProblem(generate(operator, noAddress, ""), 409, "residence.no-address");
    assertProblem(
        generate(operator, applicant.subject(), "{\"language\":\"fr\"}"),
        400,
        "residence.language-unsupported");
    assertProblem(
        generate(operator, applicant.subject(), "{\"language\":\"de\",\"extra\":1}"),
        400,
        "request.malformed-json");
    assertProblem(
        operator.http().get(OPERATOR_API + "/letters/" + UUID.randomUUID()),
        404,
        "residence.letter-not-found");
    assertProblem(
        operator.http().get(OPERATOR_API + "/letters/not-a-uuid"), 400, "request.bad-parameter");
    assertThat(status(operator, applicant).path("state").asString()).isEqualTo("none");

    Http.Response german = generate(operator, applicant.subject(), "{\"language\":\"de\"}");
    assertThat(german.status()).isEqualTo(201);
    assertThat(LetterTexts.text(pdf(operator, german.json())))
        .contains("Bitte bestätigen Sie Ihre Adresse")
        .contains("SCHWEIZ");
  }

  @Test
  void anAccountWithoutLetterIsToldSo() {
    Applicant applicant = applicant();

    assertThat(applicant.client().http().get(MY_API).json().path("state").asString())
        .isEqualTo("none");
    assertProblem(
        confirm(applicant.client(), ResidenceFixture.otherCode("", 3)), 404, "residence.no-letter");
  }

  @Test
  void theUserConfirmsOnThePage() {
    Client operator = operator();
    Applicant applicant = applicant();
    BrowserSession browser = TestAccounts.signedInBrowser(port, applicant.client().email());

    assertThat(browser.get("/me/residence").body()).contains("No letter has been sent to you yet");
    String code = LetterTexts.code(pdf(operator, letter(operator, applicant)));
    Http.Response page = browser.get("/me/residence");
    assertThat(page.body()).contains("name=\"code\"").contains("5 wrong entries left");

    Http.Response wrong =
        browser.post("/me/residence", Map.of("code", ResidenceFixture.otherCode(code, 1)));
    assertThat(wrong.status()).isEqualTo(302);
    assertThat(wrong.header("Location").orElseThrow()).endsWith("/me/residence");
    assertThat(browser.get("/me/residence").body())
        .contains("This is not the code of your letter. 4 wrong entries left");
    assertThat(browser.get("/me/residence").body()).doesNotContain("This is not the code");

    browser.post("/me/residence", Map.of("code", code));
    String done = browser.get("/me/residence").body();
    assertThat(done)
        .contains("Thank you: your address is confirmed.")
        .contains("Your address is confirmed (on ")
        .doesNotContain("name=\"code\"");
    assertThat(new BrowserSession(port).get("/me/residence").status()).isEqualTo(302);
  }

  @Test
  void theApiIsDescribedInOpenApiWithItsBearerToken() {
    JsonNode paths = http().get("/v3/api-docs").json().path("paths");

    for (String[] operation :
        new String[][] {
          {OPERATOR_API + "/subjects/{subject}/letters", "post"},
          {OPERATOR_API + "/subjects/{subject}", "get"},
          {OPERATOR_API + "/letters/{id}/pdf", "get"},
          {OPERATOR_API + "/letters/{id}/sent", "post"},
          {OPERATOR_API + "/letters/{id}/returned", "post"},
          {MY_API, "get"},
          {MY_API + "/confirmation", "post"}
        }) {
      JsonNode described = paths.path(operation[0]).path(operation[1]);
      assertThat(described.isMissingNode()).as(operation[0]).isFalse();
      assertThat(described.path("security").toString()).as(operation[0]).contains("bearer");
    }
  }
}

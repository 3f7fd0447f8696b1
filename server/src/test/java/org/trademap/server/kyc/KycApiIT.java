package org.trademap.server.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.trademap.server.testing.Problems.assertProblem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.onboarding.PersonalForm;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/me}, {@code /me/profile}, {@code /me/consents} and {@code /me/submission} as an
 * API client uses them: the whole flow of a person and of a company up to the ledger record, and
 * every bad input of RELIABILITY.md that applies here.
 */
class KycApiIT extends RunningServer {

  @Autowired DataSource dataSource;

  private KycApi person() {
    return KycApi.signUp(http(), "person");
  }

  private static Map<String, Object> personProfile(PersonalForm person) {
    return Map.of("person", person);
  }

  /** The profile JSON of a person with this surname, as a client would type it. */
  private static String personWithSurname(String surname) {
    return KycForms.json(personProfile(KycForms.person(surname, "Anna")));
  }

  @Test
  void everyEndpointNeedsABearerToken() {
    Http anonymous = http();

    assertProblem(anonymous.get("/api/v1/me"), 401, "auth.required");
    assertProblem(anonymous.get("/api/v1/me/profile"), 401, "auth.required");
    assertProblem(
        anonymous.send(
            "PUT", "/api/v1/me/profile", "application/json", "{}".getBytes(StandardCharsets.UTF_8)),
        401,
        "auth.required");
    assertProblem(anonymous.get("/api/v1/me/consents"), 401, "auth.required");
    assertProblem(
        anonymous.postJson("/api/v1/me/consents", "{\"kind\":\"terms\",\"version\":\"v1\"}"),
        401,
        "auth.required");
    assertProblem(anonymous.postJson("/api/v1/me/submission", ""), 401, "auth.required");
  }

  @Test
  void theOpenApiDescriptionListsTheKycEndpoints() {
    JsonNode paths = http().get("/v3/api-docs").json().path("paths");

    assertThat(paths.path("/api/v1/me").has("get")).isTrue();
    assertThat(paths.path("/api/v1/me/profile").has("get")).isTrue();
    assertThat(paths.path("/api/v1/me/profile").path("put").path("responses").has("422")).isTrue();
    assertThat(paths.path("/api/v1/me/consents").has("get")).isTrue();
    assertThat(paths.path("/api/v1/me/consents").has("post")).isTrue();
    assertThat(paths.path("/api/v1/me/consents/{kind}").has("delete")).isTrue();
    assertThat(paths.path("/api/v1/me/submission").path("post").path("responses").has("422"))
        .isTrue();
  }

  @Test
  void aPersonFillsInTheFileSubmitsItAndSeesItsLedgerRecord() {
    KycApi ann = person();

    JsonNode fresh = ann.me();
    assertThat(fresh.path("status").asString()).isEqualTo("draft");
    assertThat(fresh.path("kind").asString()).isEqualTo("person");
    assertThat(fresh.path("steps").valueStream().map(s -> s.path("step").asString()))
        .containsExactly(
            "account",
            "email",
            "personal-data",
            "documents",
            "consents",
            "video-identification",
            "checks",
            "approval");
    assertThat(fresh.path("missing").valueStream().map(JsonNode::asString))
        .contains(
            "profile.person", "consent.terms", "consent.audio-recording", "documents.identity");
    JsonNode empty = ann.http.get("/api/v1/me/profile").json();
    assertThat(empty.path("revision").asInt()).isZero();
    assertThat(empty.has("person")).isFalse();

    JsonNode saved = ann.saveProfile(personProfile(KycForms.anna()));
    assertThat(saved.path("revision").asInt()).isEqualTo(1);
    assertThat(saved.path("person").path("surname").asString()).isEqualTo("Eriksson");
    assertThat(saved.path("person").path("phone").asString()).isEqualTo("+41446681800");
    assertThat(ann.http.get("/api/v1/me/profile").json()).isEqualTo(saved);

    JsonNode consents = ann.http.get("/api/v1/me/consents").json();
    assertThat(consents.path("kinds").valueStream().map(k -> k.path("kind").asString()))
        .containsExactly(
            "terms", "data-processing", "video-identification", "audio-recording", "sharing");
    assertThat(consents.path("kinds").valueStream())
        .allSatisfy(
            k -> {
              assertThat(k.path("currentVersion").asString()).isEqualTo("v1");
              assertThat(k.path("text").asString()).isNotBlank();
            });
    ann.giveRequiredConsents();
    assertThat(ann.giveConsent("terms", "v1").status()).as("already given").isEqualTo(200);
    assertProblem(ann.submit(), 422, "submission.incomplete");
    ann.uploadRequiredDocuments();

    Http.Response submitted = ann.submit();
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
    assertThat(submitted.header("Location")).hasValue("/api/v1/me/submission");
    assertThat(submitted.json().path("ledger").get(0).path("method").asString())
        .isEqualTo("register");
    assertThat(ann.submit().status()).as("submitting again").isEqualTo(200);

    JsonNode registered = ann.awaitRegistered();
    assertThat(registered.path("missing").isEmpty()).isTrue();
    JsonNode ledger = KycApi.step(registered, "personal-data").path("ledger");
    assertThat(ledger.path("status").asString()).isEqualTo("recorded");
    String txId = ledger.path("txId").asString();
    assertThat(txId).matches("[0-9a-f]{64}");
    assertThat(ledger.path("height").asLong()).isPositive();
    assertThat(ledger.path("explorer").asString()).isEqualTo("/explorer/transactions/" + txId);
    assertThat(KycApi.step(registered, "personal-data").path("status").asString())
        .isEqualTo("done");
    assertThat(KycApi.step(registered, "consents").path("status").asString()).isEqualTo("done");
    assertThat(KycApi.step(registered, "documents").path("status").asString()).isEqualTo("done");
    assertThat(http().getPage(ledger.path("explorer").asString()).status()).isEqualTo(200);
    JsonNode tx = http().get("/api/v1/ledger/transactions/" + txId).json();
    assertThat(tx.path("method").asString()).isEqualTo("register");
    assertThat(tx.path("code").asString()).isEqualTo("OK");
    String args =
        new String(Base64.getDecoder().decode(tx.path("args").asString()), StandardCharsets.UTF_8);
    assertThat(args).doesNotContain("Eriksson").doesNotContain("anna.eriksson");

    ann.saveProfile(personProfile(KycForms.person("Eriksson-Berg", "Anna Maria")));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        ann.http
                            .get("/api/v1/me/submission")
                            .json()
                            .path("ledger")
                            .valueStream()
                            .map(
                                e ->
                                    e.path("method").asString()
                                        + " "
                                        + e.path("ledger").path("status").asString()))
                    .containsExactly("register recorded", "update-commitment recorded"));
  }

  @Test
  void aCompanyWithTwoBeneficialOwnersIsRegistered() {
    KycApi acme = KycApi.signUp(http(), "legal-entity");
    assertThat(acme.me().path("steps").valueStream().map(s -> s.path("step").asString()))
        .contains("beneficial-owners");

    JsonNode saved = acme.saveProfile(KycForms.companyProfile());
    assertThat(saved.path("entity").path("registerNumber").asString()).isEqualTo(KycForms.UID);
    assertThat(saved.path("beneficialOwners").path("owners").size()).isEqualTo(2);
    acme.giveRequiredConsents();
    acme.uploadRequiredDocuments();
    assertThat(acme.submit().status()).isEqualTo(201);

    JsonNode registered = acme.awaitRegistered();
    JsonNode owners = KycApi.step(registered, "beneficial-owners");
    assertThat(owners.path("status").asString()).isEqualTo("done");
    assertThat(owners.path("ledger").path("status").asString()).isEqualTo("recorded");
    assertThat(acme.saveProfile(KycForms.companyProfile()).path("revision").asInt())
        .as("the same owners again change nothing")
        .isEqualTo(1);
  }

  @Test
  void aCompanyProfileNeedsEveryPartAndAPersonsHasNoCompanyParts() {
    KycApi acme = KycApi.signUp(http(), "legal-entity");
    KycApi ann = person();

    JsonNode missing =
        assertProblem(
            acme.putProfile(
                KycForms.json(
                    Map.of("person", KycForms.anna(), "entity", KycForms.company("Acme AG")))),
            422,
            "profile.invalid");
    assertThat(missing.path("errors").get(0).path("field").asString())
        .isEqualTo("beneficialOwners");
    assertThat(missing.path("errors").get(0).path("code").asString()).isEqualTo("field.required");

    JsonNode extra =
        assertProblem(
            ann.putProfile(
                KycForms.json(
                    Map.of("person", KycForms.anna(), "entity", KycForms.company("Acme AG")))),
            422,
            "profile.not-applicable");
    assertThat(extra.path("fields").get(0).asString()).isEqualTo("entity");
    assertProblem(ann.putProfile("{}"), 422, "profile.invalid");
  }

  @Test
  void malformedJsonIsRefusedAndChangesNothing() {
    KycApi ann = person();
    String anna = KycForms.json(KycForms.anna());

    assertProblem(
        ann.putProfile("{\"person\": {\"surname\": \"Eri"), 400, "request.malformed-json");
    assertProblem(ann.putProfile("not json"), 400, "request.malformed-json");
    assertProblem(
        ann.putProfile("{\"person\":" + anna + ",\"person\":" + anna + "}"),
        400,
        "request.malformed-json");
    assertProblem(
        ann.putProfile(
            "{\"person\":" + anna.replace("{\"surname\"", "{\"surname\":\"X\",\"surname\"") + "}"),
        400,
        "request.malformed-json");
    assertProblem(
        ann.putProfile("{\"person\":" + anna + ",\"revision\":7}"), 400, "request.malformed-json");
    assertProblem(
        ann.putProfile(
            "{\"person\":" + anna.replace("{\"surname\"", "{\"nickname\":\"x\",\"surname\"") + "}"),
        400,
        "request.malformed-json");
    assertProblem(
        ann.putProfile("{\"person\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
        400,
        "request.malformed-json");
    assertProblem(
        ann.http.send(
            "PUT", "/api/v1/me/profile", "text/plain", anna.getBytes(StandardCharsets.UTF_8)),
        415,
        "request.unsupported-media-type");

    assertThat(ann.http.get("/api/v1/me/profile").json().path("revision").asInt()).isZero();
  }

  @Test
  void veryLongNamesAreRefusedNeverTruncated() {
    KycApi ann = person();
    ann.saveProfile(personProfile(KycForms.anna()));

    JsonNode problem =
        assertProblem(
            ann.putProfile(personWithSurname("a".repeat(10_000))), 422, "profile.invalid");

    JsonNode error = problem.path("errors").get(0);
    assertThat(error.path("field").asString()).isEqualTo("person.surname");
    assertThat(error.path("code").asString()).isEqualTo("name.too-long");
    assertThat(error.path("arguments").valueStream().map(JsonNode::asString))
        .containsExactly("200", "10000");
    assertThat(ann.http.get("/api/v1/me/profile").json().path("person").path("surname").asString())
        .isEqualTo("Eriksson");
  }

  @Test
  void controlZeroWidthAndBidiCharactersAreRefusedWithTheirCodes() {
    KycApi ann = person();

    Map<String, String> expected =
        Map.of(
            "Erik\u0007sson", "name.control-character",
            "Erik\nsson", "name.control-character",
            "Erik\u200Bsson", "name.zero-width",
            "Erik\u202Esson", "name.bidi-control");
    expected.forEach(
        (surname, code) -> {
          JsonNode problem =
              assertProblem(ann.putProfile(personWithSurname(surname)), 422, "profile.invalid");
          assertThat(problem.path("errors").get(0).path("field").asString())
              .isEqualTo("person.surname");
          assertThat(problem.path("errors").get(0).path("code").asString()).isEqualTo(code);
        });
    assertThat(ann.http.get("/api/v1/me/profile").json().path("revision").asInt()).isZero();
  }

  @Test
  void lookAlikeNamesAreAcceptedAndFlaggedForReview() {
    KycApi ann = person();

    JsonNode saved = ann.saveProfile(personProfile(KycForms.person("P\u0430ypal", "Anna")));

    assertThat(saved.path("person").path("surname").asString()).isEqualTo("P\u0430ypal");
    JsonNode flag = saved.path("reviewFlags").get(0);
    assertThat(flag.path("field").asString()).isEqualTo("person.surname");
    assertThat(flag.path("reason").asString()).isEqualTo("name.mixed-script");
    assertThat(ann.http.get("/api/v1/me/profile").json().path("reviewFlags"))
        .isEqualTo(saved.path("reviewFlags"));
  }

  @Test
  void nfcAndRealDiacriticsAreKept() {
    KycApi ann = person();

    JsonNode saved = ann.saveProfile(personProfile(KycForms.person("Mu\u0308ller", "Zoë")));

    assertThat(saved.path("person").path("surname").asString()).isEqualTo("M\u00FCller");
    assertThat(saved.path("person").path("givenNames").asString()).isEqualTo("Zoë");
  }

  @Test
  void injectionStringsAreStoredAndReturnedLiterally() {
    KycApi ann = person();
    List<String> surnames =
        List.of(
            "O'Brien'); DROP TABLE kyc_file_part; --",
            "<script>alert(1)</script>",
            "Anna ${7*7} #{7*7} [[${7*7}]]",
            "=HYPERLINK(\"http://evil.example\")",
            "Line %0d%0a Forged: entry");

    for (String surname : surnames) {
      JsonNode saved = ann.saveProfile(personProfile(KycForms.person(surname, "Anna")));
      assertThat(saved.path("person").path("surname").asString()).isEqualTo(surname);
      assertThat(
              ann.http.get("/api/v1/me/profile").json().path("person").path("surname").asString())
          .isEqualTo(surname);
    }
  }

  @Test
  void consentsRefuseUnknownKindsVersionsAndScopesAndRecordWithdrawals() {
    KycApi ann = person();

    assertProblem(ann.giveConsent("everything", "v1"), 422, "consent.unknown-kind");
    assertProblem(ann.giveConsent("terms", "v9"), 422, "consent.unknown-version");
    assertProblem(ann.giveConsent("sharing", "v1"), 422, "consent.scope-required");
    assertProblem(
        ann.http.postJson(
            "/api/v1/me/consents", "{\"kind\":\"terms\",\"version\":\"v1\",\"scope\":\"bank\"}"),
        422,
        "consent.scope-not-allowed");
    assertProblem(
        ann.http.postJson("/api/v1/me/consents", "{\"kind\":\"terms\",\"version\":\"v1\",\"x\":1}"),
        400,
        "request.malformed-json");
    assertProblem(
        ann.http.send("DELETE", "/api/v1/me/consents/everything", "application/json", new byte[0]),
        404,
        "consent.unknown-kind");
    assertProblem(
        ann.http.send("DELETE", "/api/v1/me/consents/terms", "application/json", new byte[0]),
        404,
        "consent.not-given");

    assertThat(ann.giveConsent("audio-recording", "v1").status()).isEqualTo(201);
    Http.Response withdrawn =
        ann.http.send(
            "DELETE", "/api/v1/me/consents/audio-recording", "application/json", new byte[0]);
    assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
    assertThat(withdrawn.json().path("withdrawnAt").asString()).isNotBlank();
    assertThat(ann.giveConsent("audio-recording", "v1").status()).isEqualTo(201);

    JsonNode consents = ann.http.get("/api/v1/me/consents").json();
    assertThat(consents.path("history").size()).isEqualTo(2);
    assertThat(consents.path("consents").size()).isEqualTo(1);
    assertThat(consents.path("consents").get(0).path("current").asBoolean()).isTrue();
  }

  @Test
  void anIncompleteSubmissionSaysWhatIsMissing() {
    KycApi ann = person();
    ann.saveProfile(personProfile(KycForms.anna()));
    ann.giveConsent("terms", "v1");

    assertProblem(ann.http.get("/api/v1/me/submission"), 404, "submission.not-found");
    JsonNode problem = assertProblem(ann.submit(), 422, "submission.incomplete");

    assertThat(problem.path("missing").valueStream().map(JsonNode::asString))
        .containsExactly(
            "consent.data-processing",
            "consent.video-identification",
            "consent.audio-recording",
            "documents.identity");
    assertThat(ann.me().path("status").asString()).isEqualTo("draft");
  }

  @Test
  void anAccountOnlyEverSeesItsOwnFile() {
    KycApi ann = person();
    KycApi bob = person();
    ann.saveProfile(personProfile(KycForms.anna()));
    ann.giveConsent("terms", "v1");

    JsonNode bobs = bob.http.get("/api/v1/me/profile").json();
    assertThat(bobs.path("revision").asInt()).isZero();
    assertThat(bobs.has("person")).isFalse();
    assertThat(bob.http.get("/api/v1/me/consents").json().path("history").isEmpty()).isTrue();
    assertThat(bob.me().path("accountId").asString())
        .isNotEqualTo(ann.me().path("accountId").asString());
  }

  @Test
  void aTamperedProfileIsRefusedWithAClearErrorAndShowsNothing() {
    KycApi ann = person();
    ann.saveProfile(personProfile(KycForms.anna()));
    UUID account = ann.accountId();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    String where =
        " WHERE part = 'PERSON' AND subject_id = (SELECT subject_id FROM kyc_subject WHERE"
            + " account_id = ?)";
    byte[] sealed =
        jdbc.sql("SELECT sealed FROM kyc_file_part" + where)
            .param(account)
            .query(byte[].class)
            .single();
    sealed[sealed.length - 1] ^= 1;
    jdbc.sql("UPDATE kyc_file_part SET sealed = ?" + where).params(sealed, account).update();

    Http.Response profile = ann.http.get("/api/v1/me/profile");

    assertProblem(profile, 500, "kyc.data-tampered");
    assertThat(profile.body()).doesNotContain("Eriksson");
    assertProblem(ann.http.get("/api/v1/me"), 500, "kyc.data-tampered");
    assertProblem(ann.putProfile(personWithSurname("Other")), 500, "kyc.data-tampered");
  }
}

package org.trademap.server.kyc.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.trademap.server.onboarding.documents.Fixtures;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.Multipart;
import org.trademap.server.testing.TestAccounts;
import tools.jackson.databind.JsonNode;

/**
 * A person's KYC file built over the API the way a client builds it: profile, consents, a document,
 * the submission.
 */
final class RightsFixture {
  static final List<String> REQUIRED_CONSENTS =
      List.of("terms", "data-processing", "video-identification", "audio-recording");

  private RightsFixture() {}

  /** A name nobody else uses, to search the stores for. */
  static String marker(String name) {
    return name + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /** The signed-in account's id, from {@code GET /api/v1/me}. */
  static UUID accountId(Http client) {
    return UUID.fromString(client.get("/api/v1/me").json().path("accountId").asString());
  }

  /** A fresh verified person's address and a bearer-token client for it. */
  record Person(String email, Http client) {}

  static Person person(Http http) {
    String email = TestAccounts.signUpVerified(http, "person");
    return new Person(email, signIn(http, email));
  }

  static Http signIn(Http http, String email) {
    return http.withBearer(TestAccounts.bearerToken(http, email));
  }

  /** The JSON of a person's profile with these names and occupation. */
  static String profile(String surname, String occupation) {
    return "{\"person\":{\"surname\":"
        + Http.jsonString(surname)
        + ",\"givenNames\":\"Anna Maria\",\"dateOfBirth\":\"1974-08-12\",\"nationality\":\"SE\","
        + "\"domicile\":{\"street\":\"Bahnhofstrasse 1\",\"postalCode\":\"8001\","
        + "\"town\":\"Zürich\",\"country\":\"CH\"},\"occupation\":"
        + Http.jsonString(occupation)
        + ",\"phone\":\"+41 44 668 18 00\",\"email\":\"anna.eriksson@example.ch\"}}";
  }

  static JsonNode putProfile(Http client, String surname, String occupation) {
    Http.Response saved =
        client.send(
            "PUT",
            "/api/v1/me/profile",
            "application/json",
            profile(surname, occupation).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    return saved.json();
  }

  static void consent(Http client, String kind) {
    Http.Response given =
        client.postJson(
            "/api/v1/me/consents", "{\"kind\":" + Http.jsonString(kind) + ",\"version\":\"v1\"}");
    assertThat(given.status()).as(given.toString()).isIn(200, 201);
  }

  /** Uploads a passport page; returns its id. */
  static String uploadPassport(Http client) {
    Multipart body =
        new Multipart()
            .field("kind", "passport-page")
            .file("file", "passport.jpg", "image/jpeg", Fixtures.jpeg(800, 600));
    Http.Response uploaded =
        client.send("POST", "/api/v1/me/documents", body.contentType(), body.bytes());
    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
    return uploaded.json().path("document").path("id").asString();
  }

  /**
   * Saves a profile, gives the required consents, uploads a passport page, submits and waits for
   * the registration.
   */
  static void submitted(Http client, String surname) {
    putProfile(client, surname, "Engineer");
    REQUIRED_CONSENTS.forEach(kind -> consent(client, kind));
    uploadPassport(client);
    Http.Response submitted = client.postJson("/api/v1/me/submission", "");
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
    recorded(client, 1);
  }

  /**
   * Waits until the file has {@code entries} ledger entries, all recorded; returns {@code GET
   * /api/v1/me}.
   */
  static JsonNode recorded(Http client, int entries) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      JsonNode me = client.get("/api/v1/me").json();
      JsonNode ledger = me.path("submission").path("ledger");
      if (ledger.size() == entries
          && ledger
              .valueStream()
              .allMatch(e -> "recorded".equals(e.path("ledger").path("status").asString()))) {
        return me;
      }
      assertThat(Instant.now()).as("ledger entries recorded: %s", me).isBefore(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}

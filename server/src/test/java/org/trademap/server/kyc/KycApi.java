package org.trademap.server.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.trademap.server.onboarding.documents.Fixtures;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.Multipart;
import org.trademap.server.testing.TestAccounts;
import tools.jackson.databind.JsonNode;

/**
 * A signed-in API client of one new account, for tests of {@code /api/v1/me/**}: sign-up, email
 * verification and bearer token as a person does it, then the KYC calls.
 */
public final class KycApi {
  public final Http http;
  public final String email;
  final String kind;

  private KycApi(Http http, String email, String kind) {
    this.http = http;
    this.email = email;
    this.kind = kind;
  }

  /** A new verified account of this kind ({@code person} or {@code legal-entity}), signed in. */
  public static KycApi signUp(Http anonymous, String kind) {
    String email = TestAccounts.signUpVerified(anonymous, kind);
    return new KycApi(
        anonymous.withBearer(TestAccounts.bearerToken(anonymous, email)), email, kind);
  }

  Http.Response putProfile(String json) {
    return http.send(
        "PUT", "/api/v1/me/profile", "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** Saves the profile and expects it accepted. */
  public JsonNode saveProfile(Object profile) {
    Http.Response saved = putProfile(KycForms.json(profile));
    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    return saved.json();
  }

  Http.Response giveConsent(String kind, String version) {
    return http.postJson(
        "/api/v1/me/consents",
        "{\"kind\":" + Http.jsonString(kind) + ",\"version\":" + Http.jsonString(version) + "}");
  }

  /** Gives the four consents a submission needs. */
  public void giveRequiredConsents() {
    for (String kind :
        new String[] {"terms", "data-processing", "video-identification", "audio-recording"}) {
      Http.Response given = giveConsent(kind, "v1");
      assertThat(given.status()).as(given.toString()).isEqualTo(201);
    }
  }

  /** Uploads a document ({@code passport-page}, {@code register-extract}, ...). */
  Http.Response upload(String documentKind, String fileName, String type, byte[] file) {
    Multipart body = new Multipart().field("kind", documentKind).file("file", fileName, type, file);
    return http.send("POST", "/api/v1/me/documents", body.contentType(), body.bytes());
  }

  /**
   * Uploads the documents a submission needs: a passport page, and for a company its register
   * extract.
   */
  public void uploadRequiredDocuments() {
    Http.Response passport =
        upload("passport-page", "passport.jpg", "image/jpeg", Fixtures.jpeg(800, 600));
    assertThat(passport.status()).as(passport.toString()).isEqualTo(201);
    if (kind.equals("legal-entity")) {
      Http.Response extract =
          upload("register-extract", "extract.pdf", "application/pdf", Fixtures.pdf(1));
      assertThat(extract.status()).as(extract.toString()).isEqualTo(201);
    }
  }

  public Http.Response submit() {
    return http.postJson("/api/v1/me/submission", "");
  }

  public JsonNode me() {
    Http.Response me = http.get("/api/v1/me");
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    return me.json();
  }

  public UUID accountId() {
    return UUID.fromString(me().path("accountId").asString());
  }

  /** Waits until {@code GET /api/v1/me} says the file is registered on the ledger. */
  public JsonNode awaitRegistered() {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> me().path("status").asString().equals("registered"));
    return me();
  }

  /** The step of {@code GET /api/v1/me} with this name. */
  public static JsonNode step(JsonNode me, String name) {
    return me.path("steps")
        .valueStream()
        .filter(s -> s.path("step").asString().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + name + " in " + me));
  }
}

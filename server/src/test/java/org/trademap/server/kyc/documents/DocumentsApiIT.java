package org.trademap.server.kyc.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.testing.Problems.assertProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.trademap.server.onboarding.documents.CleanDocument;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.onboarding.documents.Fixtures;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.Multipart;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/me/documents} driven over HTTP with bearer tokens: upload, list, download, delete;
 * every bad input of RELIABILITY.md that applies to uploads is refused with its code and stores
 * nothing; nothing readable lands on disk; another account's documents are answered 404.
 */
@TestPropertySource(properties = "trademap.documents.max-documents-per-user=2")
class DocumentsApiIT extends RunningServer {
  private static final String PATH = "/api/v1/me/documents";

  @Autowired DataSource dataSource;

  /**
   * A signed-in API client of a fresh verified account ({@code person} or {@code legal-entity}).
   */
  private Http client(String kind) {
    String email = TestAccounts.signUpVerified(http(), kind);
    return http().withBearer(TestAccounts.bearerToken(http(), email));
  }

  private static Http.Response upload(
      Http client, String kind, String name, String type, byte[] file) {
    Multipart body = new Multipart().field("kind", kind).file("file", name, type, file);
    return client.send("POST", PATH, body.contentType(), body.bytes());
  }

  private static JsonNode uploaded(Http client, String kind, byte[] jpeg) {
    Http.Response response = upload(client, kind, "photo.jpg", "image/jpeg", jpeg);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json();
  }

  /** What is stored: the rows of kyc_document and the files of the document directory. */
  private record Stored(long rows, List<String> files) {}

  private Stored stored() {
    long rows =
        JdbcClient.create(dataSource)
            .sql("SELECT COUNT(*) FROM kyc_document")
            .query(Long.class)
            .single();
    Path directory = dataDir.resolve("documents");
    try (Stream<Path> files = Files.list(directory)) {
      return new Stored(rows, files.map(f -> f.getFileName().toString()).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A GET whose body is kept as bytes. */
  private HttpResponse<byte[]> download(String token, String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                  .header("Authorization", "Bearer " + token)
                  .timeout(Duration.ofSeconds(30))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void uploadsListsDownloadsTheCleanBytesAndDeletes() {
    String email = TestAccounts.signUpVerified(http(), "person");
    String token = TestAccounts.bearerToken(http(), email);
    Http client = http().withBearer(token);
    byte[] photo = Fixtures.withExif(Fixtures.jpeg(900, 700), 6);
    CleanDocument expected = TestDocuments.clean(photo, DocumentKind.PASSPORT_PAGE);

    Http.Response created = upload(client, "passport-page", "IMG_0042.jpg", "image/jpeg", photo);

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode body = created.json();
    String id = body.path("document").path("id").asString();
    assertThat(created.header("Location").orElseThrow()).endsWith(PATH + "/" + id);
    assertThat(body.path("document").path("kind").asString()).isEqualTo("passport-page");
    assertThat(body.path("document").path("mediaType").asString()).isEqualTo("image/jpeg");
    assertThat(body.path("document").path("size").asInt()).isEqualTo(expected.size());
    assertThat(body.path("document").path("width").asInt()).isEqualTo(700);
    assertThat(body.path("document").path("height").asInt()).isEqualTo(900);
    assertThat(body.path("replaced").isNull()).isTrue();
    assertThat(body.path("notices").toString())
        .contains("metadata-removed")
        .contains("orientation-applied");
    assertThat(body.toString()).doesNotContain("IMG_0042");

    JsonNode list = client.get(PATH).json();
    assertThat(list.path("documents")).hasSize(1);
    assertThat(list.path("documents").get(0).path("id").asString()).isEqualTo(id);
    assertThat(list.path("identityProven").asBoolean()).isTrue();
    assertThat(list.path("complete").asBoolean()).isTrue();

    HttpResponse<byte[]> file = download(token, PATH + "/" + id);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(expected.bytes());
    assertThat(Fixtures.contains(file.body(), Fixtures.ascii(Fixtures.EXIF_MARKER))).isFalse();
    assertThat(file.headers().firstValue("Content-Type")).contains("image/jpeg");
    assertThat(file.headers().firstValue("Content-Disposition").orElseThrow())
        .matches("attachment; filename=\"passport-page-\\d{4}-\\d{2}-\\d{2}\\.jpg\"");
    assertThat(file.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
    assertThat(file.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");

    Http.Response deleted = client.send("DELETE", PATH + "/" + id, "text/plain", new byte[0]);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(client.get(PATH).json().path("documents")).isEmpty();
    assertProblem(client.get(PATH + "/" + id), 404, "document.not-found");
    assertThat(download(token, PATH + "/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void aSecondUploadOfAKindReplacesTheFirst() {
    Http client = client("person");
    String first =
        uploaded(client, "id-card-front", Fixtures.jpeg(800, 600))
            .path("document")
            .path("id")
            .asString();
    Stored before = stored();

    JsonNode second = uploaded(client, "id-card-front", Fixtures.jpeg(1000, 700));

    assertThat(second.path("replaced").asString()).isEqualTo(first);
    JsonNode list = client.get(PATH).json().path("documents");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("id").asString())
        .isEqualTo(second.path("document").path("id").asString());
    assertThat(stored().rows()).isEqualTo(before.rows());
    assertThat(stored().files()).hasSameSizeAs(before.files());
    assertThat(client.get(PATH).json().path("identityProven").asBoolean()).isFalse();
  }

  @Test
  void noFileUnderTheDataDirectoryHoldsTheDocumentInPlaintext() throws IOException {
    Http client = client("person");
    byte[] photo = Fixtures.png(800, 640);
    CleanDocument clean = TestDocuments.clean(photo, DocumentKind.ID_CARD_BACK);

    uploaded(client, "id-card-back", photo);

    byte[] cleanBytes = clean.bytes();
    List<byte[]> slices =
        List.of(
            Arrays.copyOfRange(cleanBytes, 100, 164),
            Arrays.copyOfRange(cleanBytes, cleanBytes.length / 2, cleanBytes.length / 2 + 64),
            Arrays.copyOfRange(photo, photo.length / 2, photo.length / 2 + 64));
    List<Path> readable;
    try (Stream<Path> files = Files.walk(dataDir)) {
      readable =
          files
              .filter(Files::isRegularFile)
              .filter(file -> slices.stream().anyMatch(slice -> fileContains(file, slice)))
              .toList();
    }
    assertThat(readable).isEmpty();
    assertThat(stored().files()).isNotEmpty();
  }

  private static boolean fileContains(Path file, byte[] slice) {
    try {
      return Fixtures.contains(Files.readAllBytes(file), slice);
    } catch (IOException e) {
      return false; // a lock file or one being rewritten
    }
  }

  @Test
  void aFlippedByteInTheStoredFileIsRefusedAndNeverServed() throws IOException {
    String email = TestAccounts.signUpVerified(http(), "person");
    String token = TestAccounts.bearerToken(http(), email);
    Http client = http().withBearer(token);
    List<String> before = stored().files();
    String id =
        uploaded(client, "passport-page", Fixtures.jpeg(800, 600))
            .path("document")
            .path("id")
            .asString();
    String name =
        stored().files().stream().filter(f -> !before.contains(f)).findFirst().orElseThrow();
    Path file = dataDir.resolve("documents").resolve(name);
    byte[] sealed = Files.readAllBytes(file);
    sealed[sealed.length - 40] ^= 0x01;
    Files.write(file, sealed);

    Http.Response refused = client.get(PATH + "/" + id);

    assertProblem(refused, 500, "document.damaged");
    HttpResponse<byte[]> raw = download(token, PATH + "/" + id);
    assertThat(raw.statusCode()).isEqualTo(500);
    assertThat(raw.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
  }

  @Test
  void anotherAccountsUnknownAndMalformedIdsAreAll404Alike() {
    Http ann = client("person");
    Http bob = client("person");
    String annsId =
        uploaded(ann, "passport-page", Fixtures.jpeg(800, 600))
            .path("document")
            .path("id")
            .asString();
    Stored before = stored();

    List<String> probes =
        List.of(
            annsId,
            UUID.randomUUID().toString(),
            annsId.toUpperCase(Locale.ROOT),
            "not-a-document",
            annsId.replace("-", ""),
            "0",
            "%20" + annsId);
    JsonNode first = null;
    for (String probe : probes) {
      for (Http.Response response :
          List.of(
              bob.get(PATH + "/" + probe),
              bob.send("DELETE", PATH + "/" + probe, "text/plain", new byte[0]))) {
        assertThat(response.status()).as(probe + " " + response).isEqualTo(404);
        JsonNode problem = assertProblem(response, 404, "document.not-found");
        ((tools.jackson.databind.node.ObjectNode) problem).remove("instance");
        if (first == null) {
          first = problem;
        }
        assertThat(problem).as(probe).isEqualTo(first);
      }
    }
    assertThat(bob.get(PATH).json().path("documents")).isEmpty();
    assertThat(stored()).isEqualTo(before);
    assertThat(ann.get(PATH).json().path("documents")).hasSize(1);
  }

  @Test
  void theOpenApiDescriptionListsTheDocumentEndpoints() {
    JsonNode paths = http().get("/v3/api-docs").json().path("paths");

    assertThat(
            paths
                .path(PATH)
                .path("post")
                .path("requestBody")
                .path("content")
                .has("multipart/form-data"))
        .isTrue();
    assertThat(paths.path(PATH).has("get")).isTrue();
    assertThat(paths.path(PATH + "/{id}").has("get")).isTrue();
    assertThat(paths.path(PATH + "/{id}").has("delete")).isTrue();
    assertThat(paths.path(PATH + "/{id}").path("get").path("responses").has("404")).isTrue();
  }

  @Test
  void documentsNeedABearerToken() {
    assertProblem(http().get(PATH), 401, "auth.required");
    Multipart body =
        new Multipart()
            .field("kind", "passport-page")
            .file("file", "a.jpg", "image/jpeg", Fixtures.jpeg(800, 600));
    assertProblem(
        http().send("POST", PATH, body.contentType(), body.bytes()), 401, "auth.required");
  }

  // ---- bad inputs: each refused with its code, nothing stored

  private void refusesUpload(
      Http client, String kind, String name, String type, byte[] file, int status, String code) {
    Stored before = stored();
    refused(upload(client, kind, name, type, file), status, code, before);
  }

  private void refused(Http.Response response, int status, String code, Stored before) {
    assertProblem(response, status, code);
    assertThat(stored()).as("nothing stored after %s", code).isEqualTo(before);
  }

  @Test
  void anUploadAnnouncedLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
    String token = TestAccounts.bearerToken(http(), TestAccounts.signUpVerified(http(), "person"));
    Stored before = stored();
    byte[] big = new byte[11 * 1024 * 1024];
    System.arraycopy(Fixtures.jpeg(800, 600), 0, big, 0, 1000);
    Multipart body =
        new Multipart().field("kind", "passport-page").file("file", "big.jpg", "image/jpeg", big);
    AtomicLong sent = new AtomicLong();

    // With "Expect: 100-continue" the client sends the body only once the server asks for it: a
    // final answer without that proves the server decided on the announced length alone.
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + PATH))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", body.contentType())
                    .header("Accept", "application/json")
                    .expectContinue(true)
                    .timeout(Duration.ofSeconds(30))
                    .POST(
                        HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(
                                () -> new CountingInputStream(body.bytes(), sent)),
                            body.bytes().length))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    refused(
        new Http.Response(response.statusCode(), response.headers(), response.body()),
        413,
        "document.too-large",
        before);
    assertThat(sent.get()).as("body bytes the client sent").isZero();
  }

  /** Counts the bytes read from it. */
  private static final class CountingInputStream extends java.io.ByteArrayInputStream {
    private final AtomicLong counted;

    CountingInputStream(byte[] bytes, AtomicLong count) {
      super(bytes);
      this.counted = count;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        counted.addAndGet(n);
      }
      return n;
    }
  }

  @Test
  void aStreamedUploadLargerThanTheLimitIsRefused() {
    Http client = client("person");
    Stored before = stored();
    byte[] big = new byte[10 * 1024 * 1024 + 200 * 1024];
    Multipart body =
        new Multipart().field("kind", "passport-page").file("file", "big.jpg", "image/jpeg", big);

    refused(
        client.postChunked(PATH, body.contentType(), body.bytes()),
        413,
        "document.too-large",
        before);
  }

  @Test
  void aFileJustOverTheLimitInsideTheFramingAllowanceIsRefusedByIntake() {
    Http client = client("person");
    byte[] big = new byte[10 * 1024 * 1024 + 1];

    refusesUpload(client, "passport-page", "big.jpg", "image/jpeg", big, 413, "document.too-large");
  }

  @Test
  void disguisedFilesAreRefused() {
    Http client = client("person");
    byte[] html =
        "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII);
    byte[] exe = Fixtures.concat(Fixtures.ascii("MZ"), new byte[2000]);

    refusesUpload(
        client, "passport-page", "photo.jpg", "image/jpeg", html, 415, "document.disguised");
    refusesUpload(
        client, "passport-page", "photo.jpg", "image/jpeg", exe, 415, "document.disguised");
    refusesUpload(
        client,
        "passport-page",
        "notes.txt",
        "text/plain",
        Fixtures.ascii("hello"),
        415,
        "document.unknown-type");
  }

  @Test
  void aPolyglotJpegWithAZipIsRefused() {
    Http client = client("person");
    byte[] polyglot = Fixtures.concat(Fixtures.jpeg(800, 600), Fixtures.zip());

    refusesUpload(
        client, "passport-page", "photo.jpg", "image/jpeg", polyglot, 422, "document.polyglot");
  }

  @Test
  void aPixelFloodIsRefused() {
    Http client = client("person");

    refusesUpload(
        client,
        "passport-page",
        "flood.png",
        "image/png",
        Fixtures.pngClaiming(100_000, 100_000),
        422,
        "document.too-many-pixels");
  }

  @Test
  void aPdfIsNoPassportAndAPersonNeedsNoRegisterExtract() {
    Http client = client("person");
    byte[] pdf = Fixtures.pdf(1);

    refusesUpload(
        client,
        "passport-page",
        "passport.pdf",
        "application/pdf",
        pdf,
        422,
        "document.type-mismatch");
    refusesUpload(
        client,
        "register-extract",
        "extract.pdf",
        "application/pdf",
        pdf,
        422,
        "document.kind-not-applicable");
  }

  @Test
  void aWrongOrMissingKindOrAMissingFileIsRefused() {
    Http client = client("person");
    Stored before = stored();
    byte[] jpeg = Fixtures.jpeg(800, 600);

    refusesUpload(client, "selfie", "a.jpg", "image/jpeg", jpeg, 400, "document.unknown-kind");
    refusesUpload(
        client, "PASSPORT_PAGE", "a.jpg", "image/jpeg", jpeg, 400, "document.unknown-kind");
    Multipart noKind = new Multipart().file("file", "a.jpg", "image/jpeg", jpeg);
    refused(
        client.send("POST", PATH, noKind.contentType(), noKind.bytes()),
        400,
        "document.unknown-kind",
        before);
    Multipart noFile = new Multipart().field("kind", "passport-page");
    refused(
        client.send("POST", PATH, noFile.contentType(), noFile.bytes()),
        400,
        "document.file-missing",
        before);
    refusesUpload(
        client, "passport-page", "a.jpg", "image/jpeg", new byte[0], 422, "document.empty");
    refused(
        client.postJson(PATH, "{\"kind\":\"passport-page\"}"),
        415,
        "request.unsupported-media-type",
        before);
  }

  @Test
  void theQuotaIsEnforcedAndReplacingStaysPossible() {
    Http client = client("person");
    uploaded(client, "id-card-front", Fixtures.jpeg(800, 600));
    uploaded(client, "id-card-back", Fixtures.jpeg(800, 600));

    refusesUpload(
        client,
        "passport-page",
        "p.jpg",
        "image/jpeg",
        Fixtures.jpeg(800, 600),
        409,
        "document.quota-exceeded");
    assertThat(uploaded(client, "id-card-back", Fixtures.png(800, 600)).path("replaced").isNull())
        .isFalse();
  }

  @Test
  void aCompanyFilesItsRegisterExtractAsPdf() {
    Http client = client("legal-entity");
    byte[] pdf = Fixtures.pdf(3);

    JsonNode created =
        upload(client, "register-extract", "extract.pdf", "application/pdf", pdf).json();

    assertThat(created.path("document").path("mediaType").asString()).isEqualTo("application/pdf");
    assertThat(created.path("document").path("pages").asInt()).isEqualTo(3);
    assertThat(created.path("document").path("width").isNull()).isTrue();
    JsonNode list = client.get(PATH).json();
    assertThat(list.path("identityProven").asBoolean()).isFalse();
    assertThat(list.path("complete").asBoolean()).isFalse();
  }
}

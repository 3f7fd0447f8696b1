package org.trademap.server.ledgerexplorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.testing.Problems.assertProblem;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestTransactions;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/ledger/transactions/batch}: many transactions, one answer, in order. */
class LedgerBatchApiIT extends RunningServer {
  private static final String BATCH = "/api/v1/ledger/transactions/batch";

  @Autowired LedgerNode node;

  private TestTransactions tx(long nonce) {
    KeyPair key = node.nodeKey();
    return TestTransactions.on(node.genesis()).signer(key).nonce(nonce);
  }

  private long nextNonce() {
    return node.nextNonce(node.nodeKey().publicKey());
  }

  private static String subject() {
    return "subject-" + UUID.randomUUID();
  }

  private static String body(List<String> base64) {
    StringBuilder b = new StringBuilder("{\"transactions\":[");
    for (int i = 0; i < base64.size(); i++) {
      b.append(i == 0 ? "" : ",").append(Http.jsonString(base64.get(i)));
    }
    return b.append("]}").toString();
  }

  private static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private Http.Response submit(String json) {
    return http().postJson(BATCH, json);
  }

  private boolean recorded(byte[] bytes) {
    return http().get("/api/v1/ledger/transactions/" + TestTransactions.txId(bytes)).status()
        == 200;
  }

  @Test
  void answersEveryTransactionsOutcomeInTheOrderGiven() {
    long nonce = nextNonce();
    String existing = subject();
    byte[] first = tx(nonce).register(existing).bytes();
    byte[] second = tx(nonce + 1).register(subject()).bytes();
    byte[] reusedNonce = tx(nonce).register(subject()).bytes();
    byte[] rejected = tx(nonce + 2).register(existing).bytes();
    byte[] badSignature = tx(nonce + 3).register(subject()).bytesWithFlippedSignatureBit();
    byte[] garbage = "not a transaction".getBytes(StandardCharsets.UTF_8);
    List<byte[]> batch = List.of(first, second, reusedNonce, rejected, badSignature, garbage);

    Http.Response response = submit(body(batch.stream().map(b -> encode(b)).toList()));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode answer = response.json();
    assertThat(answer.path("submitted").asInt()).isEqualTo(6);
    assertThat(answer.path("accepted").asInt()).isEqualTo(2);
    JsonNode results = answer.path("results");
    assertThat(results).hasSize(6);
    for (int i = 0; i < batch.size(); i++) {
      assertThat(results.get(i).path("index").asInt()).isEqualTo(i);
      assertThat(results.get(i).path("txId").asString())
          .isEqualTo(TestTransactions.txId(batch.get(i)));
    }
    for (int i : new int[] {0, 1}) {
      JsonNode ok = results.get(i);
      assertThat(ok.path("accepted").asBoolean()).isTrue();
      assertThat(ok.path("code").asString()).isEqualTo("OK");
      long height = ok.path("height").asLong();
      assertThat(height).isPositive();
      JsonNode stored =
          http().get("/api/v1/ledger/transactions/" + ok.path("txId").asString()).json();
      assertThat(stored.path("height").asLong()).isEqualTo(height);
      assertThat(stored.path("code").asString()).isEqualTo("OK");
    }
    assertThat(results.get(2).path("accepted").asBoolean()).isFalse();
    assertThat(results.get(2).path("code").asString()).isEqualTo("ledger.nonce-reused");
    assertThat(results.get(3).path("code").asString()).isEqualTo("ledger.contract-rejected");
    assertThat(results.get(3).path("reason").asString()).isEqualTo(KycRegistry.SUBJECT_EXISTS);
    assertThat(results.get(3).path("height").asLong()).isPositive();
    assertThat(results.get(3).path("detail").asString()).contains("already registered");
    assertThat(results.get(4).path("code").asString()).isEqualTo("ledger.bad-signature");
    assertThat(results.get(5).path("code").asString()).isEqualTo("ledger.malformed");
    assertThat(recorded(badSignature)).isFalse();
  }

  @Test
  void refusesAnEmptyOrMissingListAndMalformedJson() {
    assertProblem(submit("{\"transactions\":[]}"), 400, "request.empty-batch");
    JsonNode missing = assertProblem(submit("{}"), 400, "request.missing-field");
    assertThat(missing.path("field").asString()).isEqualTo("transactions");
    assertProblem(submit("{\"transactions\":"), 400, "request.malformed-json");
    assertProblem(submit("{\"transactions\":\"AAAA\"}"), 400, "request.malformed-json");
  }

  @Test
  void refusesTheWholeBatchWhenOneEntryIsNotBase64OrMissing() {
    long nonce = nextNonce();
    byte[] valid = tx(nonce).register(subject()).bytes();
    long height = node.status().height();

    JsonNode badBase64 =
        assertProblem(
            submit(body(List.of(encode(valid), "@@not base64@@"))), 400, "request.bad-base64");
    JsonNode nullEntry =
        assertProblem(
            submit("{\"transactions\":[" + Http.jsonString(encode(valid)) + ",null]}"),
            400,
            "request.missing-field");

    assertThat(badBase64.path("field").asString()).isEqualTo("transactions[1]");
    assertThat(nullEntry.path("field").asString()).isEqualTo("transactions[1]");
    assertThat(recorded(valid)).isFalse();
    assertThat(node.status().height()).isEqualTo(height);
  }

  @Test
  void refusesMoreTransactionsThanTheLimitAndSubmitsNone() {
    long nonce = nextNonce();
    byte[] valid = tx(nonce).register(subject()).bytes();
    List<String> entries = new ArrayList<>();
    entries.add(encode(valid));
    while (entries.size() < 1001) {
      entries.add("AAAA");
    }

    JsonNode problem = assertProblem(submit(body(entries)), 413, "request.batch-too-large");

    assertThat(problem.path("max").asInt()).isEqualTo(1000);
    assertThat(problem.path("detail").asString()).contains("1001").contains("1000");
    assertThat(recorded(valid)).isFalse();
  }

  @Test
  void refusesBodiesAboveTheBatchLimitBeforeReadingThem() throws Exception {
    byte[] big = new byte[9 * 1024 * 1024];

    // With "Expect: 100-continue" the client sends the body only once the server asks for it.
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + BATCH))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .expectContinue(true)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertProblem(
        new Http.Response(response.statusCode(), response.headers(), response.body()),
        413,
        "request.too-large");
  }

  @Test
  void isDocumentedInTheOpenApiDocument() {
    JsonNode post = http().get("/v3/api-docs").json().path("paths").path(BATCH).path("post");

    assertThat(post.path("responses").has("200")).isTrue();
    assertThat(post.path("responses").has("400")).isTrue();
    assertThat(post.path("responses").has("413")).isTrue();
    assertThat(post.path("requestBody").isMissingNode()).isFalse();
  }
}

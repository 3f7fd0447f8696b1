package org.trademap.server.ledgerexplorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.testing.Problems.assertProblem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestTransactions;
import tools.jackson.databind.JsonNode;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerApiIT extends RunningServer {
  private static final String SUBMIT = "/api/v1/ledger/transactions";

  @Autowired LedgerNode node;

  private TestTransactions tx() {
    KeyPair key = node.nodeKey();
    return TestTransactions.on(node.genesis()).signer(key).nonce(node.nextNonce(key.publicKey()));
  }

  private static String subject() {
    return "subject-" + UUID.randomUUID();
  }

  private Http.Response submit(byte[] bytes) {
    return http().postJson(SUBMIT, TestTransactions.submitBody(bytes));
  }

  @Test
  @Order(1)
  void statusAfterStartIsTheGenesisBlockWithThisNodeAsLeader() {
    Http.Response response = http().get("/api/v1/ledger/status");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/json");
    JsonNode status = response.json();
    assertThat(status.path("height").asLong()).isZero();
    assertThat(status.path("role").asString()).isEqualTo("leader");
    assertThat(status.path("nodeId").asString()).isEqualTo("consortium");
    assertThat(status.path("channel").asString()).isEqualTo(node.genesis().channel());
    assertThat(status.path("chainId").asString()).isEqualTo(node.genesis().chainId().hex());
    assertThat(status.path("headHash").asString())
        .isEqualTo(node.block(0).orElseThrow().hash().hex());
    assertThat(status.path("stateRoot").asString()).matches("[0-9a-f]{64}");
    JsonNode channel = status.path("channels").get(0);
    assertThat(status.path("channels")).hasSize(1);
    assertThat(channel.path("channel").asString()).isEqualTo(node.genesis().channel());
    assertThat(channel.path("members").get(0).asString()).isEqualTo("consortium");
    assertThat(channel.path("height").asLong()).isZero();
    assertThat(channel.path("headHash").asString()).isEqualTo(status.path("headHash").asString());
    assertThat(channel.path("stateRoot").asString()).isEqualTo(status.path("stateRoot").asString());
    assertThat(channel.path("role").asString()).isEqualTo("leader");
    assertThat(channel.path("leader").asString()).isEqualTo("consortium");
    // A one-member channel has no one to compare checkpoints with: nothing agreed, nothing
    // diverged.
    JsonNode integrity = channel.path("integrity");
    assertThat(integrity.path("agreedHeight").isIntegralNumber()).isTrue();
    assertThat(integrity.path("agreedHeight").asLong()).isZero();
    assertThat(integrity.has("divergedAt")).isTrue();
    assertThat(integrity.path("divergedAt").isNull()).isTrue();
    assertThat(integrity.path("dissents").isArray()).isTrue();
    assertThat(integrity.path("dissents")).isEmpty();
  }

  @Test
  void acceptsASignedRegistrationAndRecordsItInABlock() {
    byte[] bytes = tx().register(subject()).bytes();
    String txId = TestTransactions.txId(bytes);

    Http.Response created = submit(bytes);

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.path("txId").asString()).isEqualTo(txId);
    assertThat(body.path("code").asString()).isEqualTo("OK");
    long height = body.path("height").asLong();
    assertThat(height).isPositive();
    assertThat(body.path("events").get(0).path("name").asString())
        .isEqualTo(KycRegistry.SUBJECT_REGISTERED);
    assertThat(created.header("Location")).hasValue("/api/v1/ledger/transactions/" + txId);

    JsonNode recorded = http().get("/api/v1/ledger/transactions/" + txId).json();
    assertThat(recorded.path("txId").asString()).isEqualTo(txId);
    assertThat(recorded.path("code").asString()).isEqualTo("OK");
    assertThat(recorded.path("height").asLong()).isEqualTo(height);
    assertThat(recorded.path("contractId").asString()).isEqualTo(KycRegistry.ID);
    assertThat(recorded.path("method").asString()).isEqualTo(KycRegistry.REGISTER);
    assertThat(recorded.path("signer").asString()).isEqualTo(node.nodeKey().publicKey().base64());
    assertThat(recorded.path("timestamp").asString()).endsWith("Z");

    JsonNode block = http().get("/api/v1/ledger/blocks/" + height).json();
    assertThat(block.path("height").asLong()).isEqualTo(height);
    assertThat(block.path("hash").asString()).matches("[0-9a-f]{64}");
    assertThat(block.path("previousHash").asString())
        .isEqualTo(
            http().get("/api/v1/ledger/blocks/" + (height - 1)).json().path("hash").asString());
    assertThat(block.path("proposer").asString()).isEqualTo(node.nodeKey().publicKey().base64());
    assertThat(block.path("signature").asString()).matches("[0-9a-f]{128}");
    assertThat(block.path("timestamp").asString()).endsWith("Z");
    List<String> ids = new ArrayList<>();
    block.path("transactions").forEach(t -> ids.add(t.path("txId").asString()));
    assertThat(ids).contains(txId);
    assertThat(block.path("txCount").asInt()).isEqualTo(ids.size());
  }

  @Test
  void refusesTheSameBytesSubmittedTwiceAsDuplicate() {
    byte[] bytes = tx().register(subject()).bytes();
    assertThat(submit(bytes).status()).isEqualTo(201);

    JsonNode problem = assertProblem(submit(bytes), 422, "ledger.duplicate");

    assertThat(problem.path("txId").asString()).isEqualTo(TestTransactions.txId(bytes));
  }

  @Test
  void refusesAReusedNonce() {
    long nonce = node.nextNonce(node.nodeKey().publicKey());
    assertThat(submit(tx().nonce(nonce).register(subject()).bytes()).status()).isEqualTo(201);

    byte[] reused = tx().nonce(nonce).register(subject()).bytes();

    assertProblem(submit(reused), 422, "ledger.nonce-reused");
  }

  @Test
  void refusesASignatureWithOneBitFlipped() {
    byte[] bytes = tx().register(subject()).bytesWithFlippedSignatureBit();

    JsonNode problem = assertProblem(submit(bytes), 422, "ledger.bad-signature");

    assertThat(problem.path("txId").asString()).isEqualTo(TestTransactions.txId(bytes));
  }

  @Test
  void refusesASignerThatIsNotAMember() {
    KeyPair stranger = TestTransactions.freshKey();
    byte[] bytes =
        TestTransactions.on(node.genesis()).signer(stranger).nonce(1).register(subject()).bytes();

    assertProblem(submit(bytes), 422, "ledger.unknown-signer");
  }

  @Test
  void reportsTheContractsRejectionWithItsCode() {
    String subject = subject();
    assertThat(submit(tx().register(subject).bytes()).status()).isEqualTo(201);
    byte[] again = tx().register(subject).bytes();

    JsonNode problem = assertProblem(submit(again), 422, "ledger.contract-rejected");

    assertThat(problem.path("reason").asString()).isEqualTo(KycRegistry.SUBJECT_EXISTS);
    assertThat(problem.path("txId").asString()).isEqualTo(TestTransactions.txId(again));
    long height = problem.path("height").asLong();
    assertThat(height).isPositive();
    assertThat(problem.path("detail").asString()).contains("already registered");
    JsonNode recorded =
        http().get("/api/v1/ledger/transactions/" + TestTransactions.txId(again)).json();
    assertThat(recorded.path("code").asString()).isEqualTo("CONTRACT_REJECTED");
    assertThat(recorded.path("reason").asString()).isEqualTo(KycRegistry.SUBJECT_EXISTS);
    assertThat(recorded.path("height").asLong()).isEqualTo(height);
    assertThat(recorded.path("events").isEmpty()).isTrue();
  }

  @Test
  void refusesBytesThatAreNotATransactionAsMalformed() {
    byte[] garbage = "not a transaction".getBytes(StandardCharsets.UTF_8);

    JsonNode problem = assertProblem(submit(garbage), 400, "ledger.malformed");

    assertThat(problem.path("txId").asString()).isEqualTo(TestTransactions.txId(garbage));
  }

  @Test
  void refusesInvalidBase64() {
    assertProblem(
        http().postJson(SUBMIT, "{\"transaction\":\"@@not base64@@\"}"), 400, "request.bad-base64");
  }

  @Test
  void refusesMalformedJson() {
    assertProblem(http().postJson(SUBMIT, "{\"transaction\":"), 400, "request.malformed-json");
    assertProblem(http().postJson(SUBMIT, "[1, 2]"), 400, "request.malformed-json");
  }

  @Test
  void refusesABodyWithoutTheTransactionField() {
    JsonNode problem = assertProblem(http().postJson(SUBMIT, "{}"), 400, "request.missing-field");

    assertThat(problem.path("field").asString()).isEqualTo("transaction");
  }

  @Test
  void refusesOtherContentTypes() {
    byte[] bytes =
        TestTransactions.submitBody(tx().register(subject()).bytes())
            .getBytes(StandardCharsets.UTF_8);

    assertProblem(
        http().send("POST", SUBMIT, "text/plain", bytes), 415, "request.unsupported-media-type");
  }

  @Test
  void refusesAnnouncedBodiesAboveTheLimit() {
    byte[] big = new byte[300 * 1024];

    assertProblem(http().send("POST", SUBMIT, "application/json", big), 413, "request.too-large");
  }

  @Test
  void refusesStreamedBodiesOnceTheyPassTheLimit() {
    String padding = "A".repeat(300 * 1024);
    byte[] big = ("{\"transaction\":\"" + padding + "\"}").getBytes(StandardCharsets.US_ASCII);

    assertProblem(http().postChunked(SUBMIT, "application/json", big), 413, "request.too-large");
  }

  @Test
  void answersUnknownTransactionsWith404() {
    String unknown = "ab".repeat(32);

    JsonNode problem =
        assertProblem(
            http().get("/api/v1/ledger/transactions/" + unknown),
            404,
            "ledger.transaction-not-found");

    assertThat(problem.path("txId").asString()).isEqualTo(unknown);
  }

  @Test
  void refusesTransactionIdsThatAreNot64HexCharacters() {
    assertProblem(http().get("/api/v1/ledger/transactions/abc"), 400, "request.bad-tx-id");
    assertProblem(
        http().get("/api/v1/ledger/transactions/" + "zz".repeat(32)), 400, "request.bad-tx-id");
  }

  @Test
  void looksUpTransactionsLinearizablyOnRequest() {
    byte[] bytes = tx().register(subject()).bytes();
    String txId = TestTransactions.txId(bytes);
    long height = submit(bytes).json().path("height").asLong();
    String channel = node.genesis().channel();

    for (String path :
        java.util.List.of(
            "/api/v1/ledger/transactions/",
            "/api/v1/ledger/channels/" + channel + "/transactions/")) {
      JsonNode found = http().get(path + txId + "?consistency=linearizable").json();
      assertThat(found.path("height").asLong()).as(path).isEqualTo(height);
      assertThat(http().get(path + txId + "?consistency=local").json().path("height").asLong())
          .as(path)
          .isEqualTo(height);
      assertProblem(
          http().get(path + "ab".repeat(32) + "?consistency=linearizable"),
          404,
          "ledger.transaction-not-found");
      assertProblem(
          http().get(path + txId + "?consistency=eventual"), 400, "request.bad-consistency");
    }
  }

  @Test
  void answersBlocksAboveTheHeadWith404() {
    long above = node.status().height() + 1000;

    JsonNode problem =
        assertProblem(http().get("/api/v1/ledger/blocks/" + above), 404, "ledger.block-not-found");

    assertThat(problem.path("height").asLong()).isEqualTo(above);
    assertThat(problem.path("detail").asString()).contains("height " + above + " yet");
  }

  @Test
  void refusesHeightsThatAreNotNonNegativeIntegers() {
    assertProblem(http().get("/api/v1/ledger/blocks/-1"), 400, "request.bad-height");
    assertProblem(http().get("/api/v1/ledger/blocks/one"), 400, "request.bad-height");
    assertProblem(
        http().get("/api/v1/ledger/blocks/99999999999999999999"), 400, "request.bad-height");
  }

  @Test
  void servesTheDefaultChannelAlsoUnderItsChannelPath() {
    byte[] bytes = tx().register(subject()).bytes();
    String txId = TestTransactions.txId(bytes);
    long height = submit(bytes).json().path("height").asLong();
    String channel = node.genesis().channel();

    JsonNode status = http().get("/api/v1/ledger/channels/" + channel).json();
    assertThat(status.path("channel").asString()).isEqualTo(channel);
    assertThat(status.path("members").get(0).asString()).isEqualTo("consortium");
    assertThat(status.path("height").asLong()).isGreaterThanOrEqualTo(height);
    JsonNode recorded =
        http().get("/api/v1/ledger/channels/" + channel + "/transactions/" + txId).json();
    assertThat(recorded.path("height").asLong()).isEqualTo(height);
    assertThat(
            http()
                .get("/api/v1/ledger/channels/" + channel + "/blocks/" + height)
                .json()
                .path("hash")
                .asString())
        .isEqualTo(http().get("/api/v1/ledger/blocks/" + height).json().path("hash").asString());
  }

  @Test
  void answersChannelsThisNodeDoesNotHoldWith404() {
    JsonNode problem =
        assertProblem(
            http().get("/api/v1/ledger/channels/rel-sec-9"), 404, "ledger.channel-not-found");
    assertThat(problem.path("channel").asString()).isEqualTo("rel-sec-9");
    assertThat(problem.path("detail").asString()).contains("rel-sec-9");
    assertProblem(
        http().get("/api/v1/ledger/channels/rel-sec-9/blocks/0"), 404, "ledger.channel-not-found");
    assertProblem(
        http().get("/api/v1/ledger/channels/rel-sec-9/transactions/" + "ab".repeat(32)),
        404,
        "ledger.channel-not-found");
    JsonNode odd =
        assertProblem(
            http().get("/api/v1/ledger/channels/NOT%20A%20NAME"), 404, "ledger.channel-not-found");
    assertThat(odd.path("channel").asString()).isEqualTo("(invalid name)");
  }

  @Test
  void answersUnknownApiPathsWithAProblem() {
    assertProblem(http().get("/api/v1/ledger/nothing-here"), 404, "request.not-found");
    assertProblem(http().getPage("/api/v1/nothing-here"), 404, "request.not-found");
  }

  @Test
  void answersWrongMethodsWithAProblemNamingTheAllowedOnes() {
    Http.Response response =
        http().send("DELETE", "/api/v1/ledger/status", "application/json", new byte[0]);

    assertProblem(response, 405, "request.method-not-allowed");
    assertThat(response.header("Allow"))
        .hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
  }
}

package org.trademap.server.ledgerexplorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.trademap.server.testing.Problems.assertProblem;

import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestTransactions;
import tools.jackson.databind.JsonNode;

/** With a submit timeout shorter than any commit, a valid submission answers 503. */
@TestPropertySource(properties = "trademap.ledger.submit-timeout=1ns")
class SubmitTimeoutIT extends RunningServer {

  @Autowired LedgerNode node;

  /** A valid registration signed by this node with its next nonce. */
  private byte[] registration() {
    KeyPair key = node.nodeKey();
    return TestTransactions.on(node.genesis())
        .signer(key)
        .nonce(node.nextNonce(key.publicKey()))
        .register("subject-" + UUID.randomUUID())
        .bytes();
  }

  @Test
  void answersTimeoutWithTheTxIdAndTheTransactionIsStillCommittedLater() {
    byte[] bytes = registration();
    String txId = TestTransactions.txId(bytes);

    JsonNode problem =
        assertProblem(
            http().postJson("/api/v1/ledger/transactions", TestTransactions.submitBody(bytes)),
            503,
            "ledger.timeout");

    assertThat(problem.path("txId").asString()).isEqualTo(txId);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(http().get("/api/v1/ledger/transactions/" + txId).status())
                    .isEqualTo(200));
    assertThat(http().get("/api/v1/ledger/transactions/" + txId).json().path("code").asString())
        .isEqualTo("OK");
  }

  @Test
  void refusalsAreStillAnsweredBecauseTheyNeedNoCommit() {
    KeyPair stranger = TestTransactions.freshKey();
    byte[] bytes =
        TestTransactions.on(node.genesis()).signer(stranger).nonce(1).register("subject-x").bytes();

    assertProblem(
        http().postJson("/api/v1/ledger/transactions", TestTransactions.submitBody(bytes)),
        422,
        "ledger.unknown-signer");
  }

  @Test
  void aBatchAnswersEachUndecidedTransactionAsTimedOutAndEachRefusalAsSuch() {
    byte[] valid = registration();
    byte[] stranger =
        TestTransactions.on(node.genesis())
            .signer(TestTransactions.freshKey())
            .nonce(1)
            .register("subject-y")
            .bytes();
    String body =
        "{\"transactions\":["
            + Http.jsonString(Base64.getEncoder().encodeToString(valid))
            + ","
            + Http.jsonString(Base64.getEncoder().encodeToString(stranger))
            + "]}";

    Http.Response response = http().postJson("/api/v1/ledger/transactions/batch", body);

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode results = response.json().path("results");
    assertThat(results.get(0).path("code").asString()).isEqualTo("ledger.timeout");
    assertThat(results.get(0).path("accepted").asBoolean()).isFalse();
    assertThat(results.get(0).path("txId").asString()).isEqualTo(TestTransactions.txId(valid));
    assertThat(results.get(1).path("code").asString()).isEqualTo("ledger.unknown-signer");
    String txId = TestTransactions.txId(valid);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(http().get("/api/v1/ledger/transactions/" + txId).status())
                    .isEqualTo(200));
  }
}

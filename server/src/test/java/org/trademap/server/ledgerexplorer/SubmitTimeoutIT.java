package org.trademap.server.ledgerexplorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.trademap.server.testing.Problems.assertProblem;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestTransactions;
import tools.jackson.databind.JsonNode;

/** With a submit timeout shorter than any commit, a valid submission answers 503. */
@TestPropertySource(properties = "trademap.ledger.submit-timeout=1ns")
class SubmitTimeoutIT extends RunningServer {

  @Autowired LedgerNode node;

  @Test
  void answersTimeoutWithTheTxIdAndTheTransactionIsStillCommittedLater() {
    KeyPair key = node.nodeKey();
    byte[] bytes =
        TestTransactions.on(node.genesis())
            .signer(key)
            .nonce(node.nextNonce(key.publicKey()))
            .register("subject-" + UUID.randomUUID())
            .bytes();
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
}

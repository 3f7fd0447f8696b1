package org.trademap.server.ledgerexplorer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestTransactions;
import tools.jackson.databind.JsonNode;

class ExplorerPagesIT extends RunningServer {

  @Autowired LedgerNode node;

  private String txId = "";
  private long height;
  private String blockHash = "";

  /** Records one accepted registration through the API for the pages to show. */
  @BeforeEach
  void recordARegistration() {
    KeyPair key = node.nodeKey();
    byte[] bytes =
        TestTransactions.on(node.genesis())
            .signer(key)
            .nonce(node.nextNonce(key.publicKey()))
            .register("subject-" + System.nanoTime())
            .bytes();
    Http.Response created =
        http().postJson("/api/v1/ledger/transactions", TestTransactions.submitBody(bytes));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode body = created.json();
    txId = body.path("txId").asString();
    height = body.path("height").asLong();
    blockHash = node.block(height).orElseThrow().hash().hex();
  }

  @Test
  void explorerShowsTheStatusAndTheLatestBlocks() {
    Http.Response page = http().getPage("/explorer");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body())
        .contains("Ledger explorer")
        .contains(node.genesis().chainId().hex())
        .contains(node.status().headHash().hex())
        .contains("leader")
        .contains("href=\"/explorer/blocks/" + height + "\"")
        .contains(blockHash.substring(0, 16))
        .contains("href=\"/explorer/blocks/0\"");
  }

  @Test
  void blockPageShowsTheHeaderAndTheTransactionsWithTheirCodesAndEvents() {
    Http.Response page = http().getPage("/explorer/blocks/" + height);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body())
        .contains("Block " + height)
        .contains(blockHash)
        .contains("href=\"/explorer/transactions/" + txId + "\"")
        .contains(KycRegistry.ID)
        .contains(KycRegistry.REGISTER)
        .contains(">OK<")
        .contains(KycRegistry.SUBJECT_REGISTERED);
  }

  @Test
  void transactionPageShowsTheTransactionAndItsReceipt() {
    Http.Response page = http().getPage("/explorer/transactions/" + txId);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains(txId)
        .contains("href=\"/explorer/blocks/" + height + "\"")
        .contains(KycRegistry.REGISTER)
        .contains(node.nodeKey().publicKey().base64())
        .contains(">OK<")
        .contains(KycRegistry.SUBJECT_REGISTERED);
  }

  @Test
  void blocksAboveTheHeadGetAFriendlyNotFoundPage() {
    long above = height + 1000;
    Http.Response page = http().getPage("/explorer/blocks/" + above);

    assertThat(page.status()).isEqualTo(404);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body())
        .contains("<title>Block not found</title>")
        .contains("no block at height " + above + " yet")
        .contains("ledger.block-not-found");
  }

  @Test
  void malformedIdsGetAFriendlyBadRequestPage() {
    Http.Response block = http().getPage("/explorer/blocks/minus-one");
    Http.Response tx = http().getPage("/explorer/transactions/1234");

    assertThat(block.status()).isEqualTo(400);
    assertThat(block.contentType()).startsWith("text/html");
    assertThat(block.body()).contains("Invalid block height");
    assertThat(tx.status()).isEqualTo(400);
    assertThat(tx.body()).contains("Invalid transaction id");
  }

  @Test
  void unknownTransactionsGetAFriendlyNotFoundPage() {
    Http.Response page = http().getPage("/explorer/transactions/" + "cd".repeat(32));

    assertThat(page.status()).isEqualTo(404);
    assertThat(page.body()).contains("Transaction not found");
  }
}

package org.trademap.server.ledgerexplorer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.server.testing.BrowserServer;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.TestTransactions;

/** The ledger explorer in a browser, reached from the home page by following links. */
class ExplorerBrowserIT extends BrowserServer {

  @Autowired LedgerNode node;

  /** A registration recorded through the API, as another system would submit it. */
  private record Recorded(String txId, long height) {}

  private Recorded recordARegistration() {
    byte[] bytes = TestTransactions.byNode(node).register("subject-" + UUID.randomUUID()).bytes();
    Http.Response created =
        http().postJson("/api/v1/ledger/transactions", TestTransactions.submitBody(bytes));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new Recorded(
        created.json().path("txId").asString(), created.json().path("height").asLong());
  }

  @Test
  void aVisitorGoesFromTheHomePageToATransactionAndBackToItsBlock() {
    Recorded tx = recordARegistration();
    String blockHash = node.block(tx.height()).orElseThrow().hash().hex();
    String height = Long.toString(tx.height());
    Page page = page();

    page.navigate("/");
    assertThat(heading(page, "TradeMap")).isVisible();
    link(page.getByRole(AriaRole.MAIN), "Ledger explorer").click();

    assertThat(heading(page, "Ledger explorer")).isVisible();
    assertThat(page.getByText(node.genesis().chainId().hex())).isVisible();
    assertThat(page.getByText("leader", new Page.GetByTextOptions().setExact(true))).isVisible();
    Locator latestBlocks = page.getByRole(AriaRole.TABLE);
    link(latestBlocks, height).click();

    assertThat(heading(page, "Block " + height)).isVisible();
    assertThat(page.getByText(blockHash, new Page.GetByTextOptions().setExact(true))).isVisible();
    Locator row =
        page.getByRole(AriaRole.ROW)
            .filter(new Locator.FilterOptions().setHasText(tx.txId().substring(0, 16)));
    assertThat(row).containsText(KycRegistry.ID + " v" + KycRegistry.VERSION);
    assertThat(row).containsText(KycRegistry.REGISTER);
    assertThat(row).containsText("OK");
    assertThat(row).containsText(KycRegistry.SUBJECT_REGISTERED);
    link(row, tx.txId().substring(0, 16)).click();

    assertThat(heading(page, "Transaction")).isVisible();
    assertThat(page).hasURL(baseUrl() + "/explorer/transactions/" + tx.txId());
    assertThat(page.getByText(tx.txId(), new Page.GetByTextOptions().setExact(true))).isVisible();
    assertThat(page.getByText(node.nodeKey().publicKey().base64())).isVisible();
    assertThat(
            page.getByRole(
                AriaRole.CELL, new Page.GetByRoleOptions().setName(KycRegistry.SUBJECT_REGISTERED)))
        .isVisible();
    link(page.getByRole(AriaRole.MAIN), height).click();

    assertThat(heading(page, "Block " + height)).isVisible();
  }

  @Test
  void theGenesisBlockRecordsNothingAndTheBlockAfterTheHeadIsNotThereYet() {
    Page page = page();

    page.navigate("/explorer");
    link(page.getByRole(AriaRole.TABLE), "0").click();

    assertThat(heading(page, "Block 0")).isVisible();
    assertThat(page.getByText("This block records no transactions.")).isVisible();

    long head = node.status().height();
    page.navigate("/explorer/blocks/" + head);
    link(page.getByRole(AriaRole.MAIN), "Next block").click();

    assertThat(heading(page, "Block not found")).isVisible();
    assertThat(page.getByText("The ledger has no block at height " + (head + 1) + " yet."))
        .isVisible();
    link(page.getByRole(AriaRole.MAIN), "Back to the home page").click();
    assertThat(heading(page, "TradeMap")).isVisible();
  }
}

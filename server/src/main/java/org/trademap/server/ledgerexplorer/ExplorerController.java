package org.trademap.server.ledgerexplorer;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.server.ledgergateway.LedgerGateway;

/** The explorer pages: status and latest blocks, one block, one transaction. */
@Controller
@RequestMapping("/explorer")
class ExplorerController {
  static final int LATEST_BLOCKS = 20;

  private final LedgerGateway ledger;

  ExplorerController(LedgerGateway ledger) {
    this.ledger = ledger;
  }

  @GetMapping
  String explorer(Model model) {
    model.addAttribute("status", StatusView.of(ledger.status(), ledger.genesis().chainId()));
    model.addAttribute(
        "blocks", ledger.latestBlocks(LATEST_BLOCKS).stream().map(BlockSummary::of).toList());
    return "explorer/index";
  }

  @GetMapping("/blocks/{height}")
  String block(@PathVariable String height, Model model) {
    long h = LedgerRequests.height(height);
    BlockView block =
        ledger.block(h).map(BlockView::of).orElseThrow(() -> LedgerRequests.blockNotFound(h));
    model.addAttribute("block", block);
    return "explorer/block";
  }

  @GetMapping("/transactions/{txId}")
  String transaction(@PathVariable String txId, Model model) {
    Hash id = LedgerRequests.txId(txId);
    TransactionView tx =
        ledger
            .transaction(id)
            .map(TransactionView::of)
            .orElseThrow(() -> LedgerRequests.transactionNotFound(id));
    model.addAttribute("tx", tx);
    return "explorer/transaction";
  }
}

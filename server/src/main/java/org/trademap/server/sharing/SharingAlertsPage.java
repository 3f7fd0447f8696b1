package org.trademap.server.sharing;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.trademap.server.ledgergateway.LedgerGateway;

/**
 * The back office's page of the shares the sharing contract refused ({@code /admin/sharing/alerts},
 * administrators): application reference, time and code of each alert, newest first; no company and
 * no person (JPX ①-C).
 */
@Controller
class SharingAlertsPage {
  static final String PATH = "/admin/sharing/alerts";

  private final LedgerGateway ledger;

  SharingAlertsPage(LedgerGateway ledger) {
    this.ledger = ledger;
  }

  @GetMapping(PATH)
  String alerts(Model model) {
    model.addAttribute("alerts", SharingAudit.alerts(SharingAudit.replay(ledger).calls()));
    return "admin/sharing-alerts";
  }
}

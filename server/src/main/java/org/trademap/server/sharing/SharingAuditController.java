package org.trademap.server.sharing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.ledger.api.block.Block;
import org.trademap.server.ledgergateway.LedgerGateway;

/**
 * The auditor's check of the sharing contract's status transitions (JPX Table 7-1 ③-A) over the
 * committed blocks of every channel this node holds: {@code GET /api/v1/admin/audit/sharing}. The
 * administrator stands in for the auditor role; the answer holds application references, recipient
 * commitments, statuses, heights and transaction ids only — never a company or a person.
 */
@RestController
@Tag(name = "Audit", description = "Auditor checks over the committed ledger")
class SharingAuditController {
  static final String PATH = "/api/v1/admin/audit/sharing";

  /**
   * The audit's answer.
   *
   * @param valid whether every application followed the contract's rules
   * @param summary one line: {@code all transitions valid: …} or the number of violations
   * @param blocks how many committed blocks were read
   * @param calls how many accepted kyc-sharing calls were replayed
   * @param refusedShares how many shares were refused (alerts)
   * @param applications per application reference, its statuses and violations
   * @param violations every broken rule, in ledger order
   */
  record AuditView(
      boolean valid,
      String summary,
      long blocks,
      long calls,
      long refusedShares,
      List<SharingAudit.ApplicationAudit> applications,
      List<SharingAudit.Violation> violations) {}

  private final LedgerGateway ledger;

  SharingAuditController(LedgerGateway ledger) {
    this.ledger = ledger;
  }

  @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Audit the sharing contract's status transitions",
      description =
          "Replays every committed kyc-sharing call and event per application reference and"
              + " verifies the transitions (applied → shared → approved | rejected, withdrawal"
              + " from applied or shared, nothing after a final status), that every share names"
              + " its application's recipient commitment, and that refused shares changed"
              + " nothing. Shows references, commitments, heights and transaction ids only.")
  @ApiResponse(responseCode = "200", description = "the audit report")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(responseCode = "403", description = "auth.forbidden (administrators only)")
  AuditView audit() {
    // Every channel this node holds: in trust model a the relationship channels carry the
    // sharing records (an application's calls are all on one channel, in its order), in model b
    // the default channel does. The report names no channel: that would name the company.
    List<SharingAudit.Call> calls = new ArrayList<>();
    long blocks = 0;
    for (String channel : ledger.channels()) {
      long head = ledger.channel(channel).map(c -> c.status().height()).orElse(-1L);
      for (long h = 0; h <= head; h++) {
        Optional<Block> block = ledger.block(channel, h);
        if (block.isEmpty()) {
          break;
        }
        calls.addAll(SharingAudit.calls(block.get()));
        blocks++;
      }
    }
    SharingAudit.Report report = SharingAudit.of(blocks, calls);
    return new AuditView(
        report.valid(),
        report.summary(),
        report.blocks(),
        report.calls(),
        report.refusedShares(),
        report.applications(),
        report.violations());
  }
}

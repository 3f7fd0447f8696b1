package org.trademap.server.sharing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.server.ledgergateway.LedgerGateway;

/**
 * The auditor's check of the sharing contract's status transitions (JPX Table 7-1 ③-A) over the
 * committed blocks of every channel this node holds: {@code GET /api/v1/admin/audit/sharing}; and
 * the shares the contract refused as alerts (①-C): {@code GET /api/v1/admin/sharing/alerts}. The
 * administrator stands in for the auditor role; the answer holds application references, recipient
 * commitments, statuses, heights and transaction ids only — never a company or a person.
 */
@RestController
@Tag(name = "Audit", description = "Auditor checks over the committed ledger")
class SharingAuditController {
  static final String PATH = "/api/v1/admin/audit/sharing";
  static final String ALERTS = "/api/v1/admin/sharing/alerts";

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
    // The report names no channel: that would name the company.
    SharingAudit.Replayed replayed = SharingAudit.replay(ledger);
    SharingAudit.Report report = SharingAudit.of(replayed.blocks(), replayed.calls());
    return new AuditView(
        report.valid(),
        report.summary(),
        report.blocks(),
        report.calls(),
        report.refusedShares(),
        report.applications(),
        report.violations());
  }

  @GetMapping(path = ALERTS, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Shares the sharing contract refused (alerts)",
      description =
          "Every share-refused event of the committed ledger (JPX ①-C: a package for a company the"
              + " person did not designate, or after the consent was withdrawn), newest first:"
              + " application reference, code, time, block and transaction. Names no company and"
              + " no person.")
  @ApiResponse(responseCode = "200", description = "the alerts")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(responseCode = "403", description = "auth.forbidden (administrators only)")
  List<SharingAudit.Alert> alerts() {
    return SharingAudit.alerts(SharingAudit.replay(ledger).calls());
  }
}

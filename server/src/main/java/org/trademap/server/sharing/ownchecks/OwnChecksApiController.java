package org.trademap.server.sharing.ownchecks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.sharing.SharingResult;

/**
 * The REST API of a company's own checks for company systems: its ASF list ({@code
 * /api/v1/company/asf-list}) and, per application, the screening against it, clearing false
 * positives and the suitability assessment ({@code /api/v1/company/applications/{id}/own-checks}).
 */
@RestController
@Tag(
    name = "Account opening: the company's own checks",
    description = "The company's own ASF list and suitability assessment before it decides")
class OwnChecksApiController {
  static final String LIST = "/api/v1/company/asf-list";
  static final String CHECKS = "/api/v1/company/applications/{id}/own-checks";
  static final String CSV = "text/csv";

  /**
   * Clearing a hit.
   *
   * @param reason why it is a false positive (required, at most 1,000 characters)
   */
  record ClearRequest(@Nullable String reason) {
    @Override
    public String toString() {
      return "ClearRequest[(hidden)]";
    }
  }

  private final OwnChecks ownChecks;

  OwnChecksApiController(OwnChecks ownChecks) {
    this.ownChecks = ownChecks;
  }

  @GetMapping(path = LIST, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "The company's own ASF list",
      description =
          "The signed-in staff member's company's list of anti-social forces: version 0 and no"
              + " entries before the first upload. Only that company's staff see it.")
  @ApiResponse(responseCode = "200", description = "the list")
  @ApiResponse(responseCode = "403", description = "auth.forbidden (not company staff)")
  ResponseEntity<OwnChecks.AsfListView> list(@AuthenticationPrincipal SignedIn staff) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(SharingResult.unwrap(ownChecks.asfList(staff)));
  }

  @PutMapping(path = LIST, consumes = CSV, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Upload the company's own ASF list (replaces it)",
      description =
          "CSV (RFC 4180, UTF-8), one entry a row: name (required, at most 300 characters),"
              + " birth date (optional: 1984-01-08, 1984-01, 1984, ~1984 or 1970..1972; an entry"
              + " with one is a person, one without is matched against persons and"
              + " organisations), note (optional, at most 1,000 characters). A first row whose"
              + " first field is \"name\" is a header. At most 10,000 entries. A file with any bad"
              + " row changes nothing; the problem's errors name every bad row (row, field,"
              + " problem). Each upload is a new version: screenings against an earlier version"
              + " must be repeated before approving.")
  @ApiResponse(responseCode = "200", description = "the new version of the list")
  @ApiResponse(responseCode = "403", description = "auth.forbidden (not company staff)")
  @ApiResponse(
      responseCode = "422",
      description = "sharing.asf-list-invalid (member errors: [{row, field, problem}])")
  OwnChecks.AsfListView upload(
      @AuthenticationPrincipal SignedIn staff,
      @RequestBody(required = false) @Nullable String csv) {
    return SharingResult.unwrap(ownChecks.uploadAsfList(staff, csv == null ? "" : csv));
  }

  @GetMapping(path = CHECKS, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "An application's own checks",
      description =
          "The screening against the company's ASF list with its hits, the suitability"
              + " assessment, and whether an approval would be accepted now (approvable, refusal)."
              + " Own checks stay with the company: they are not on the ledger. Another company's"
              + " staff, users and the platform get 404.")
  @ApiResponse(responseCode = "200", description = "the own checks")
  @ApiResponse(responseCode = "404", description = "sharing.application-not-found")
  @ApiResponse(
      responseCode = "409",
      description = "sharing.package-pending, sharing.package-altered (the package must verify)")
  @ApiResponse(responseCode = "410", description = "sharing.withdrawn")
  ResponseEntity<OwnChecks.View> view(
      @AuthenticationPrincipal SignedIn staff, @PathVariable UUID id) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(SharingResult.unwrap(ownChecks.view(staff, id)));
  }

  @PostMapping(path = CHECKS + "/asf-screening", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Screen the package's parties against the company's ASF list",
      description =
          "The person (for an entity: the entity, the person acting for it and its owners) of"
              + " the verified package, against the current version of this company's list only,"
              + " with the consortium's matcher. Replaces an earlier screening; a hit cleared"
              + " before stays cleared when found again. An open hit blocks approving.")
  @ApiResponse(responseCode = "200", description = "the own checks")
  @ApiResponse(responseCode = "404", description = "sharing.application-not-found")
  @ApiResponse(responseCode = "409", description = "sharing.already-decided")
  ResponseEntity<OwnChecks.View> screen(
      @AuthenticationPrincipal SignedIn staff, @PathVariable UUID id) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(SharingResult.unwrap(ownChecks.screen(staff, id)));
  }

  @PostMapping(
      path = CHECKS + "/asf-screening/hits/{hitId}/clear",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Clear an ASF hit as a false positive",
      description = "With the reason; the hit no longer blocks approving.")
  @ApiResponse(responseCode = "200", description = "the own checks")
  @ApiResponse(
      responseCode = "404",
      description = "sharing.application-not-found, sharing.own-checks-hit-not-found")
  @ApiResponse(
      responseCode = "409",
      description = "sharing.already-decided, sharing.own-checks-hit-cleared")
  @ApiResponse(responseCode = "422", description = "sharing.own-checks-reason-required")
  ResponseEntity<OwnChecks.View> clear(
      @AuthenticationPrincipal SignedIn staff,
      @PathVariable UUID id,
      @PathVariable UUID hitId,
      @RequestBody ClearRequest body) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(SharingResult.unwrap(ownChecks.clearHit(staff, id, hitId, body.reason())));
  }

  @PutMapping(
      path = CHECKS + "/suitability",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Record the suitability assessment",
      description =
          "The reviewer's answers give the result (suitable, restricted, not-suitable) with its"
              + " reasons by the documented rules; not-suitable blocks approving. Replaces an"
              + " earlier assessment.")
  @ApiResponse(responseCode = "200", description = "the own checks")
  @ApiResponse(responseCode = "404", description = "sharing.application-not-found")
  @ApiResponse(responseCode = "409", description = "sharing.already-decided")
  @ApiResponse(
      responseCode = "422",
      description = "sharing.suitability-invalid (member field names the first bad answer)")
  ResponseEntity<OwnChecks.View> suitability(
      @AuthenticationPrincipal SignedIn staff,
      @PathVariable UUID id,
      @RequestBody OwnChecks.SuitabilityForm body) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(SharingResult.unwrap(ownChecks.assessSuitability(staff, id, body)));
  }
}

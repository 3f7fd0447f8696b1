package org.trademap.server.sharing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.web.ProblemException;

/**
 * The REST API of account opening: the companies ({@code /api/v1/companies}), the signed-in
 * person's applications ({@code /api/v1/me/applications}), the company systems' inbox, verified
 * packages and decisions ({@code /api/v1/company/applications}), and inviting company staff ({@code
 * /api/v1/admin/companies/{id}/staff}).
 */
@RestController
@Tag(name = "Account opening", description = "Applications at securities companies, KYC sharing")
class SharingApiController {
  static final String MINE = "/api/v1/me/applications";
  static final String COMPANY = "/api/v1/company/applications";

  /**
   * A company as users pick it.
   *
   * @param id its id
   * @param name its name
   * @param publicKey its X25519 public key for HPKE (hex)
   */
  record CompanyView(String id, String name, String publicKey) {}

  /**
   * An application request.
   *
   * @param companyId the company to apply at
   * @param consentVersion the version of the sharing consent text the person accepted (the current
   *     one, {@code v1})
   */
  record ApplyRequest(@Nullable String companyId, @Nullable String consentVersion) {}

  /**
   * A company's decision.
   *
   * @param decision {@code approve} or {@code reject}
   * @param reason why (required when rejecting; at most 2,000 characters; stays off the ledger)
   */
  record DecisionRequest(@Nullable String decision, @Nullable String reason) {
    @Override
    public String toString() {
      return "DecisionRequest[decision=" + decision + ", reason=(hidden)]";
    }
  }

  /**
   * A company staff invitation.
   *
   * @param email the staff member's address
   * @param role {@code company-reviewer} or {@code company-approver}
   */
  record InviteRequest(@Nullable String email, @Nullable String role) {
    @Override
    public String toString() {
      return "InviteRequest[role=" + role + "]";
    }
  }

  /**
   * An invited company staff member.
   *
   * @param accountId the new account
   * @param companyId its company
   */
  record InvitedView(UUID accountId, String companyId) {}

  private final Applications applications;
  private final Companies companies;

  SharingApiController(Applications applications, Companies companies) {
    this.applications = applications;
    this.companies = companies;
  }

  @GetMapping(path = "/api/v1/companies", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The securities companies one can apply at")
  @ApiResponse(responseCode = "200", description = "every company, by id")
  List<CompanyView> companies() {
    return companies.all().stream()
        .map(c -> new CompanyView(c.id(), c.name(), c.publicKeyHex()))
        .toList();
  }

  @GetMapping(path = MINE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "My applications with their live status",
      description =
          "Every application, oldest first, with the server's state and the status the ledger's"
              + " recorded kyc-sharing transactions say (JPX ①-A).")
  @ApiResponse(responseCode = "200", description = "the applications")
  @ApiResponse(responseCode = "401", description = "auth.required")
  List<Applications.View> mine(@AuthenticationPrincipal SignedIn user) {
    return applications.mine(user.accountId());
  }

  @PostMapping(
      path = MINE,
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Apply at a company",
      description =
          "Gives the sharing consent scoped to the company and the purpose account-opening,"
              + " records the application on the ledger (the company only as a salted"
              + " commitment) and shares the KYC package, sealed to that company only. Needs a"
              + " KYC approval recorded on the ledger; the second and later companies reuse it.")
  @ApiResponse(responseCode = "201", description = "the application")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(
      responseCode = "409",
      description =
          "sharing.not-approved, sharing.duplicate, sharing.company-channel-missing (this node"
              + " holds no ledger channel with the company: trust model a, ADR 0034)")
  @ApiResponse(
      responseCode = "422",
      description = "sharing.unknown-company, sharing.consent-required")
  ResponseEntity<Applications.View> apply(
      @AuthenticationPrincipal SignedIn user, @RequestBody ApplyRequest body) {
    Applications.View view =
        SharingResult.unwrap(applications.apply(user, body.companyId(), body.consentVersion()));
    return ResponseEntity.created(URI.create(MINE + "/" + view.id())).body(view);
  }

  @PostMapping(path = MINE + "/{id}/withdraw", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Withdraw an application's consent",
      description =
          "Before the company's decision: the consent is withdrawn, the package is no longer"
              + " served and the ledger records the withdrawal; any later share is refused by the"
              + " contract with an alert.")
  @ApiResponse(responseCode = "200", description = "the application")
  @ApiResponse(responseCode = "404", description = "sharing.application-not-found")
  @ApiResponse(responseCode = "409", description = "sharing.not-withdrawable")
  Applications.View withdraw(@AuthenticationPrincipal SignedIn user, @PathVariable UUID id) {
    return SharingResult.unwrap(applications.withdraw(user, id));
  }

  @GetMapping(path = COMPANY, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The applications at the signed-in staff member's company, newest first")
  @ApiResponse(responseCode = "200", description = "the applications")
  @ApiResponse(responseCode = "403", description = "auth.forbidden (not company staff)")
  List<Applications.View> inbox(@AuthenticationPrincipal SignedIn staff) {
    return SharingResult.unwrap(applications.inbox(staff));
  }

  @GetMapping(path = COMPANY + "/{id}/package", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Fetch and verify an application's KYC package",
      description =
          "Verified against the ledger before anything is returned: the share transaction names"
              + " this application, this company's commitment and the SHA-256 of the sealed"
              + " package; it opens with the company's key; its check history is the ledger's;"
              + " every recorded step of the application (ledgerSteps) names its signing node"
              + " and its signature verifies."
              + " Another company's staff, users and the platform get 404.")
  @ApiResponse(responseCode = "200", description = "the verified package")
  @ApiResponse(responseCode = "404", description = "sharing.application-not-found")
  @ApiResponse(
      responseCode = "409",
      description =
          "sharing.package-altered, sharing.history-altered, sharing.signature-invalid,"
              + " sharing.package-pending")
  @ApiResponse(responseCode = "410", description = "sharing.withdrawn")
  ResponseEntity<Applications.Opened> open(
      @AuthenticationPrincipal SignedIn staff, @PathVariable UUID id) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(SharingResult.unwrap(applications.open(staff, id)));
  }

  @PostMapping(
      path = COMPANY + "/{id}/decision",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Record the account-opening decision",
      description =
          "Company approvers only, after the package verified; recorded on the ledger"
              + " (kyc-sharing.decide, signed by the node's key on the single-node default).")
  @ApiResponse(responseCode = "200", description = "the application")
  @ApiResponse(responseCode = "403", description = "sharing.approver-only")
  @ApiResponse(responseCode = "404", description = "sharing.application-not-found")
  @ApiResponse(responseCode = "409", description = "sharing.already-decided")
  @ApiResponse(
      responseCode = "422",
      description = "sharing.unknown-decision, sharing.reason-required")
  Applications.View decide(
      @AuthenticationPrincipal SignedIn staff,
      @PathVariable UUID id,
      @RequestBody DecisionRequest body) {
    return SharingResult.unwrap(applications.decide(staff, id, body.decision(), body.reason()));
  }

  @PostMapping(
      path = "/api/v1/admin/companies/{companyId}/staff",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Invite a company staff member",
      description =
          "Administrators only. Mails the invitation (accepted with password and TOTP at"
              + " /staff/invitation) and binds the account to the company.")
  @ApiResponse(responseCode = "201", description = "invited")
  @ApiResponse(responseCode = "404", description = "sharing.unknown-company")
  @ApiResponse(responseCode = "409", description = "staff.address-taken")
  @ApiResponse(responseCode = "422", description = "sharing.not-a-company-role, staff.invalid")
  ResponseEntity<InvitedView> invite(
      @AuthenticationPrincipal SignedIn admin,
      @PathVariable String companyId,
      @RequestBody InviteRequest body,
      Locale locale) {
    return switch (companies.invite(
        admin.accountId(), companyId, body.email(), body.role(), locale)) {
      case Companies.Invited invited ->
          ResponseEntity.status(HttpStatus.CREATED)
              .body(new InvitedView(invited.accountId(), companyId));
      case Companies.Refused refused -> throw refusal(refused.code());
    };
  }

  private static ProblemException refusal(String code) {
    HttpStatus status =
        switch (code) {
          case "sharing.unknown-company" -> HttpStatus.NOT_FOUND;
          case "staff.address-taken" -> HttpStatus.CONFLICT;
          default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    return ProblemException.of(status, code);
  }
}

package org.trademap.server.accounts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.server.web.ProblemException;

/**
 * Staff accounts for administrators ({@code /api/v1/admin/staff}, role {@code ADMINISTRATOR} only),
 * and accepting an invitation ({@code POST /api/v1/staff/invitation}, public: the token is the
 * credential).
 */
@RestController
@Tag(
    name = "Staff",
    description =
        "Back-office staff accounts (kyc-operator, kyc-supervisor, administrator). An administrator"
            + " invites by address and role; the invited person chooses a password and enrols a"
            + " TOTP authenticator in one step, and from then on signs in with both.")
class StaffAdminController {
  static final String STAFF = "/api/v1/admin/staff";

  /**
   * An invitation.
   *
   * @param email the staff member's address
   * @param role kyc-operator, kyc-supervisor or administrator
   */
  record InviteRequest(@Nullable String email, @Nullable String role) {
    @Override
    public String toString() {
      return "InviteRequest[email=(hidden), role=" + role + "]";
    }
  }

  /**
   * A staff account that was invited.
   *
   * @param accountId the account
   * @param role its role
   * @param invitationExpiresAt when the mailed link stops working
   */
  record InvitedView(UUID accountId, String role, Instant invitationExpiresAt) {}

  /**
   * One staff account.
   *
   * @param accountId the account
   * @param email its address
   * @param role its role
   * @param enrolled whether it accepted the invitation (password and second factor set)
   * @param active whether it may sign in
   * @param createdAt when it was invited
   */
  record StaffView(
      UUID accountId,
      String email,
      String role,
      boolean enrolled,
      boolean active,
      Instant createdAt) {}

  /**
   * The staff.
   *
   * @param staff every staff account, oldest first
   */
  record StaffList(List<StaffView> staff) {}

  /**
   * Accepting an invitation.
   *
   * @param token the token from the invitation link
   * @param password the new password
   * @param totpSecret the base32 secret of the authenticator to enrol (at least 128 bits;
   *     HMAC-SHA1, 6 digits, 30 seconds); generate it on the device that keeps it
   * @param totp a current code from that authenticator
   */
  record AcceptRequest(
      @Nullable String token,
      @Nullable String password,
      @Nullable String totpSecret,
      @Nullable String totp) {
    @Override
    public String toString() {
      return "AcceptRequest[(hidden)]";
    }
  }

  /**
   * An accepted invitation.
   *
   * @param accountId the staff account, which can now sign in with password and code
   */
  record AcceptedView(UUID accountId) {}

  private final StaffAccounts staff;

  StaffAdminController(StaffAccounts staff) {
    this.staff = staff;
  }

  @PostMapping(
      path = STAFF,
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Invite a staff member (administrators only)",
      description =
          "Makes the account and mails the invitation link. The account cannot sign in until the"
              + " invitation is accepted with a password and a TOTP authenticator.")
  @ApiResponse(responseCode = "201", description = "invited")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(responseCode = "403", description = "auth.forbidden: not an administrator")
  @ApiResponse(responseCode = "409", description = "staff.address-taken")
  @ApiResponse(
      responseCode = "422",
      description = "accounts.invalid, with errors [{field: email|role, code}]")
  ResponseEntity<InvitedView> invite(
      @AuthenticationPrincipal SignedIn admin, @RequestBody InviteRequest body, Locale locale) {
    return switch (staff.invite(admin.accountId(), body.email(), body.role(), locale)) {
      case StaffAccounts.Invited invited ->
          ResponseEntity.created(URI.create(STAFF))
              .body(
                  new InvitedView(
                      invited.accountId(),
                      StaffAccounts.apiName(invited.role()),
                      invited.expiresAt()));
      case StaffAccounts.InvitationInvalid invalid ->
          throw AccountsController.invalid(invalid.errors());
      case StaffAccounts.AddressTaken taken ->
          throw ProblemException.of(HttpStatus.CONFLICT, "staff.address-taken");
    };
  }

  @GetMapping(path = STAFF, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The staff accounts (administrators only)")
  @ApiResponse(responseCode = "200", description = "every staff account, oldest first")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(responseCode = "403", description = "auth.forbidden: not an administrator")
  StaffList list() {
    return new StaffList(
        staff.staff().stream()
            .map(
                m ->
                    new StaffView(
                        m.accountId(),
                        m.email(),
                        StaffAccounts.apiName(m.role()),
                        m.enrolled(),
                        m.active(),
                        m.createdAt()))
            .toList());
  }

  @PostMapping(
      path = "/api/v1/staff/invitation",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Accept a staff invitation: password and TOTP authenticator in one step",
      description =
          "A refused password or code changes nothing, and the link keeps working until it"
              + " expires.")
  @ApiResponse(responseCode = "200", description = "accepted; sign in with password and code")
  @ApiResponse(
      responseCode = "400",
      description = "accounts.token-expired, accounts.token-used or accounts.token-invalid")
  @ApiResponse(
      responseCode = "422",
      description =
          "accounts.invalid (errors [{field: password, code}]); staff.bad-totp-secret (not"
              + " base32 of at least 128 bits); staff.wrong-code")
  AcceptedView accept(@RequestBody AcceptRequest body) {
    return switch (staff.accept(
        body.token(), body.password(), InvitationPage.secret(body.totpSecret()), body.totp())) {
      case StaffAccounts.Accepted accepted -> new AcceptedView(accepted.accountId());
      case StaffAccounts.LinkRefused refused ->
          throw ProblemException.of(HttpStatus.BAD_REQUEST, refused.reason().code());
      case StaffAccounts.PasswordRefused invalid ->
          throw AccountsController.invalid(invalid.errors());
      case StaffAccounts.WrongCode wrong ->
          throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "staff.wrong-code");
    };
  }
}

package org.trademap.server.accounts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.server.web.ProblemException;

/** The JSON API of password reset: ask for a link, then set a new password with its token. */
@RestController
@RequestMapping(
    path = "/api/v1/accounts/password-reset",
    produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Accounts")
class PasswordResetController {
  static final Map<String, String> RESET_SENT = Map.of("status", "reset-sent");
  static final Map<String, String> PASSWORD_CHANGED = Map.of("status", "password-changed");

  /**
   * A request for a reset link.
   *
   * @param email the account's address
   */
  record ResetRequest(@Nullable String email) {
    @Override
    public String toString() {
      return "ResetRequest[email=(hidden)]";
    }
  }

  /**
   * A new password with the token of the reset link.
   *
   * @param token the token from the link
   * @param password the new password
   */
  record ConfirmRequest(@Nullable String token, @Nullable String password) {
    @Override
    public String toString() {
      return "ConfirmRequest[token=(hidden), password=(hidden)]";
    }
  }

  private final PasswordResets resets;

  PasswordResetController(PasswordResets resets) {
    this.resets = resets;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Mail a password-reset link to the address if it has an active account")
  @ApiResponse(responseCode = "202", description = "reset-sent, in every case")
  ResponseEntity<Map<String, String>> request(@RequestBody ResetRequest body, Locale locale) {
    resets.request(body.email(), locale);
    return ResponseEntity.accepted().body(RESET_SENT);
  }

  @PostMapping(path = "/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Set a new password with the token from the reset link",
      description = "Ends every session and bearer token of the account.")
  @ApiResponse(responseCode = "200", description = "password-changed")
  @ApiResponse(
      responseCode = "400",
      description = "accounts.token-expired, accounts.token-used or accounts.token-invalid")
  @ApiResponse(
      responseCode = "422",
      description =
          "accounts.invalid, with errors [{field: password, code}]; the token still works")
  Map<String, String> confirm(@RequestBody ConfirmRequest body) {
    return switch (resets.reset(body.token(), body.password())) {
      case PasswordResets.Done done -> PASSWORD_CHANGED;
      case PasswordResets.Refused refused ->
          throw ProblemException.of(HttpStatus.BAD_REQUEST, refused.reason().code());
      case PasswordResets.Invalid invalid -> throw AccountsController.invalid(invalid.errors());
    };
  }
}

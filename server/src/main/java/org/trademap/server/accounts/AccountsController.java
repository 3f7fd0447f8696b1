package org.trademap.server.accounts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
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

/** The JSON API of sign-up and email verification. */
@RestController
@RequestMapping(path = "/api/v1/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Accounts",
    description =
        "Sign-up and email verification. No answer tells whether an address has an account.")
class AccountsController {
  static final Map<String, String> VERIFICATION_SENT = Map.of("status", "verification-sent");
  static final Map<String, String> VERIFIED = Map.of("status", "verified");

  /**
   * A sign-up.
   *
   * @param kind {@code person} or {@code legal-entity}
   * @param email the address
   * @param password the new password
   */
  record SignUpRequest(@Nullable String kind, @Nullable String email, @Nullable String password) {
    @Override
    public String toString() {
      return "SignUpRequest[kind=" + kind + ", email=(hidden), password=(hidden)]";
    }
  }

  /**
   * A presented verification token.
   *
   * @param token the token from the link
   */
  record VerifyRequest(@Nullable String token) {
    @Override
    public String toString() {
      return "VerifyRequest[token=(hidden)]";
    }
  }

  /**
   * A request for a new verification link.
   *
   * @param email the address
   */
  record ResendRequest(@Nullable String email) {
    @Override
    public String toString() {
      return "ResendRequest[email=(hidden)]";
    }
  }

  private final Accounts accounts;

  AccountsController(Accounts accounts) {
    this.accounts = accounts;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Sign up with kind, email and password; the link goes out by mail")
  @ApiResponse(
      responseCode = "202",
      description = "verification-sent, whether or not the address already had an account")
  @ApiResponse(
      responseCode = "422",
      description = "accounts.invalid, with errors [{field, code}] (password.*, email.*, kind.*)")
  ResponseEntity<Map<String, String>> signUp(@RequestBody SignUpRequest request, Locale locale) {
    SignUpResult result =
        accounts.signUp(request.kind(), request.email(), request.password(), locale);
    if (result instanceof SignUpResult.Invalid invalid) {
      throw invalid(invalid.errors());
    }
    return ResponseEntity.accepted().body(VERIFICATION_SENT);
  }

  /** {@code 422 accounts.invalid} with {@code errors: [{field, code}]}. */
  static ProblemException invalid(List<SignUpResult.FieldProblem> problems) {
    List<Map<String, String>> errors =
        problems.stream().map(e -> Map.of("field", e.field(), "code", e.code())).toList();
    return ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "accounts.invalid")
        .with("errors", errors);
  }

  @PostMapping(path = "/verify-email", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Confirm the address with the token from the emailed link")
  @ApiResponse(responseCode = "200", description = "verified")
  @ApiResponse(
      responseCode = "400",
      description = "accounts.token-expired, accounts.token-used or accounts.token-invalid")
  Map<String, String> verifyEmail(@RequestBody VerifyRequest request) {
    return switch (accounts.verifyEmail(request.token())) {
      case VerificationResult.Verified v -> VERIFIED;
      case VerificationResult.Refused refused ->
          throw ProblemException.of(HttpStatus.BAD_REQUEST, refused.reason().code());
    };
  }

  @PostMapping(path = "/resend-verification", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Mail a new link to an unverified account; older links stop working")
  @ApiResponse(responseCode = "202", description = "verification-sent, in every case")
  ResponseEntity<Map<String, String>> resendVerification(
      @RequestBody ResendRequest request, Locale locale) {
    accounts.resendVerification(request.email(), locale);
    return ResponseEntity.accepted().body(VERIFICATION_SENT);
  }
}

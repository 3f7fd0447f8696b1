package org.trademap.server.accounts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.server.web.ProblemException;

/** Bearer tokens for API clients: sign in, sign out, and who the token signs in. */
@RestController
@Tag(
    name = "Sessions",
    description =
        "Bearer tokens for API clients. Send the token as `Authorization: Bearer <token>` to"
            + " /api/v1/me/**. Unknown addresses, wrong passwords and throttled attempts are"
            + " answered alike.")
class SessionsController {
  static final String BEARER_CHALLENGE = "Bearer realm=\"TradeMap\"";

  /**
   * A login.
   *
   * @param email the account's address
   * @param password its password
   * @param totp the current code of its authenticator, if it has switched the second factor on
   */
  record SessionRequest(@Nullable String email, @Nullable String password, @Nullable String totp) {
    @Override
    public String toString() {
      return "SessionRequest[email=(hidden), password=(hidden), totp=(hidden)]";
    }
  }

  /**
   * A new bearer token.
   *
   * @param token the token: 43 characters; shown once, stored by the server only as a hash
   * @param expiresAt when it stops working
   */
  record SessionCreated(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "SessionCreated[token=(hidden), expiresAt=" + expiresAt + "]";
    }
  }

  /**
   * Who the presented token signs in.
   *
   * @param accountId the account
   * @param kind {@code person} or {@code legal-entity}
   * @param role the role, e.g. {@code user}
   */
  record SessionView(UUID accountId, String kind, String role) {}

  private final SignIn signIn;
  private final Sessions sessions;

  SessionsController(SignIn signIn, Sessions sessions) {
    this.signIn = signIn;
    this.sessions = sessions;
  }

  @PostMapping(
      path = "/api/v1/sessions",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Sign in with email, password and (if switched on) a TOTP code")
  @ApiResponse(responseCode = "201", description = "the bearer token and when it expires")
  @ApiResponse(
      responseCode = "401",
      description =
          "auth.failed (unknown address, wrong password or code, too many attempts: all alike);"
              + " auth.totp-required (the password is right, a code is needed)")
  @ApiResponse(
      responseCode = "403",
      description =
          "auth.email-unverified (the password is right, the address is not confirmed);"
              + " auth.second-factor-missing (the role needs a second factor)")
  ResponseEntity<SessionCreated> create(
      @RequestBody SessionRequest body, HttpServletRequest request, HttpServletResponse response) {
    var source = LoginPage.source(request);
    SignIn.Outcome outcome = signIn.password(body.email(), body.password(), source);
    if (outcome instanceof SignIn.SecondFactorNeeded needed) {
      if (body.totp() == null) {
        throw unauthorized(response, "auth.totp-required");
      }
      outcome = signIn.secondFactor(needed.pending(), body.totp(), source);
    }
    return switch (outcome) {
      case SignIn.Completed completed -> {
        Sessions.Opened opened =
            sessions.open(completed.user().accountId(), SessionRepository.Channel.BEARER);
        yield ResponseEntity.status(HttpStatus.CREATED)
            .cacheControl(CacheControl.noStore())
            .contentType(MediaType.APPLICATION_JSON)
            .body(new SessionCreated(opened.token(), opened.expiresAt()));
      }
      case SignIn.EmailUnverified unverified ->
          throw ProblemException.of(HttpStatus.FORBIDDEN, "auth.email-unverified");
      case SignIn.SecondFactorMissing missing ->
          throw ProblemException.of(HttpStatus.FORBIDDEN, "auth.second-factor-missing");
      case SignIn.SecondFactorNeeded needed -> throw unauthorized(response, "auth.totp-required");
      case SignIn.Refused refused -> throw unauthorized(response, "auth.failed");
    };
  }

  @DeleteMapping("/api/v1/sessions/current")
  @Operation(summary = "End the presented bearer token")
  @ApiResponse(responseCode = "204", description = "the token no longer works")
  @ApiResponse(responseCode = "401", description = "auth.required")
  ResponseEntity<Void> end(Authentication authentication) {
    if (authentication.getDetails() instanceof SessionRepository.Live live) {
      sessions.end(live.tokenHash());
    }
    return ResponseEntity.noContent().build();
  }

  @GetMapping(path = "/api/v1/me/session", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Who the presented bearer token signs in")
  @ApiResponse(responseCode = "200", description = "accountId, kind and role")
  @ApiResponse(responseCode = "401", description = "auth.required")
  SessionView session(@AuthenticationPrincipal SignedIn user) {
    return new SessionView(
        user.accountId(),
        user.kind().apiName(),
        user.role().name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  /** A 401 that says how to authenticate (RFC 9110 §15.5.2). */
  private static ProblemException unauthorized(HttpServletResponse response, String code) {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
    return ProblemException.of(HttpStatus.UNAUTHORIZED, code);
  }
}

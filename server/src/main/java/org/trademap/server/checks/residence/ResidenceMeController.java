package org.trademap.server.checks.residence;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.server.accounts.SignedIn;

/**
 * The signed-in user's residence confirmation: where it stands ({@code GET /api/v1/me/residence})
 * and the code from the letter ({@code POST /api/v1/me/residence/confirmation}).
 */
@RestController
@Tag(name = "Residence confirmation")
class ResidenceMeController {
  static final String PATH = "/api/v1/me/residence";

  /**
   * The code from the letter.
   *
   * @param code as printed, e.g. {@code 7KQ2M-X9DP4}; case, spaces and dashes do not matter
   */
  record ConfirmationRequest(@Nullable String code) {}

  /**
   * The user's residence confirmation.
   *
   * @param state none, generated, sent, confirmed, returned, expired or locked
   * @param expiresAt from when the current letter's code no longer works
   * @param attemptsLeft wrong codes the current letter still allows
   * @param confirmedAt when the code was entered, once confirmed
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "MyResidence")
  record MyResidenceView(
      String state, @Nullable Instant expiresAt, int attemptsLeft, @Nullable Instant confirmedAt) {
    static MyResidenceView of(@Nullable ResidenceStatus status) {
      if (status == null || status.current() == null) {
        return new MyResidenceView("none", null, 0, null);
      }
      Letter current = status.current();
      return new MyResidenceView(
          status.stateName(),
          current.expiresAt(),
          status.attemptsLeft(),
          status.state() instanceof LetterState.Confirmed c ? c.confirmedAt() : null);
    }
  }

  private final ResidenceConfirmation residence;
  private final ResidenceCase actions;

  ResidenceMeController(ResidenceConfirmation residence, ResidenceCase actions) {
    this.residence = residence;
    this.actions = actions;
  }

  @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Where the confirmation of my address stands")
  @ApiResponse(responseCode = "200", description = "The status")
  @ApiResponse(responseCode = "401", description = "auth.required")
  MyResidenceView status(@AuthenticationPrincipal SignedIn user) {
    return MyResidenceView.of(residence.statusOfAccount(user.accountId()).orElse(null));
  }

  @PostMapping(path = PATH + "/confirmation", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Confirm my address with the code from the letter",
      description =
          "The code of the current letter works once, until its expiry. Each wrong code counts:"
              + " the last allowed one locks the letter, and an account that enters too many"
              + " wrong codes is refused for a while (Retry-After). Every refusal other than a"
              + " wrong code changes nothing.")
  @ApiResponse(responseCode = "200", description = "Confirmed")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(responseCode = "404", description = "residence.no-letter")
  @ApiResponse(
      responseCode = "409",
      description = "residence.already-confirmed (single use); residence.letter-returned")
  @ApiResponse(responseCode = "410", description = "residence.code-expired")
  @ApiResponse(
      responseCode = "422",
      description =
          "residence.code-malformed (not counted); residence.code-wrong, with attemptsLeft")
  @ApiResponse(responseCode = "423", description = "residence.locked: a new letter is needed")
  @ApiResponse(
      responseCode = "429",
      description = "residence.throttled, with retryAfter in seconds and Retry-After")
  MyResidenceView confirm(
      @AuthenticationPrincipal SignedIn user,
      @RequestBody ConfirmationRequest request,
      HttpServletResponse response) {
    String code = request.code() == null ? "" : request.code();
    return switch (actions.confirm(user.accountId(), code)) {
      case ConfirmResult.Confirmed c ->
          MyResidenceView.of(residence.statusOfAccount(user.accountId()).orElse(null));
      case ConfirmResult.WrongCode w ->
          throw ResidenceProblems.of(Refusal.CODE_WRONG).with("attemptsLeft", w.attemptsLeft());
      case ConfirmResult.Throttled t -> {
        long seconds = retryAfterSeconds(t);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        throw ResidenceProblems.of(Refusal.THROTTLED).with("retryAfter", seconds);
      }
      case ConfirmResult.Refused r -> throw ResidenceProblems.of(r.refusal());
    };
  }

  /** The wait in whole seconds, rounded up, at least 1. */
  static long retryAfterSeconds(ConfirmResult.Throttled throttled) {
    return Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000);
  }
}

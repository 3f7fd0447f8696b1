package org.trademap.server.kyc;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.web.ProblemException;

/** The signed-in account's consents: {@code /api/v1/me/consents}. */
@RestController
@RequestMapping(path = "/api/v1/me/consents", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "KYC file")
class ConsentsController {

  /**
   * A consent to give.
   *
   * @param kind {@code terms}, {@code data-processing}, {@code video-identification}, {@code
   *     audio-recording} or {@code sharing}
   * @param version the version of the text the person was shown (see GET)
   * @param scope for {@code sharing} only: what it covers
   */
  record ConsentRequest(@Nullable String kind, @Nullable String version, @Nullable String scope) {}

  /**
   * A recorded consent.
   *
   * @param kind what was consented to
   * @param scope what a sharing consent covers; absent for the other kinds
   * @param version the version of the text shown
   * @param givenAt when it was given
   * @param withdrawnAt when it was withdrawn; absent while it stands
   * @param current whether it stands and was given to the current text
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "Consent")
  record ConsentView(
      String kind,
      @Nullable String scope,
      String version,
      Instant givenAt,
      @Nullable Instant withdrawnAt,
      boolean current) {
    static ConsentView of(Consent c) {
      return new ConsentView(
          c.kind().apiName(),
          c.scope().isEmpty() ? null : c.scope(),
          c.version(),
          c.givenAt(),
          c.withdrawnAt(),
          c.current());
    }
  }

  /**
   * A kind of consent and its current text.
   *
   * @param kind the kind
   * @param required whether the submission needs it
   * @param scoped whether each consent names a scope
   * @param currentVersion the version to give
   * @param text the current text in the request's language
   */
  record KindView(
      String kind, boolean required, boolean scoped, String currentVersion, String text) {}

  /**
   * The consents of the account.
   *
   * @param kinds what can be consented to, with the current texts
   * @param consents the newest consent of each kind (and scope) ever given
   * @param history every consent ever given, oldest first
   */
  record ConsentsView(
      List<KindView> kinds, List<ConsentView> consents, List<ConsentView> history) {}

  private final Consents consents;
  private final MessageSource messages;

  ConsentsController(Consents consents, MessageSource messages) {
    this.consents = consents;
    this.messages = messages;
  }

  @GetMapping
  @Operation(summary = "The kinds of consent with their current texts, and the account's consents")
  @ApiResponse(responseCode = "200", description = "The consents")
  @ApiResponse(responseCode = "401", description = "auth.required")
  ConsentsView list(@AuthenticationPrincipal SignedIn user, Locale locale) {
    List<KindView> kinds =
        Arrays.stream(ConsentKind.values())
            .map(
                k ->
                    new KindView(
                        k.apiName(),
                        k.required(),
                        k.scoped(),
                        k.currentVersion(),
                        messages.getMessage(k.messageKey(k.currentVersion()), null, locale)))
            .toList();
    return new ConsentsView(
        kinds,
        consents.latest(user.accountId()).stream().map(ConsentView::of).toList(),
        consents.history(user.accountId()).stream().map(ConsentView::of).toList());
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Give a consent to the current version of its text",
      description =
          "Each consent is recorded separately with the version of the text and the time."
              + " Giving the same version again while it stands changes nothing (200).")
  @ApiResponse(responseCode = "201", description = "Recorded")
  @ApiResponse(responseCode = "200", description = "It already stood; nothing changed")
  @ApiResponse(
      responseCode = "400",
      description = "request.malformed-json: not JSON, a duplicate key or an unknown field")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(
      responseCode = "422",
      description =
          "consent.unknown-kind, consent.unknown-version, consent.scope-required,"
              + " consent.scope-not-allowed or consent.scope-invalid")
  ResponseEntity<ConsentView> give(
      @AuthenticationPrincipal SignedIn user, @RequestBody ConsentRequest request) {
    return switch (consents.give(
        user.accountId(), user.kind(), request.kind(), request.version(), request.scope())) {
      case ConsentResult.Recorded r ->
          ResponseEntity.status(r.changed() ? HttpStatus.CREATED : HttpStatus.OK)
              .body(ConsentView.of(r.consent()));
      case ConsentResult.Refused r ->
          throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, r.code());
      case ConsentResult.NotGiven n -> throw new IllegalStateException("not a withdrawal");
    };
  }

  @DeleteMapping("/{kind}")
  @Operation(
      summary = "Withdraw the standing consent of a kind",
      description = "The withdrawal is recorded; the consent stays in the history.")
  @ApiResponse(responseCode = "200", description = "Withdrawn; the consent with withdrawnAt")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(
      responseCode = "404",
      description = "consent.not-given (none stands) or consent.unknown-kind")
  @ApiResponse(
      responseCode = "422",
      description = "consent.scope-required, consent.scope-not-allowed or consent.scope-invalid")
  ConsentView withdraw(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable String kind,
      @Parameter(description = "for sharing: the scope of the consent to withdraw")
          @RequestParam(required = false)
          @Nullable String scope) {
    return switch (consents.withdraw(user.accountId(), user.kind(), kind, scope)) {
      case ConsentResult.Recorded r -> ConsentView.of(r.consent());
      case ConsentResult.NotGiven n ->
          throw ProblemException.of(HttpStatus.NOT_FOUND, "consent.not-given");
      case ConsentResult.Refused r ->
          throw ProblemException.of(
              r.code().equals("consent.unknown-kind")
                  ? HttpStatus.NOT_FOUND
                  : HttpStatus.UNPROCESSABLE_CONTENT,
              r.code());
    };
  }
}

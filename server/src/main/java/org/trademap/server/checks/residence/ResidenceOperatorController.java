package org.trademap.server.checks.residence;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
import org.trademap.server.checks.Staff;
import org.trademap.server.checks.residence.Letter.Transition;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.web.ProblemException;

/**
 * The operators' residence-letter API under {@code /api/v1/checks/residence}: make a letter for a
 * subject, download its PDF, mark it sent or returned, and see a subject's letters. Only accounts
 * in the roles {@code KYC_OPERATOR} and {@code KYC_SUPERVISOR}; everyone else gets {@code 403
 * auth.forbidden}, and nobody else ever gets a PDF.
 */
@RestController
@Tag(name = "Residence confirmation (operators)")
class ResidenceOperatorController {
  static final String BASE = "/api/v1/checks/residence";
  static final String LETTERS = BASE + "/letters";

  /**
   * How to make a letter.
   *
   * @param language the language of the letter's text: {@code en} (default) or {@code de}
   */
  record GenerateRequest(@Nullable String language) {}

  /**
   * A subject's residence confirmation.
   *
   * @param subject the subject's reference
   * @param state the current letter's state, or {@code none}
   * @param proposal the check's proposed result: pending, passed, failed or new-letter-needed
   * @param attemptsLeft wrong codes the current letter still allows
   * @param current the current letter
   * @param letters every letter, newest first
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "ResidenceStatus")
  record StatusView(
      String subject,
      String state,
      String proposal,
      int attemptsLeft,
      @Nullable LetterView current,
      List<LetterView> letters) {}

  private final ResidenceConfirmation residence;
  private final ResidenceCase actions;
  private final Clock clock;

  ResidenceOperatorController(
      ResidenceConfirmation residence, ResidenceCase actions, ObjectProvider<Clock> clock) {
    this.residence = residence;
    this.actions = actions;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  @PostMapping(
      path = BASE + "/subjects/{subject}/letters",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Make a residence letter for a subject",
      description =
          "Writes a letter with a new one-time code to the domicile address of the subject's KYC"
              + " profile and makes it the subject's current letter: the codes of earlier letters"
              + " stop working. Download the PDF from `pdf`, print and post it as no-forwarding"
              + " mail, then mark it sent. If `unprintable` is not 0, some characters of the"
              + " address had no glyph and were printed as ?: check the address before posting.")
  @ApiResponse(responseCode = "201", description = "The new letter")
  @ApiResponse(responseCode = "400", description = "residence.language-unsupported")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(responseCode = "403", description = "auth.forbidden: not an operator")
  @ApiResponse(responseCode = "404", description = "residence.no-subject")
  @ApiResponse(responseCode = "409", description = "residence.no-address: no profile yet")
  @ApiResponse(responseCode = "410", description = "residence.subject-erased")
  ResponseEntity<LetterView> generate(
      @AuthenticationPrincipal SignedIn user,
      @PathVariable String subject,
      @RequestBody(required = false) @Nullable GenerateRequest request) {
    SignedIn operator = Staff.require(user);
    String language = request == null || request.language() == null ? "en" : request.language();
    return switch (actions.generate(subject(subject), operator.accountId(), language)) {
      case GenerateResult.Generated g ->
          ResponseEntity.created(URI.create(LETTERS + "/" + g.letter().id()))
              .body(LetterView.of(g.letter(), clock.instant()));
      case GenerateResult.Refused r -> throw ResidenceProblems.of(r.refusal());
    };
  }

  @GetMapping(path = BASE + "/subjects/{subject}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "A subject's residence confirmation",
      description =
          "The current letter's state, the result the check proposes (passed when the code was"
              + " entered, failed when the letter came back, new-letter-needed when the code"
              + " expired or was locked) and every letter.")
  @ApiResponse(responseCode = "200", description = "The status")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(responseCode = "403", description = "auth.forbidden: not an operator")
  @ApiResponse(responseCode = "404", description = "residence.no-subject")
  StatusView status(@AuthenticationPrincipal SignedIn user, @PathVariable String subject) {
    Staff.require(user);
    ResidenceStatus status =
        residence
            .status(subject(subject))
            .orElseThrow(() -> ResidenceProblems.of(Refusal.NO_SUBJECT));
    Instant now = clock.instant();
    Letter current = status.current();
    return new StatusView(
        status.subject().value(),
        status.stateName(),
        status.proposal().name().toLowerCase(Locale.ROOT).replace('_', '-'),
        status.attemptsLeft(),
        current == null ? null : LetterView.of(current, now),
        status.letters().stream().map(l -> LetterView.of(l, now)).toList());
  }

  @GetMapping(path = LETTERS + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "A residence letter")
  @ApiResponse(responseCode = "200", description = "The letter")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(responseCode = "403", description = "auth.forbidden: not an operator")
  @ApiResponse(responseCode = "404", description = "residence.letter-not-found")
  LetterView letter(@AuthenticationPrincipal SignedIn user, @PathVariable UUID id) {
    Staff.require(user);
    return residence
        .letter(id)
        .map(l -> LetterView.of(l, clock.instant()))
        .orElseThrow(() -> ResidenceProblems.of(Refusal.LETTER_NOT_FOUND));
  }

  @GetMapping(path = LETTERS + "/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  @Operation(
      summary = "Download a residence letter as PDF",
      description =
          "Only while the letter is generated and not expired: marking it sent destroys the PDF,"
              + " since it holds the code. Never cached.")
  @ApiResponse(responseCode = "200", description = "The PDF")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(responseCode = "403", description = "auth.forbidden: not an operator")
  @ApiResponse(responseCode = "404", description = "residence.letter-not-found")
  @ApiResponse(responseCode = "409", description = "residence.letter-closed")
  @ApiResponse(responseCode = "410", description = "residence.pdf-gone: the letter was sent")
  ResponseEntity<byte[]> pdf(@AuthenticationPrincipal SignedIn user, @PathVariable UUID id) {
    SignedIn operator = Staff.require(user);
    return switch (actions.pdf(id, operator.accountId())) {
      case PdfResult.Pdf pdf ->
          ResponseEntity.ok()
              .contentType(MediaType.APPLICATION_PDF)
              .cacheControl(CacheControl.noStore())
              .header(
                  HttpHeaders.CONTENT_DISPOSITION,
                  ContentDisposition.attachment()
                      .filename("residence-letter-" + id + ".pdf")
                      .build()
                      .toString())
              .body(pdf.bytes());
      case PdfResult.Refused r -> throw ResidenceProblems.of(r.refusal());
    };
  }

  @PostMapping(path = LETTERS + "/{id}/sent", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Mark a residence letter sent",
      description = "The letter was posted. Its PDF is destroyed; the code stays valid.")
  @ApiResponse(responseCode = "200", description = "The letter, sent")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(responseCode = "403", description = "auth.forbidden: not an operator")
  @ApiResponse(responseCode = "404", description = "residence.letter-not-found")
  @ApiResponse(
      responseCode = "409",
      description = "residence.already-sent; residence.letter-closed (with its state)")
  LetterView sent(@AuthenticationPrincipal SignedIn user, @PathVariable UUID id) {
    SignedIn operator = Staff.require(user);
    return answer(id, actions.markSent(id, operator.accountId()));
  }

  @PostMapping(path = LETTERS + "/{id}/returned", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Mark a residence letter returned",
      description =
          "The post brought the letter back as undeliverable: the subject does not live at the"
              + " address, and the check proposes to fail. Also after the letter expired or was"
              + " locked; not after the code was entered.")
  @ApiResponse(responseCode = "200", description = "The letter, returned")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(responseCode = "403", description = "auth.forbidden: not an operator")
  @ApiResponse(responseCode = "404", description = "residence.letter-not-found")
  @ApiResponse(
      responseCode = "409",
      description = "residence.not-sent; residence.letter-closed (with its state)")
  LetterView returned(@AuthenticationPrincipal SignedIn user, @PathVariable UUID id) {
    SignedIn operator = Staff.require(user);
    return answer(id, actions.markReturned(id, operator.accountId()));
  }

  private LetterView answer(UUID id, Transition transition) {
    Instant now = clock.instant();
    return switch (transition) {
      case Transition.Moved moved -> LetterView.of(moved.next(), now);
      case Transition.Refused refused -> {
        ProblemException problem = ResidenceProblems.of(refused.refusal());
        if (refused.refusal() == Refusal.LETTER_CLOSED) {
          problem =
              problem.with(
                  "state",
                  residence.letter(id).map(l -> l.stateAt(now).apiName()).orElse("unknown"));
        }
        throw problem;
      }
    };
  }

  /** The subject reference in the path; a malformed one names nobody. */
  private static SubjectRef subject(String value) {
    try {
      return new SubjectRef(value);
    } catch (IllegalArgumentException e) {
      throw ProblemException.of(HttpStatus.NOT_FOUND, Refusal.NO_SUBJECT.code());
    }
  }
}

package org.trademap.server.kyc;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.web.ProblemException;

/**
 * The signed-in account's onboarding status ({@code GET /api/v1/me}) and the submission of its KYC
 * file ({@code /api/v1/me/submission}).
 */
@RestController
@Tag(name = "KYC file")
class MeController {
  static final String SUBMISSION = "/api/v1/me/submission";

  /**
   * A ledger transaction of the file.
   *
   * @param status {@code pending}, {@code recorded} or {@code rejected}
   * @param txId the transaction id, once recorded
   * @param height the block that holds it, once recorded
   * @param explorer the transaction's page in the ledger explorer, once recorded
   * @param code when rejected: the ledger's validation code
   * @param reason when rejected by the contract: its code
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "LedgerRecord")
  record LedgerView(
      String status,
      @Nullable String txId,
      @Nullable Long height,
      @Nullable String explorer,
      @Nullable String code,
      @Nullable String reason) {
    static LedgerView of(LedgerRecord record) {
      return switch (record) {
        case LedgerRecord.Pending p -> new LedgerView("pending", null, null, null, null, null);
        case LedgerRecord.Recorded r ->
            new LedgerView("recorded", r.txId(), r.height(), r.explorerPath(), null, null);
        case LedgerRecord.Rejected r ->
            new LedgerView(
                "rejected", null, null, null, r.code(), r.reason().isEmpty() ? null : r.reason());
      };
    }
  }

  /**
   * One commitment of the file on the ledger.
   *
   * @param method {@code register} or {@code update-commitment}
   * @param revision the file revision it commits to
   * @param ledger where its transaction stands
   */
  record EntryView(String method, int revision, LedgerView ledger) {}

  /**
   * A submitted file.
   *
   * @param submittedAt when it was submitted
   * @param revision the revision submitted
   * @param ledger its commitments on the ledger, oldest first
   */
  @Schema(name = "Submission")
  record SubmissionView(Instant submittedAt, int revision, List<EntryView> ledger) {
    static SubmissionView of(Submission s) {
      return new SubmissionView(
          s.submittedAt(),
          s.revision(),
          s.ledger().stream()
              .map(e -> new EntryView(e.method(), e.revision(), LedgerView.of(e.record())))
              .toList());
    }
  }

  /**
   * One onboarding step.
   *
   * @param step which: account, email, personal-data, beneficial-owners (legal entities),
   *     documents, consents, video-identification, checks, approval
   * @param status not-started, in-progress or done
   * @param ledger the ledger transaction that recorded it, if any
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record StepView(String step, String status, @Nullable LedgerView ledger) {}

  /**
   * Where the account stands.
   *
   * @param accountId the account
   * @param kind person or legal-entity
   * @param status draft, submitted, registered or registration-rejected
   * @param revision the file's revision
   * @param recheckRequired whether the data was corrected after the submission, so the checks must
   *     run again on the newest revision
   * @param steps the onboarding steps in order
   * @param missing what the submission still needs (codes as in submission.incomplete)
   * @param submission the submission, once made
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "Progress")
  record ProgressView(
      UUID accountId,
      String kind,
      String status,
      int revision,
      boolean recheckRequired,
      List<StepView> steps,
      List<String> missing,
      @Nullable SubmissionView submission) {
    static ProgressView of(Progress p) {
      Submission submission = p.submission();
      return new ProgressView(
          p.accountId(),
          p.kind().apiName(),
          p.status().apiName(),
          p.revision(),
          p.recheckRequired(),
          p.steps().stream()
              .map(
                  s -> {
                    LedgerRecord ledger = s.ledger();
                    return new StepView(
                        s.kind().apiName(),
                        s.status().apiName(),
                        ledger == null ? null : LedgerView.of(ledger));
                  })
              .toList(),
          p.missing().stream().map(Requirement::code).toList(),
          submission == null ? null : SubmissionView.of(submission));
    }
  }

  private final KycFiles files;

  MeController(KycFiles files) {
    this.files = files;
  }

  @GetMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Where the account stands: its onboarding steps, their ledger transactions",
      description =
          "Each step has a status; the personal data and the beneficial owners, once submitted,"
              + " name the ledger transaction of the file's newest commitment with a link to the"
              + " explorer. `missing` lists what the submission still needs.")
  @ApiResponse(responseCode = "200", description = "The progress")
  @ApiResponse(responseCode = "401", description = "auth.required")
  ProgressView me(@AuthenticationPrincipal SignedIn user) {
    return ProgressView.of(
        KycProblems.readable(() -> files.progress(user.accountId(), user.kind())));
  }

  @PostMapping(path = SUBMISSION, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Submit the KYC file",
      description =
          "Needs a valid profile (for a legal entity with the beneficial-owner declaration),"
              + " the consents terms, data-processing, video-identification and audio-recording,"
              + " and the documents: a passport page or both sides of an identity card, and for a"
              + " legal entity the commercial-register extract."
              + " Marks the file submitted and enqueues its registration on the ledger (an opaque"
              + " reference and a salted commitment, no personal data) in one transaction; the"
              + " registration is recorded shortly after (see GET /api/v1/me). Submitting again"
              + " changes nothing.")
  @ApiResponse(responseCode = "201", description = "Submitted now")
  @ApiResponse(responseCode = "200", description = "Submitted before; nothing changed")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(
      responseCode = "422",
      description = "submission.incomplete, with missing: the codes of what is missing")
  ResponseEntity<SubmissionView> submit(@AuthenticationPrincipal SignedIn user) {
    SubmissionResult result =
        KycProblems.readable(() -> files.submit(user.accountId(), user.kind()));
    return switch (result) {
      case SubmissionResult.Submitted s ->
          s.now()
              ? ResponseEntity.created(URI.create(SUBMISSION))
                  .body(SubmissionView.of(s.submission()))
              : ResponseEntity.ok(SubmissionView.of(s.submission()));
      case SubmissionResult.Incomplete i ->
          throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "submission.incomplete")
              .with("missing", i.missing().stream().map(Requirement::code).toList());
    };
  }

  @GetMapping(path = SUBMISSION, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The submission and its ledger transactions")
  @ApiResponse(responseCode = "200", description = "The submission")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(responseCode = "404", description = "submission.not-found: not submitted yet")
  SubmissionView submission(@AuthenticationPrincipal SignedIn user) {
    return files
        .submission(user.accountId())
        .map(SubmissionView::of)
        .orElseThrow(() -> ProblemException.of(HttpStatus.NOT_FOUND, "submission.not-found"));
  }
}

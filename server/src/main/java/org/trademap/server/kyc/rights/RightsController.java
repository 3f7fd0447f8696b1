package org.trademap.server.kyc.rights;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
 * The rights of the signed-in person: {@code GET /api/v1/me/export}, {@code GET
 * /api/v1/me/relationship}, {@code POST /api/v1/me/relationship/end} and {@code POST
 * /api/v1/me/erasure}.
 */
@RestController
@Tag(
    name = "Rights of the person",
    description =
        "Export of all the account's data, the end of the business relationship and the erasure"
            + " of the personal data (Swiss FADP, GDPR), held back by the AMLA retention period."
            + " Needs `Authorization: Bearer <token>`.")
class RightsController {

  /**
   * The business relationship and whether erasure is possible now.
   *
   * @param status {@code none} (never submitted), {@code ongoing} or {@code ended}
   * @param startedAt when the KYC file was submitted
   * @param endedAt when the relationship was ended
   * @param erasure whether the data can be erased now, and if not why
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "Relationship")
  record RelationshipView(
      String status, @Nullable Instant startedAt, @Nullable Instant endedAt, ErasureView erasure) {}

  /**
   * Whether erasure is possible now.
   *
   * @param allowed whether {@code POST /api/v1/me/erasure} would erase the data now
   * @param reason when not: {@code relationship-ongoing} or {@code retention-period-running}
   * @param possibleFrom when not, and the relationship has ended: the first day (UTC) it is
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ErasureView(boolean allowed, @Nullable String reason, @Nullable LocalDate possibleFrom) {
    static ErasureView of(ErasureDecision decision) {
      return switch (decision) {
        case ErasureDecision.Allowed a -> new ErasureView(true, null, null);
        case ErasureDecision.Refused r -> new ErasureView(false, r.reason().code(), r.keptUntil());
      };
    }
  }

  /**
   * A carried-out erasure.
   *
   * @param erasedAt when the data was erased
   */
  record ErasedView(Instant erasedAt) {}

  private final DataExports exports;
  private final Relationships relationships;
  private final Erasures erasures;

  RightsController(DataExports exports, Relationships relationships, Erasures erasures) {
    this.exports = exports;
    this.relationships = relationships;
    this.erasures = erasures;
  }

  @GetMapping(path = "/api/v1/me/export", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Everything the server holds about the account, as one JSON document",
      description =
          "The account, the KYC file's parts with their revisions, the consents with their text"
              + " versions and withdrawals, the documents (metadata and content in base64), the"
              + " ledger reference and transactions, and the business relationship. Secrets"
              + " (password hash, TOTP secret, tokens, keys) are not exported. Offered as a"
              + " download, never cached.")
  @ApiResponse(responseCode = "200", description = "The export (format in `format`)")
  @ApiResponse(responseCode = "401", description = "auth.required")
  ResponseEntity<DataExport> export(@AuthenticationPrincipal SignedIn user) {
    return exportResponse(exports.export(user.accountId()));
  }

  /** The export as a JSON download that is never cached; shared with the privacy page. */
  static ResponseEntity<DataExport> exportResponse(DataExport export) {
    LocalDate day = LocalDate.ofInstant(export.exportedAt(), ZoneOffset.UTC);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .cacheControl(CacheControl.noStore())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("trademap-personal-data-" + day + ".json")
                .build()
                .toString())
        .body(export);
  }

  @GetMapping(path = "/api/v1/me/relationship", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The business relationship and whether the data can be erased now")
  @ApiResponse(responseCode = "200", description = "The relationship")
  @ApiResponse(responseCode = "401", description = "auth.required")
  RelationshipView relationship(@AuthenticationPrincipal SignedIn user) {
    return view(user.accountId());
  }

  @PostMapping(path = "/api/v1/me/relationship/end", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "End the business relationship",
      description =
          "Records the end with the time; the AMLA retention period of 10 years starts then. Ending"
              + " it again changes nothing.")
  @ApiResponse(responseCode = "200", description = "Ended (now or before)")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(
      responseCode = "409",
      description = "relationship.not-started: the KYC file was never submitted")
  RelationshipView end(@AuthenticationPrincipal SignedIn user) {
    return switch (relationships.end(user.accountId())) {
      case EndResult.Ended e -> view(user.accountId());
      case EndResult.NotStarted n ->
          throw ProblemException.of(HttpStatus.CONFLICT, "relationship.not-started");
    };
  }

  @PostMapping(path = "/api/v1/me/erasure", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Erase the account's personal data",
      description =
          "Refused while the AMLA retention period runs: as long as the business relationship"
              + " goes on, and for 10 years after it ended. Otherwise the data is crypto-shredded"
              + " (its key and salt destroyed; the ledger's commitment becomes meaningless), the"
              + " documents are deleted, the account is disabled with its address replaced, and"
              + " every session and token ends, this one included.")
  @ApiResponse(responseCode = "200", description = "Erased")
  @ApiResponse(responseCode = "401", description = "auth.required")
  @ApiResponse(
      responseCode = "409",
      description =
          "erasure.refused, with reason (relationship-ongoing or retention-period-running) and"
              + " possibleFrom (the first day erasure is possible, once the relationship ended)")
  ErasedView erase(@AuthenticationPrincipal SignedIn user) {
    return switch (erasures.erase(user.accountId())) {
      case ErasureResult.Erased e -> new ErasedView(e.erasedAt());
      case ErasureResult.Refused r -> throw refused(r.decision());
    };
  }

  /** {@code 409 erasure.refused} with the legal reason in words and as codes. */
  static ProblemException refused(ErasureDecision.Refused refused) {
    LocalDate from = refused.keptUntil();
    ProblemException problem =
        ProblemException.of(HttpStatus.CONFLICT, "erasure.refused", reasonMessage(refused))
            .with("reason", refused.reason().code());
    return from == null ? problem : problem.with("possibleFrom", from.toString());
  }

  /** The sentence of the legal reason, {@code erasure.refused.<reason>} with the date. */
  static DefaultMessageSourceResolvable reasonMessage(ErasureDecision.Refused refused) {
    LocalDate from = refused.keptUntil();
    return new DefaultMessageSourceResolvable(
        new String[] {"erasure.refused." + refused.reason().code()},
        new Object[] {from == null ? "" : from.toString()});
  }

  private RelationshipView view(UUID accountId) {
    Relationship relationship = relationships.of(accountId);
    String status =
        relationship.startedAt() == null
            ? "none"
            : relationship.endedAt() == null ? "ongoing" : "ended";
    return new RelationshipView(
        status,
        relationship.startedAt(),
        relationship.endedAt(),
        ErasureView.of(relationships.erasureDecision(accountId)));
  }
}

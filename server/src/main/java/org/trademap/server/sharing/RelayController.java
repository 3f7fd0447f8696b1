package org.trademap.server.sharing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.server.web.ProblemException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consortium server's relay for securities companies with a server of their own (ADR 0035):
 * {@code /api/v1/relay/**}. No session: every request carries the headers {@code TradeMap-Member},
 * {@code TradeMap-Timestamp}, {@code TradeMap-Nonce} and {@code TradeMap-Signature} (Ed25519 of the
 * company node's key, see {@link RelaySignatures}).
 */
@RestController
@Tag(
    name = "Relay",
    description = "Signed requests of securities companies' own servers to the consortium's server")
class RelayController {
  static final String BASE = "/api/v1/relay";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Relay relay;

  RelayController(Relay relay) {
    this.relay = relay;
  }

  @PutMapping(
      path = BASE + "/key",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Register the company's HPKE public key",
      description =
          "The consortium seals the company's packages to this key from now on; the private key"
              + " stays on the company's server.")
  @ApiResponse(responseCode = "200", description = "registered")
  @ApiResponse(
      responseCode = "401",
      description =
          "relay.unsigned, relay.unknown-member, relay.signature-invalid, relay.stale,"
              + " relay.replayed")
  @ApiResponse(responseCode = "403", description = "relay.not-a-company, relay.no-company")
  @ApiResponse(responseCode = "422", description = "relay.invalid-key")
  Relay.Registered register(HttpServletRequest request, @RequestBody byte[] body) {
    Relay.Caller caller = caller(request, body);
    return SharingResult.unwrap(relay.register(caller, parse(body, Relay.KeyRegistration.class)));
  }

  @GetMapping(path = BASE + "/packages", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "The company's packages whose hash the ledger holds, oldest first",
      description =
          "At most 100 after the cursor (from the start without one), with the cursor to ask with"
              + " next time.")
  @ApiResponse(responseCode = "200", description = "the packages")
  @ApiResponse(responseCode = "400", description = "relay.invalid-cursor")
  @ApiResponse(responseCode = "401", description = "as for the key")
  Relay.Page<Relay.Listed> packages(
      HttpServletRequest request, @RequestParam(required = false) @Nullable String after) {
    return SharingResult.unwrap(relay.packages(caller(request, new byte[0]), after));
  }

  @GetMapping(path = BASE + "/notices", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "The company's change notices (③-D), oldest first",
      description =
          "At most 100 after the cursor (from the start without one), with the cursor to ask with"
              + " next time. A notice's updated package, if any, is listed among the packages.")
  @ApiResponse(responseCode = "200", description = "the notices")
  @ApiResponse(responseCode = "400", description = "relay.invalid-cursor")
  @ApiResponse(responseCode = "401", description = "as for the key")
  Relay.Page<Relay.RelayedNotice> notices(
      HttpServletRequest request, @RequestParam(required = false) @Nullable String after) {
    return SharingResult.unwrap(relay.notices(caller(request, new byte[0]), after));
  }

  @PostMapping(
      path = BASE + "/notices/{id}/acknowledge",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Report a change notice handled on the company's server",
      description = "Reporting it again changes nothing. Another company's notice: 404.")
  @ApiResponse(responseCode = "200", description = "the notice")
  @ApiResponse(responseCode = "404", description = "sharing.notice-not-found")
  ChangeNotices.Notice acknowledge(
      HttpServletRequest request,
      @PathVariable UUID id,
      @RequestBody(required = false) byte @Nullable [] body) {
    return SharingResult.unwrap(relay.acknowledge(caller(request, body), id));
  }

  @PostMapping(
      path = BASE + "/applications/states",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "The states of some of the company's applications",
      description =
          "For {\"applicationIds\": [...]} (at most 1000): the state of each that is the"
              + " company's; others are left out. A company's server asks about the applications"
              + " waiting for its decision, to learn of withdrawals.")
  @ApiResponse(responseCode = "200", description = "the states")
  @ApiResponse(responseCode = "422", description = "relay.invalid-query")
  List<Relay.State> states(HttpServletRequest request, @RequestBody byte[] body) {
    Relay.Caller caller = caller(request, body);
    return SharingResult.unwrap(relay.states(caller, parse(body, Relay.StateQuery.class)));
  }

  @GetMapping(path = BASE + "/packages/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "One of the company's packages, sealed to its key",
      description =
          "With the application's reference, the recipient commitment's salt and the ledger"
              + " transactions to verify it against on the company's own node. Another company's"
              + " package: 404.")
  @ApiResponse(responseCode = "200", description = "the package")
  @ApiResponse(responseCode = "404", description = "relay.package-not-found")
  ResponseEntity<Relay.Delivery> delivery(HttpServletRequest request, @PathVariable UUID id) {
    Relay.Caller caller = caller(request, new byte[0]);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(SharingResult.unwrap(relay.delivery(caller, id)));
  }

  @PostMapping(
      path = BASE + "/applications/{id}/decision",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Report the company's decision",
      description =
          "Trust model a: the company's own decide transaction, confirmed on this node's replica"
              + " of its channel (signed by the company's node). Trust model b: a decision"
              + " statement signed by the company's node; this server records decide on the"
              + " consortium-wide channel.")
  @ApiResponse(responseCode = "200", description = "the application's new state")
  @ApiResponse(responseCode = "404", description = "sharing.application-not-found")
  @ApiResponse(responseCode = "409", description = "sharing.already-decided")
  @ApiResponse(responseCode = "410", description = "sharing.withdrawn")
  @ApiResponse(
      responseCode = "422",
      description =
          "sharing.unknown-decision, relay.decision-not-on-ledger, relay.statement-invalid")
  Relay.Decided decide(
      HttpServletRequest request, @PathVariable UUID id, @RequestBody byte[] body) {
    Relay.Caller caller = caller(request, body);
    return SharingResult.unwrap(relay.decide(caller, id, parse(body, Relay.DecisionReport.class)));
  }

  private Relay.Caller caller(HttpServletRequest request, byte @Nullable [] body) {
    if (!relay.serving()) {
      throw ProblemException.of(HttpStatus.NOT_FOUND, "relay.not-here");
    }
    return SharingResult.unwrap(
        relay.authenticate(
            request.getMethod(),
            request.getQueryString() == null
                ? request.getRequestURI()
                : request.getRequestURI() + "?" + request.getQueryString(),
            request.getHeader(RelaySignatures.MEMBER),
            request.getHeader(RelaySignatures.TIMESTAMP),
            request.getHeader(RelaySignatures.NONCE),
            request.getHeader(RelaySignatures.SIGNATURE),
            body == null ? new byte[0] : body));
  }

  private static <T> T parse(byte[] body, Class<T> type) {
    try {
      return JSON.readValue(body, type);
    } catch (JacksonException e) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "relay.invalid-body");
    }
  }
}

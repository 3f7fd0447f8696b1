package org.trademap.server.ledgerexplorer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.node.ChannelLedger;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.server.config.TradeMapProperties;
import org.trademap.server.ledgergateway.LedgerGateway;
import org.trademap.server.ledgergateway.SubmitTimeoutException;
import org.trademap.server.web.ProblemException;

@RestController
@RequestMapping(path = "/api/v1/ledger", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Ledger",
    description =
        "Status, blocks and transactions of this node's channels (the unprefixed paths serve the"
            + " default channel)")
class LedgerApiController {
  private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  private static final String CONSISTENCY =
      "local (default): what this node has applied, which may lag behind the channel's leader;"
          + " linearizable: first every block the channel had committed when asked (Raft"
          + " ReadIndex), so that 404 means not committed; 503 ledger.unavailable if no leader"
          + " confirms";

  /** The batch submission's path. */
  static final String BATCH = "/api/v1/ledger/transactions/batch";

  private final LedgerGateway ledger;
  private final int maxBatch;

  LedgerApiController(LedgerGateway ledger, TradeMapProperties properties) {
    this.ledger = ledger;
    this.maxBatch = properties.api().maxBatchTransactions();
  }

  @GetMapping("/status")
  @Operation(summary = "This node's channel, height, head and Raft role")
  StatusView status() {
    return StatusView.of(ledger.status(), ledger.genesis().chainId());
  }

  @GetMapping("/blocks/{height}")
  @Operation(summary = "A committed block with its transactions and receipts")
  @ApiResponse(responseCode = "200", description = "The block")
  @ApiResponse(
      responseCode = "400",
      description = "request.bad-height: not a non-negative integer",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "404",
      description = "ledger.block-not-found: above the head",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  BlockView block(@PathVariable @Parameter(description = "Block height, from 0") String height) {
    long h = LedgerRequests.height(height);
    return ledger.block(h).map(BlockView::of).orElseThrow(() -> LedgerRequests.blockNotFound(h));
  }

  @GetMapping("/transactions/{txId}")
  @Operation(summary = "A recorded transaction with its block height, index and receipt")
  @ApiResponse(responseCode = "200", description = "The transaction")
  @ApiResponse(
      responseCode = "400",
      description =
          "request.bad-tx-id: not 64 hexadecimal characters;"
              + " request.bad-consistency: consistency is neither local nor linearizable",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "404",
      description = "ledger.transaction-not-found: the ledger never recorded it",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "503",
      description =
          "ledger.unavailable: consistency=linearizable and no leader confirms the channel's"
              + " commit index",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  TransactionView transaction(
      @PathVariable @Parameter(description = "Transaction id, 64 hex characters") String txId,
      @RequestParam(name = "consistency", required = false) @Parameter(description = CONSISTENCY)
          @Nullable String consistency) {
    Hash id = LedgerRequests.txId(txId);
    if (LedgerRequests.linearizable(consistency)) {
      ledger.sync();
    }
    return ledger
        .transaction(id)
        .map(TransactionView::of)
        .orElseThrow(() -> LedgerRequests.transactionNotFound(id));
  }

  @GetMapping("/channels/{channel}")
  @Operation(summary = "This node's view of one channel it holds: members, height, head, role")
  @ApiResponse(responseCode = "200", description = "The channel")
  @ApiResponse(
      responseCode = "404",
      description = "ledger.channel-not-found: this node holds no such channel",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  StatusView.ChannelView channel(
      @PathVariable @Parameter(description = "Channel name, e.g. all or rel-sec-1")
          String channel) {
    return StatusView.ChannelView.of(channelLedger(channel).status());
  }

  @GetMapping("/channels/{channel}/blocks/{height}")
  @Operation(summary = "A committed block of one channel, with its transactions and receipts")
  @ApiResponse(responseCode = "200", description = "The block")
  @ApiResponse(
      responseCode = "400",
      description = "request.bad-height: not a non-negative integer",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "404",
      description =
          "ledger.channel-not-found: this node holds no such channel;"
              + " ledger.block-not-found: above the channel's head",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  BlockView channelBlock(@PathVariable String channel, @PathVariable String height) {
    ChannelLedger c = channelLedger(channel);
    long h = LedgerRequests.height(height);
    return c.block(h).map(BlockView::of).orElseThrow(() -> LedgerRequests.blockNotFound(h));
  }

  @GetMapping("/channels/{channel}/transactions/{txId}")
  @Operation(summary = "A transaction recorded on one channel, with its block height and receipt")
  @ApiResponse(responseCode = "200", description = "The transaction")
  @ApiResponse(
      responseCode = "400",
      description =
          "request.bad-tx-id: not 64 hexadecimal characters;"
              + " request.bad-consistency: consistency is neither local nor linearizable",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "404",
      description =
          "ledger.channel-not-found: this node holds no such channel;"
              + " ledger.transaction-not-found: the channel never recorded it",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "503",
      description =
          "ledger.unavailable: consistency=linearizable and no leader confirms the channel's"
              + " commit index",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  TransactionView channelTransaction(
      @PathVariable String channel,
      @PathVariable String txId,
      @RequestParam(name = "consistency", required = false) @Parameter(description = CONSISTENCY)
          @Nullable String consistency) {
    ChannelLedger c = channelLedger(channel);
    Hash id = LedgerRequests.txId(txId);
    if (LedgerRequests.linearizable(consistency)) {
      ledger.sync(channel);
    }
    return c.transaction(id)
        .map(TransactionView::of)
        .orElseThrow(() -> LedgerRequests.transactionNotFound(id));
  }

  private ChannelLedger channelLedger(String channel) {
    return ledger
        .channel(channel)
        .orElseThrow(
            () ->
                ProblemException.of(
                        HttpStatus.NOT_FOUND,
                        "ledger.channel-not-found",
                        LedgerRequests.safe(channel))
                    .with("channel", LedgerRequests.safe(channel)));
  }

  @PostMapping(path = "/transactions", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Submit a signed transaction and wait until it is committed or refused",
      description =
          "Answers 201 when the transaction was committed and accepted. Every other outcome is a"
              + " problem document whose `code` names it: `ledger.contract-rejected` (with the"
              + " contract's code as `reason`), `ledger.<validation code in kebab case>` such as"
              + " `ledger.nonce-reused` or `ledger.bad-signature`, or `ledger.timeout` when the"
              + " outcome is not known within the configured time (the transaction may still be"
              + " committed: look it up by `txId`).")
  @ApiResponse(responseCode = "201", description = "Committed and accepted")
  @ApiResponse(
      responseCode = "400",
      description =
          "ledger.malformed, request.malformed-json, request.missing-field, request.bad-base64",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "413",
      description = "request.too-large",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "415",
      description = "request.unsupported-media-type",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "422",
      description = "ledger.contract-rejected or refused by the ledger (ledger.nonce-reused, ...)",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "503",
      description =
          "ledger.timeout, ledger.catching-up (the node restarted behind and takes no submissions"
              + " until it has caught up; nothing was submitted: submit again after Retry-After"
              + " seconds, or at another node) or ledger.unavailable",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  ResponseEntity<SubmitAccepted> submit(@RequestBody SubmitRequest request) {
    byte[] bytes = LedgerRequests.transactionBytes(request);
    SubmitResult result;
    try {
      result = ledger.submit(bytes);
    } catch (SubmitTimeoutException e) {
      throw ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE, "ledger.timeout")
          .with("txId", e.txId().hex());
    }
    // LedgerUnavailableException: web.ErrorResponses answers 503 ledger.unavailable, or
    // ledger.catching-up with Retry-After
    if (result instanceof SubmitResult.Committed committed && committed.receipt().accepted()) {
      return ResponseEntity.created(URI.create("/api/v1/ledger/transactions/" + committed.txId()))
          .body(SubmitAccepted.of(committed));
    }
    throw LedgerRequests.notAccepted(result);
  }

  @PostMapping(path = "/transactions/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Submit several signed transactions and wait until each is committed or refused",
      description =
          "For company and consortium systems that submit many transactions: takes 1 to"
              + " `trademap.api.max-batch-transactions` (default 1000) transactions, each encoded"
              + " as for `POST /api/v1/ledger/transactions`, submits them all and answers 200 once"
              + " each has an outcome (or the submit timeout has passed), with one result per"
              + " transaction in the order given: `accepted` with the block `height`, or the"
              + " problem `code` the single submission would answer (`ledger.nonce-reused`,"
              + " `ledger.contract-rejected` with `reason`, `ledger.malformed`, `ledger.timeout`,"
              + " `ledger.catching-up`, ...). A missing or empty list, an entry that is not base64,"
              + " or too many entries refuse the whole batch before any transaction is submitted.")
  @ApiResponse(responseCode = "200", description = "Every transaction's outcome, in order")
  @ApiResponse(
      responseCode = "400",
      description =
          "request.empty-batch, request.missing-field (field `transactions` or"
              + " `transactions[i]`), request.bad-base64 (field `transactions[i]`),"
              + " request.malformed-json; nothing was submitted",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "413",
      description =
          "request.batch-too-large (more than `max` transactions) or request.too-large (body"
              + " over `trademap.api.max-batch-request-size`); nothing was submitted",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "415",
      description = "request.unsupported-media-type",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "503",
      description =
          "ledger.catching-up (the node restarted behind: submit again after Retry-After seconds,"
              + " or at another node) or ledger.unavailable: the node takes no submissions;"
              + " nothing was submitted",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  BatchSubmitted submitBatch(@RequestBody BatchSubmitRequest request) {
    List<byte[]> transactions = LedgerRequests.batchBytes(request, maxBatch);
    // LedgerUnavailableException: web.ErrorResponses answers 503 ledger.unavailable, or
    // ledger.catching-up with Retry-After
    return BatchSubmitted.of(ledger.submitAll(transactions));
  }
}

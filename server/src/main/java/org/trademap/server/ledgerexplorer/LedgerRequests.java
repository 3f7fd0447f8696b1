package org.trademap.server.ledgerexplorer;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.server.web.ProblemException;

/** Parsing of request values and the problems for what the ledger says, shared by API and pages. */
final class LedgerRequests {
  private static final Pattern HEIGHT = Pattern.compile("[0-9]{1,18}");
  private static final Pattern TX_ID = Pattern.compile("[0-9a-fA-F]{64}");

  private LedgerRequests() {}

  /** A block height: a non-negative decimal integer. */
  static long height(String value) {
    if (!HEIGHT.matcher(value).matches()) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "request.bad-height");
    }
    return Long.parseLong(value);
  }

  private static final Pattern NAME = Pattern.compile("[a-z0-9._-]{1,64}");

  /** A name echoed in a problem: itself if it is a valid channel name, else a placeholder. */
  static String safe(String name) {
    return NAME.matcher(name).matches() ? name : "(invalid name)";
  }

  /** A transaction id: 64 hexadecimal characters. */
  static Hash txId(String value) {
    if (!TX_ID.matcher(value).matches()) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "request.bad-tx-id");
    }
    return Hash.ofHex(value.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether a transaction lookup must be linearizable: {@code consistency=linearizable} asks the
   * node to apply every block its channel had committed when the request came (a Raft ReadIndex
   * barrier) before it looks, so that "not found" is a decision; {@code local} or none reads what
   * the node has applied so far, which may lag behind the channel's leader.
   */
  static boolean linearizable(@Nullable String consistency) {
    if (consistency == null || consistency.equals("local")) {
      return false;
    }
    if (consistency.equals("linearizable")) {
      return true;
    }
    throw ProblemException.of(HttpStatus.BAD_REQUEST, "request.bad-consistency");
  }

  /** The bytes of a submitted transaction. */
  static byte[] transactionBytes(SubmitRequest request) {
    String base64 = request.transaction();
    if (base64 == null || base64.isBlank()) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "request.missing-field", "transaction")
          .with("field", "transaction");
    }
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "request.bad-base64", "transaction")
          .with("field", "transaction");
    }
  }

  /**
   * The bytes of each transaction of a batch, in order; refuses the whole batch ({@code 400}, or
   * {@code 413} for more than {@code max}) before any is submitted when the list is missing or
   * empty or an entry is not base64.
   */
  static List<byte[]> batchBytes(BatchSubmitRequest request, int max) {
    List<@Nullable String> given = request.transactions();
    if (given == null) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "request.missing-field", "transactions")
          .with("field", "transactions");
    }
    if (given.isEmpty()) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "request.empty-batch");
    }
    if (given.size() > max) {
      throw ProblemException.of(
              HttpStatus.CONTENT_TOO_LARGE,
              "request.batch-too-large",
              String.valueOf(given.size()),
              String.valueOf(max))
          .with("max", max);
    }
    List<byte[]> bytes = new ArrayList<>(given.size());
    for (int i = 0; i < given.size(); i++) {
      String base64 = given.get(i);
      String field = "transactions[" + i + "]";
      if (base64 == null || base64.isBlank()) {
        throw ProblemException.of(HttpStatus.BAD_REQUEST, "request.missing-field", field)
            .with("field", field);
      }
      try {
        bytes.add(Base64.getDecoder().decode(base64));
      } catch (IllegalArgumentException e) {
        throw ProblemException.of(HttpStatus.BAD_REQUEST, "request.bad-base64", field)
            .with("field", field);
      }
    }
    return bytes;
  }

  static ProblemException blockNotFound(long height) {
    return ProblemException.of(
            HttpStatus.NOT_FOUND, "ledger.block-not-found", Long.toString(height))
        .with("height", height);
  }

  static ProblemException transactionNotFound(Hash txId) {
    return ProblemException.of(HttpStatus.NOT_FOUND, "ledger.transaction-not-found", txId.hex())
        .with("txId", txId.hex());
  }

  /** The problem code for a validation code, e.g. {@code ledger.nonce-reused}. */
  static String problemCode(ValidationCode code) {
    return "ledger." + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Why a submission did not take effect: refused before ordering ({@code 400} for malformed bytes,
   * otherwise {@code 422}), or recorded in a block but rejected ({@code 422}, with the height and,
   * for a contract's rejection, the contract's code as {@code reason}).
   */
  static ProblemException notAccepted(SubmitResult result) {
    return switch (result) {
      case SubmitResult.Refused refused -> {
        HttpStatus status =
            refused.code() == ValidationCode.MALFORMED
                ? HttpStatus.BAD_REQUEST
                : HttpStatus.UNPROCESSABLE_CONTENT;
        yield ProblemException.withDetail(
                status, problemCode(refused.code()), sentence(refused.message(), refused.code()))
            .with("txId", refused.txId().hex());
      }
      case SubmitResult.Committed committed -> {
        Receipt receipt = committed.receipt();
        ProblemException problem =
            ProblemException.withDetail(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    problemCode(receipt.code()),
                    sentence(receipt.message(), receipt.code()))
                .with("txId", committed.txId().hex())
                .with("height", committed.height());
        yield receipt.reason().isEmpty() ? problem : problem.with("reason", receipt.reason());
      }
    };
  }

  /** The ledger's message, or the code's description when it gave none. */
  static String sentence(String message, ValidationCode code) {
    return message.isBlank() ? code.description() : message;
  }
}

package org.trademap.server.checks;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.trademap.contracts.kyc.CheckResult;

/** What a case was decided: each is recorded on the ledger as the {@code approval} check. */
enum Decision {
  /** Every check passed: the user gets a KYC key. */
  APPROVED(CheckResult.PASSED),
  /** A check failed: no account opening on this file. */
  REJECTED(CheckResult.FAILED),
  /** The user must supply more information; the case is reopened once they did. */
  NEEDS_INFORMATION(CheckResult.NEEDS_INFORMATION);

  private final CheckResult ledgerResult;

  Decision(CheckResult ledgerResult) {
    this.ledgerResult = ledgerResult;
  }

  /** The result of the {@code approval} check this decision records. */
  CheckResult ledgerResult() {
    return ledgerResult;
  }

  /** The name in the API and in message keys, e.g. {@code needs-information}. */
  String apiName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The decision an API client or a form names: {@code approve}, {@code reject} or {@code
   * needs-information}.
   */
  static Optional<Decision> ofVerb(@Nullable String verb) {
    return switch (verb == null ? "" : verb) {
      case "approve" -> Optional.of(APPROVED);
      case "reject" -> Optional.of(REJECTED);
      case "needs-information" -> Optional.of(NEEDS_INFORMATION);
      default -> Optional.empty();
    };
  }
}

package org.trademap.server.checks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why checks were reopened (re-KYC). The user sees it on My Page in words ({@code
 * checks.reopen-reason.<api name>}); it is a code, never free text, so it holds no personal data.
 */
public enum ReopenReason {
  /** The identity document expired. */
  DOCUMENT_EXPIRED,
  /** The user changed personal data after the submission. */
  PERSONAL_DATA_CHANGED,
  /** Re-screening against a changed list found a new hit. */
  NEW_LIST_HIT,
  /** A supervisor reopened the checks by hand. */
  SUPERVISOR;

  /** The name in the API and in message keys, e.g. {@code document-expired}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The reason with this API name, if there is one. */
  public static Optional<ReopenReason> ofApiName(@Nullable String apiName) {
    return Arrays.stream(values()).filter(r -> r.apiName().equals(apiName)).findFirst();
  }
}

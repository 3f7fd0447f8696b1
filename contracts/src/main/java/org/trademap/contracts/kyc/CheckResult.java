package org.trademap.contracts.kyc;

import java.util.Optional;

/** The result of one completed check. */
public enum CheckResult {
  /** The check found nothing against the subject. */
  PASSED(Wire.RESULT_PASSED),
  /** The check failed. */
  FAILED(Wire.RESULT_FAILED),
  /** The operator needs more information from the subject before deciding. */
  NEEDS_INFORMATION(Wire.RESULT_NEEDS_INFORMATION);

  private final String wireName;

  CheckResult(String wireName) {
    this.wireName = wireName;
  }

  /** The spelling used in arguments, records and events, e.g. {@code needs-information}. */
  public String wireName() {
    return wireName;
  }

  /** The result spelled {@code wireName}, if there is one. */
  public static Optional<CheckResult> ofWireName(String wireName) {
    for (CheckResult r : values()) {
      if (r.wireName.equals(wireName)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}

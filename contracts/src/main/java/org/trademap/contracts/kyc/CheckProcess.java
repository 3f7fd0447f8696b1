package org.trademap.contracts.kyc;

import java.util.Optional;

/** The common checks the consortium's account-opening department records in the registry. */
public enum CheckProcess {
  /** Judgment of the ID document (MRZ, expiry, match with the entered data). */
  ID_DOCUMENT(Wire.PROCESS_ID_DOCUMENT),
  /** Collation against sanctions, PEP and anti-social-forces lists. */
  SANCTIONS_SCREENING(Wire.PROCESS_SANCTIONS_SCREENING),
  /** Confirmation of the residence address. */
  RESIDENCE_CONFIRMATION(Wire.PROCESS_RESIDENCE_CONFIRMATION),
  /** FINMA video identification. */
  VIDEO_IDENTIFICATION(Wire.PROCESS_VIDEO_IDENTIFICATION),
  /** Declaration of beneficial owners (Form A / K). */
  BENEFICIAL_OWNERS(Wire.PROCESS_BENEFICIAL_OWNERS),
  /** Final approval of the KYC case. */
  APPROVAL(Wire.PROCESS_APPROVAL);

  private final String wireName;

  CheckProcess(String wireName) {
    this.wireName = wireName;
  }

  /** The spelling used in arguments, records and events, e.g. {@code id-document}. */
  public String wireName() {
    return wireName;
  }

  /** The process spelled {@code wireName}, if there is one. */
  public static Optional<CheckProcess> ofWireName(String wireName) {
    for (CheckProcess p : values()) {
      if (p.wireName.equals(wireName)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}

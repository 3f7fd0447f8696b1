package org.trademap.server.checks;

import java.util.regex.Pattern;
import org.trademap.contracts.kyc.CheckResult;

/**
 * A result a check-specific part proposes for its task (the MRZ judgment, a screening hit, a
 * confirmed residence code). The operator sees it on the case page, where it pre-fills the form,
 * and confirms it or overrides it with a reason. A high-risk proposal puts the task first in the
 * queue and pre-ticks the high-risk flag, so that a confirmation goes to a supervisor.
 *
 * @param result the proposed result
 * @param highRisk whether the part found something high-risk (a confirmed list hit, a PEP)
 * @param note a message key naming what was found, e.g. {@code checks.document.mrz-mismatch}: 1–64
 *     characters of {@code [a-z0-9.-]}, never personal data
 */
public record Proposal(CheckResult result, boolean highRisk, String note) {
  private static final Pattern NOTE = Pattern.compile("[a-z0-9.-]{1,64}");

  /** Validates the note. */
  public Proposal {
    if (!NOTE.matcher(note).matches()) {
      throw new IllegalArgumentException("a proposal's note is a message key of [a-z0-9.-]{1,64}");
    }
  }
}

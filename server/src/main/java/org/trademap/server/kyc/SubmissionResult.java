package org.trademap.server.kyc;

import java.util.List;

/** What became of submitting a KYC file. */
public sealed interface SubmissionResult {

  /**
   * The file is submitted and its registration on the ledger enqueued.
   *
   * @param submission the submission
   * @param now false if the file had been submitted before (nothing was changed)
   */
  record Submitted(Submission submission, boolean now) implements SubmissionResult {}

  /**
   * Something the submission needs is missing; nothing was changed.
   *
   * @param missing what is missing, in {@link Requirement} order
   */
  record Incomplete(List<Requirement> missing) implements SubmissionResult {
    /** Copies the list. */
    public Incomplete {
      missing = List.copyOf(missing);
    }
  }
}

package org.trademap.server.kyc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A submitted KYC file and its ledger transactions.
 *
 * @param submittedAt when it was submitted
 * @param revision the file revision submitted
 * @param ledger the commitments sent to the ledger, oldest first: the registration, then one update
 *     per later change of the data
 */
public record Submission(Instant submittedAt, int revision, List<Entry> ledger) {

  /** Copies the list. */
  public Submission {
    ledger = List.copyOf(ledger);
  }

  /**
   * One commitment sent to the ledger.
   *
   * @param method {@code register} or {@code update-commitment}
   * @param revision the file revision it commits to
   * @param record where its transaction stands
   */
  public record Entry(String method, int revision, LedgerRecord record) {}

  /** The registration, if it was enqueued (always, for a submitted file). */
  public Optional<Entry> registration() {
    return ledger.stream().findFirst();
  }

  /** The newest commitment sent. */
  public Optional<Entry> latest() {
    return ledger.isEmpty() ? Optional.empty() : Optional.of(ledger.getLast());
  }
}

package org.trademap.server.checks.residence;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.trademap.server.kyc.SubjectRef;

/**
 * Where a subject's residence confirmation stands: what the case page shows and what decides the
 * proposed result of the residence check.
 *
 * @param subject the subject
 * @param current the current (newest) letter, or null if none was made
 * @param state the current letter's state at the time asked (with expiry), or null without letter
 * @param proposal the result the check proposes
 * @param attemptsLeft wrong codes the current letter still allows (0 without an open letter)
 * @param letters all the subject's letters, newest first
 */
public record ResidenceStatus(
    SubjectRef subject,
    @Nullable Letter current,
    @Nullable LetterState state,
    Proposal proposal,
    int attemptsLeft,
    List<Letter> letters) {

  /** The result the residence check proposes to the operator. */
  public enum Proposal {
    /** No letter yet, or the current one is waiting to be printed, posted or answered. */
    PENDING,
    /** The subject entered the code of the current letter: the address is confirmed. */
    PASSED,
    /**
     * The current letter came back undeliverable: the subject does not live at the address. The
     * case fails the check, or asks the subject for the right address (needs information).
     */
    FAILED,
    /** The current letter's code expired or was locked by wrong entries: send a new letter. */
    NEW_LETTER_NEEDED
  }

  /** Copies the letters. */
  public ResidenceStatus {
    letters = List.copyOf(letters);
  }

  /** The status of a subject with these letters (newest first) at {@code now}. */
  static ResidenceStatus of(
      SubjectRef subject, List<Letter> letters, Instant now, int maxFailuresPerLetter) {
    if (letters.isEmpty()) {
      return new ResidenceStatus(subject, null, null, Proposal.PENDING, 0, letters);
    }
    Letter current = letters.getFirst();
    LetterState state = current.stateAt(now);
    Proposal proposal =
        switch (state) {
          case LetterState.Generated g -> Proposal.PENDING;
          case LetterState.Sent s -> Proposal.PENDING;
          case LetterState.Confirmed c -> Proposal.PASSED;
          case LetterState.Returned r -> Proposal.FAILED;
          case LetterState.Expired e -> Proposal.NEW_LETTER_NEEDED;
          case LetterState.Locked l -> Proposal.NEW_LETTER_NEEDED;
          case LetterState.Superseded s ->
              throw new IllegalStateException("the newest letter cannot be superseded");
        };
    int left = state.open() ? Math.max(0, maxFailuresPerLetter - current.failedAttempts()) : 0;
    return new ResidenceStatus(subject, current, state, proposal, left, letters);
  }

  /** The state's API name, {@code none} without letter. */
  public String stateName() {
    return state == null ? "none" : state.apiName();
  }
}

package org.trademap.server.checks.residence;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.trademap.server.checks.residence.LetterState.Confirmed;
import org.trademap.server.checks.residence.LetterState.Dispatch;
import org.trademap.server.checks.residence.LetterState.Expired;
import org.trademap.server.checks.residence.LetterState.Generated;
import org.trademap.server.checks.residence.LetterState.Locked;
import org.trademap.server.checks.residence.LetterState.Returned;
import org.trademap.server.checks.residence.LetterState.Sent;
import org.trademap.server.checks.residence.LetterState.Superseded;
import org.trademap.server.kyc.SubjectRef;

/**
 * A residence letter: who it goes to (by reference only), when its code expires, and where it
 * stands. Neither the code nor the address is part of it. The transitions are pure: they take the
 * time and return the next letter or why not.
 *
 * @param id the letter's random id
 * @param subject the subject it is addressed to
 * @param issue 1 for the subject's first letter, then 2, 3, …; the highest is the current letter
 * @param language the language of the letter's text ({@code en} or {@code de})
 * @param createdAt when it was made
 * @param generatedBy the operator who made it
 * @param expiresAt from this instant on its code no longer works
 * @param failedAttempts wrong codes entered for it so far
 * @param unprintable characters of the address that no font of the letter has, printed as {@code
 *     ?}: when not 0, an operator checks the printed address before posting the letter
 * @param state where it stands as stored ({@link #stateAt} adds the expiry)
 */
public record Letter(
    UUID id,
    SubjectRef subject,
    int issue,
    String language,
    Instant createdAt,
    UUID generatedBy,
    Instant expiresAt,
    int failedAttempts,
    int unprintable,
    LetterState state) {

  /** Refuses letters the lifecycle cannot produce. */
  public Letter {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(state, "state");
    if (issue < 1 || failedAttempts < 0 || unprintable < 0) {
      throw new IllegalArgumentException("issue starts at 1 and counts cannot be negative");
    }
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("a letter expires after it was made");
    }
    if (state instanceof Expired) {
      throw new IllegalArgumentException("expiry is not stored; it follows from expiresAt");
    }
  }

  /** What a change of the letter led to. */
  public sealed interface Transition {
    /** The letter changed into {@code next}. */
    record Moved(Letter next) implements Transition {}

    /** Nothing changed. */
    record Refused(Refusal refusal) implements Transition {}
  }

  /** What entering a code for the letter led to. */
  public sealed interface Attempt {
    /** The right code: {@code next} is confirmed. */
    record Accepted(Letter next) implements Attempt {}

    /**
     * A wrong code, counted: {@code next} has one more failed attempt and is locked when none are
     * left.
     */
    record Wrong(Letter next, int attemptsLeft) implements Attempt {}

    /** The letter does not take codes any more; nothing changed. */
    record Refused(Refusal refusal) implements Attempt {}
  }

  /** The letter as it stands at {@code now}: an open letter past its expiry is {@link Expired}. */
  public LetterState stateAt(Instant now) {
    if (state.open() && !now.isBefore(expiresAt)) {
      return new Expired(state.dispatch(), expiresAt);
    }
    return state;
  }

  /** An operator posted the letter: only a generated letter that has not expired can be sent. */
  public Transition markSent(UUID operator, Instant now) {
    return switch (stateAt(now)) {
      case Generated g -> moved(new Sent(new Dispatch(now, operator)));
      case Sent s -> new Transition.Refused(Refusal.ALREADY_SENT);
      case Confirmed c -> new Transition.Refused(Refusal.LETTER_CLOSED);
      case Returned r -> new Transition.Refused(Refusal.LETTER_CLOSED);
      case Expired e -> new Transition.Refused(Refusal.LETTER_CLOSED);
      case Locked l -> new Transition.Refused(Refusal.LETTER_CLOSED);
      case Superseded s -> new Transition.Refused(Refusal.LETTER_CLOSED);
    };
  }

  /**
   * The post brought the letter back. Only a letter that was sent and not confirmed: also when it
   * has expired or was locked meanwhile, since a returned letter is what the check is about.
   */
  public Transition markReturned(UUID operator, Instant now) {
    LetterState current = stateAt(now);
    Dispatch dispatch = current.dispatch();
    return switch (current) {
      case Generated g -> new Transition.Refused(Refusal.NOT_SENT);
      case Sent s -> moved(new Returned(s.dispatch(), now, operator));
      case Expired e when dispatch != null -> moved(new Returned(dispatch, now, operator));
      case Locked l when dispatch != null -> moved(new Returned(dispatch, now, operator));
      case Expired e -> new Transition.Refused(Refusal.NOT_SENT);
      case Locked l -> new Transition.Refused(Refusal.NOT_SENT);
      case Confirmed c -> new Transition.Refused(Refusal.LETTER_CLOSED);
      case Returned r -> new Transition.Refused(Refusal.LETTER_CLOSED);
      case Superseded s -> new Transition.Refused(Refusal.LETTER_CLOSED);
    };
  }

  /**
   * A newer letter replaces this one: a letter whose code could still be entered (or that merely
   * expired) is superseded; a confirmed, returned, locked or superseded one stays as it is.
   */
  public Letter supersede(Instant now) {
    return switch (state) {
      case Generated g -> withState(new Superseded(null, now));
      case Sent s -> withState(new Superseded(s.dispatch(), now));
      case Confirmed c -> this;
      case Returned r -> this;
      case Expired e -> throw new IllegalStateException("expiry is never stored");
      case Locked l -> this;
      case Superseded s -> this;
    };
  }

  /**
   * The subject entered a well-formed code.
   *
   * @param matches whether it is this letter's code
   * @param maxFailures wrong codes allowed per letter; the last one locks it
   */
  public Attempt attempt(boolean matches, Instant now, int maxFailures) {
    return switch (stateAt(now)) {
      case Generated g -> enter(matches, null, now, maxFailures);
      case Sent s -> enter(matches, s.dispatch(), now, maxFailures);
      case Confirmed c -> new Attempt.Refused(Refusal.ALREADY_CONFIRMED);
      case Returned r -> new Attempt.Refused(Refusal.LETTER_RETURNED);
      case Expired e -> new Attempt.Refused(Refusal.CODE_EXPIRED);
      case Locked l -> new Attempt.Refused(Refusal.LOCKED);
      case Superseded s -> new Attempt.Refused(Refusal.NO_LETTER);
    };
  }

  private Attempt enter(
      boolean matches, @Nullable Dispatch dispatch, Instant now, int maxFailures) {
    if (matches) {
      return new Attempt.Accepted(withState(new Confirmed(dispatch, now)));
    }
    int failures = failedAttempts + 1;
    int left = Math.max(0, maxFailures - failures);
    LetterState next = left == 0 ? new Locked(dispatch, now) : state;
    return new Attempt.Wrong(with(failures, next), left);
  }

  private Transition moved(LetterState next) {
    return new Transition.Moved(withState(next));
  }

  private Letter withState(LetterState next) {
    return with(failedAttempts, next);
  }

  private Letter with(int failures, LetterState next) {
    return new Letter(
        id,
        subject,
        issue,
        language,
        createdAt,
        generatedBy,
        expiresAt,
        failures,
        unprintable,
        next);
  }
}

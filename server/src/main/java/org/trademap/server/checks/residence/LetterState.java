package org.trademap.server.checks.residence;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where a residence letter stands. A letter is {@link Generated}, then {@link Sent} when an
 * operator posts it, and ends {@link Confirmed} (the subject entered its code), {@link Returned}
 * (the post brought it back undeliverable), {@link Expired}, {@link Locked} (too many wrong codes)
 * or {@link Superseded} (a newer letter replaced it). Only a generated or sent letter accepts its
 * code; the others are final, except that a sent letter that expired or was locked can still come
 * back returned.
 *
 * <p>{@link Expired} is never stored: a generated or sent letter is expired from its expiry on
 * ({@link Letter#stateAt}).
 */
public sealed interface LetterState {

  /** The state's name in the API and the messages: {@code generated}, {@code sent}, … */
  String apiName();

  /** When and by whom the letter was posted, or null if it was not. */
  @Nullable Dispatch dispatch();

  /** Whether the letter's code can still be entered. */
  default boolean open() {
    return this instanceof Generated || this instanceof Sent;
  }

  /**
   * The posting of a letter.
   *
   * @param at when the operator marked it sent
   * @param by the operator's account id
   */
  record Dispatch(Instant at, UUID by) {
    public Dispatch {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
    }
  }

  /** Made and waiting to be printed and posted; its PDF can be downloaded. */
  record Generated() implements LetterState {
    @Override
    public String apiName() {
      return "generated";
    }

    @Override
    public @Nullable Dispatch dispatch() {
      return null;
    }
  }

  /**
   * Posted; waiting for the subject's code.
   *
   * @param dispatch when and by whom
   */
  record Sent(Dispatch dispatch) implements LetterState {
    @Override
    public String apiName() {
      return "sent";
    }
  }

  /**
   * The subject entered the right code: the address is confirmed.
   *
   * @param dispatch the posting, or null if the code came back before the letter was marked sent
   * @param confirmedAt when
   */
  record Confirmed(@Nullable Dispatch dispatch, Instant confirmedAt) implements LetterState {
    @Override
    public String apiName() {
      return "confirmed";
    }
  }

  /**
   * The post returned the letter as undeliverable: the subject does not live at the address.
   *
   * @param dispatch the posting
   * @param returnedAt when an operator marked it returned
   * @param returnedBy that operator's account id
   */
  record Returned(Dispatch dispatch, Instant returnedAt, UUID returnedBy) implements LetterState {
    @Override
    public String apiName() {
      return "returned";
    }
  }

  /**
   * The code was not entered before the expiry.
   *
   * @param dispatch the posting, or null if the letter was never marked sent
   * @param expiredAt the letter's expiry
   */
  record Expired(@Nullable Dispatch dispatch, Instant expiredAt) implements LetterState {
    @Override
    public String apiName() {
      return "expired";
    }
  }

  /**
   * Too many wrong codes were entered; only a new letter helps.
   *
   * @param dispatch the posting, or null if the letter was not marked sent
   * @param lockedAt when the last allowed wrong code was entered
   */
  record Locked(@Nullable Dispatch dispatch, Instant lockedAt) implements LetterState {
    @Override
    public String apiName() {
      return "locked";
    }
  }

  /**
   * A newer letter to the same subject replaced this one; its code no longer works.
   *
   * @param dispatch the posting, or null if it was not marked sent
   * @param supersededAt when the newer letter was made
   */
  record Superseded(@Nullable Dispatch dispatch, Instant supersededAt) implements LetterState {
    @Override
    public String apiName() {
      return "superseded";
    }
  }
}

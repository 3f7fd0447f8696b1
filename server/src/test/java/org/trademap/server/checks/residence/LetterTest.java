package org.trademap.server.checks.residence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trademap.server.checks.residence.Letter.Attempt;
import org.trademap.server.checks.residence.Letter.Transition;
import org.trademap.server.checks.residence.LetterState.Confirmed;
import org.trademap.server.checks.residence.LetterState.Dispatch;
import org.trademap.server.checks.residence.LetterState.Expired;
import org.trademap.server.checks.residence.LetterState.Generated;
import org.trademap.server.checks.residence.LetterState.Locked;
import org.trademap.server.checks.residence.LetterState.Returned;
import org.trademap.server.checks.residence.LetterState.Sent;
import org.trademap.server.checks.residence.LetterState.Superseded;
import org.trademap.server.kyc.SubjectRef;

/** The lifecycle of a residence letter, step by step, with the times given. */
class LetterTest {
  private static final Instant MADE = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant EXPIRES = Instant.parse("2026-04-01T00:00:00Z");
  private static final UUID OPERATOR = UUID.randomUUID();
  private static final UUID OTHER_OPERATOR = UUID.randomUUID();
  private static final int MAX = 5;

  private static Letter letter(int issue, Instant expires, LetterState state) {
    return new Letter(
        UUID.randomUUID(), SubjectRef.random(), issue, "en", MADE, OPERATOR, expires, 0, 0, state);
  }

  private static Letter generated() {
    return letter(1, EXPIRES, new Generated());
  }

  private static Letter moved(Transition transition) {
    assertThat(transition).isInstanceOf(Transition.Moved.class);
    return ((Transition.Moved) transition).next();
  }

  private static Refusal refused(Transition transition) {
    assertThat(transition).isInstanceOf(Transition.Refused.class);
    return ((Transition.Refused) transition).refusal();
  }

  private static Refusal refused(Attempt attempt) {
    assertThat(attempt).isInstanceOf(Attempt.Refused.class);
    return ((Attempt.Refused) attempt).refusal();
  }

  private static Letter sent() {
    return moved(generated().markSent(OPERATOR, MADE.plus(Duration.ofHours(2))));
  }

  private static Letter wrong(Letter letter, Instant at) {
    Attempt attempt = letter.attempt(false, at, MAX);
    assertThat(attempt).isInstanceOf(Attempt.Wrong.class);
    return ((Attempt.Wrong) attempt).next();
  }

  @Test
  void aGeneratedLetterIsSentThenConfirmedByItsCode() {
    Instant postedAt = MADE.plus(Duration.ofHours(2));
    Letter sent = moved(generated().markSent(OPERATOR, postedAt));
    Instant enteredAt = MADE.plus(Duration.ofDays(3));
    Attempt attempt = sent.attempt(true, enteredAt, MAX);

    assertThat(sent.state()).isEqualTo(new Sent(new Dispatch(postedAt, OPERATOR)));
    assertThat(attempt).isInstanceOf(Attempt.Accepted.class);
    assertThat(((Attempt.Accepted) attempt).next().state())
        .isEqualTo(new Confirmed(new Dispatch(postedAt, OPERATOR), enteredAt));
  }

  @Test
  void theCodeWorksBeforeTheLetterIsMarkedSent() {
    Attempt attempt = generated().attempt(true, MADE.plus(Duration.ofDays(1)), MAX);

    assertThat(((Attempt.Accepted) attempt).next().state())
        .isEqualTo(new Confirmed(null, MADE.plus(Duration.ofDays(1))));
  }

  @Test
  void aCodeWorksOnlyOnce() {
    Letter confirmed = ((Attempt.Accepted) sent().attempt(true, MADE.plusSeconds(60), MAX)).next();

    assertThat(refused(confirmed.attempt(true, MADE.plusSeconds(120), MAX)))
        .isEqualTo(Refusal.ALREADY_CONFIRMED);
    assertThat(refused(confirmed.attempt(false, MADE.plusSeconds(120), MAX)))
        .isEqualTo(Refusal.ALREADY_CONFIRMED);
  }

  @Test
  void wrongCodesCountDownAndTheLastOneLocksTheLetter() {
    Letter letter = sent();
    for (int i = 1; i < MAX; i++) {
      Attempt attempt = letter.attempt(false, MADE.plusSeconds(i), MAX);
      assertThat(((Attempt.Wrong) attempt).attemptsLeft()).isEqualTo(MAX - i);
      letter = ((Attempt.Wrong) attempt).next();
      assertThat(letter.state()).isInstanceOf(Sent.class);
      assertThat(letter.failedAttempts()).isEqualTo(i);
    }
    Attempt last = letter.attempt(false, MADE.plusSeconds(99), MAX);

    assertThat(((Attempt.Wrong) last).attemptsLeft()).isZero();
    Letter locked = ((Attempt.Wrong) last).next();
    assertThat(locked.state()).isInstanceOf(Locked.class);
    assertThat(locked.state().dispatch()).isEqualTo(sent().state().dispatch());
    assertThat(refused(locked.attempt(true, MADE.plusSeconds(100), MAX))).isEqualTo(Refusal.LOCKED);
  }

  @Test
  void theLetterExpiresExactlyAtItsExpiry() {
    Letter letter = sent();

    assertThat(letter.stateAt(EXPIRES.minusMillis(1))).isInstanceOf(Sent.class);
    assertThat(letter.stateAt(EXPIRES)).isEqualTo(new Expired(letter.state().dispatch(), EXPIRES));
    assertThat(letter.attempt(true, EXPIRES.minusMillis(1), MAX))
        .isInstanceOf(Attempt.Accepted.class);
    assertThat(refused(letter.attempt(true, EXPIRES, MAX))).isEqualTo(Refusal.CODE_EXPIRED);
    assertThat(refused(letter.attempt(false, EXPIRES, MAX))).isEqualTo(Refusal.CODE_EXPIRED);
  }

  @Test
  void anExpiredLetterCanNoLongerBeSentAndItsPdfIsClosed() {
    assertThat(refused(generated().markSent(OPERATOR, EXPIRES))).isEqualTo(Refusal.LETTER_CLOSED);
  }

  @Test
  void aLetterIsSentOnlyOnce() {
    assertThat(refused(sent().markSent(OTHER_OPERATOR, MADE.plus(Duration.ofDays(1)))))
        .isEqualTo(Refusal.ALREADY_SENT);
  }

  @Test
  void onlyASentLetterComesBackReturned() {
    Instant back = MADE.plus(Duration.ofDays(5));
    Letter returned = moved(sent().markReturned(OTHER_OPERATOR, back));

    assertThat(refused(generated().markReturned(OPERATOR, back))).isEqualTo(Refusal.NOT_SENT);
    assertThat(returned.state())
        .isEqualTo(new Returned(((Sent) sent().state()).dispatch(), back, OTHER_OPERATOR));
    assertThat(refused(returned.markReturned(OPERATOR, back))).isEqualTo(Refusal.LETTER_CLOSED);
    assertThat(refused(returned.markSent(OPERATOR, back))).isEqualTo(Refusal.LETTER_CLOSED);
    assertThat(refused(returned.attempt(true, back, MAX))).isEqualTo(Refusal.LETTER_RETURNED);
  }

  @Test
  void aSentLetterThatExpiredOrWasLockedCanStillComeBack() {
    Letter locked = sent();
    for (int i = 0; i < MAX; i++) {
      locked = wrong(locked, MADE.plusSeconds(10 + i));
    }
    Instant late = EXPIRES.plus(Duration.ofDays(10));

    assertThat(moved(sent().markReturned(OPERATOR, late)).state()).isInstanceOf(Returned.class);
    assertThat(moved(locked.markReturned(OPERATOR, MADE.plusSeconds(60))).state())
        .isInstanceOf(Returned.class);
    assertThat(refused(generated().markReturned(OPERATOR, late))).isEqualTo(Refusal.NOT_SENT);
  }

  @Test
  void aConfirmedLetterCannotComeBack() {
    Letter confirmed = ((Attempt.Accepted) sent().attempt(true, MADE.plusSeconds(60), MAX)).next();

    assertThat(refused(confirmed.markReturned(OPERATOR, MADE.plusSeconds(120))))
        .isEqualTo(Refusal.LETTER_CLOSED);
  }

  @Test
  void supersedingClosesOpenLettersAndKeepsFinalOnes() {
    Instant later = MADE.plus(Duration.ofDays(2));
    Letter sent = sent();
    Letter confirmed = ((Attempt.Accepted) sent.attempt(true, MADE.plusSeconds(60), MAX)).next();
    Letter superseded = sent.supersede(later);

    assertThat(generated().supersede(later).state()).isEqualTo(new Superseded(null, later));
    assertThat(superseded.state()).isEqualTo(new Superseded(sent.state().dispatch(), later));
    assertThat(confirmed.supersede(later)).isEqualTo(confirmed);
    assertThat(refused(superseded.attempt(true, later, MAX))).isEqualTo(Refusal.NO_LETTER);
    assertThat(refused(superseded.markSent(OPERATOR, later))).isEqualTo(Refusal.LETTER_CLOSED);
    assertThat(refused(superseded.markReturned(OPERATOR, later))).isEqualTo(Refusal.LETTER_CLOSED);
  }

  @Test
  void refusesLettersTheLifecycleCannotProduce() {
    assertThatThrownBy(() -> letter(0, EXPIRES, new Generated()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> letter(1, MADE, new Generated()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> letter(1, EXPIRES, new Expired(null, EXPIRES)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

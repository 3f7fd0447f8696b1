package org.trademap.server.checks.residence;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.checks.residence.Letter.Transition;
import org.trademap.server.checks.residence.Recipients.Lookup;
import org.trademap.server.checks.residence.ResidenceStatus.Proposal;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.testing.OnEachDatabase;
import org.trademap.server.testing.TestDatabase;

/** The façade on H2 and PostgreSQL: letters, codes, limits and what is stored. */
class ResidenceConfirmationTest {

  private static List<Map<String, @Nullable Object>> rows(TestDatabase db, String table) {
    return JdbcClient.create(db.dataSource()).sql("SELECT * FROM " + table).query().listOfRows();
  }

  private static String dump(TestDatabase db) {
    StringBuilder all = new StringBuilder();
    for (String table : new String[] {"residence_letter", "residence_attempt"}) {
      for (Map<String, @Nullable Object> row : rows(db, table)) {
        for (Object value : row.values()) {
          all.append(value instanceof byte[] bytes ? new String(bytes, UTF_8) : value).append('|');
        }
      }
    }
    return all.toString();
  }

  private static ConfirmResult.Refused refused(ConfirmResult result) {
    assertThat(result).isInstanceOf(ConfirmResult.Refused.class);
    return (ConfirmResult.Refused) result;
  }

  @OnEachDatabase
  void storesOnlyTheHashOfTheCodeAndThePdfSealed(TestDatabase db) {
    ResidenceFixture f = new ResidenceFixture(db);
    Subject subject = f.subject();

    Letter letter = f.generate(subject);
    String code = f.code(letter);

    Map<String, @Nullable Object> row = rows(db, "residence_letter").getFirst();
    assertThat((byte[]) row.get("code_hash")).hasSize(32);
    assertThat((byte[]) row.get("sealed_pdf")).isNotEmpty();
    assertThat(dump(db))
        .doesNotContain(code)
        .doesNotContain(code.replace("-", ""))
        .doesNotContain("Bahnhofstrasse")
        .doesNotContain("Dvořák")
        .doesNotContain("%PDF");
    assertThat(letter.issue()).isEqualTo(1);
    assertThat(letter.state()).isInstanceOf(LetterState.Generated.class);
    assertThat(letter.generatedBy()).isEqualTo(f.operator);
    assertThat(f.residence.status(subject.ref()).orElseThrow().proposal())
        .isEqualTo(Proposal.PENDING);
  }

  @OnEachDatabase
  void theCodeExpiresAtTheEndOfTheDayItsValidityEndsOn(TestDatabase db) {
    ResidenceFixture f = new ResidenceFixture(db);
    Instant now = f.clock.instant();

    Letter letter = f.generate(f.subject());

    Instant end = now.plus(f.properties.codeValidity());
    assertThat(letter.expiresAt()).isAfter(end).isBeforeOrEqualTo(end.plus(Duration.ofDays(1)));
    assertThat(letter.expiresAt().atOffset(ZoneOffset.UTC).toLocalTime()).isEqualTo("00:00");
    assertThat(f.residence.expiry(now)).isEqualTo(letter.expiresAt());
  }

  @OnEachDatabase
  void theRightCodeConfirmsOnceHoweverItIsTyped(TestDatabase db) {
    ResidenceFixture f = new ResidenceFixture(db);
    Subject subject = f.subject();
    Letter letter = f.generate(subject);
    String typed = " " + f.code(letter).toLowerCase(Locale.ROOT).replace("-", " - ") + " ";

    ConfirmResult first = f.residence.confirm(subject.accountId(), typed);
    ConfirmResult again = f.residence.confirm(subject.accountId(), typed);

    assertThat(first).isInstanceOf(ConfirmResult.Confirmed.class);
    assertThat(refused(again).refusal()).isEqualTo(Refusal.ALREADY_CONFIRMED);
    ResidenceStatus status = f.residence.status(subject.ref()).orElseThrow();
    assertThat(status.proposal()).isEqualTo(Proposal.PASSED);
    assertThat(status.stateName()).isEqualTo("confirmed");
    assertThat(f.residence.pdf(letter.id(), f.operator))
        .isEqualTo(new PdfResult.Refused(Refusal.LETTER_CLOSED));
    assertThat(rows(db, "residence_letter").getFirst().get("sealed_pdf")).isNull();
  }

  @OnEachDatabase
  void fiveWrongCodesLockTheLetterAndThenEvenTheRightOneIsRefused(TestDatabase db) {
    ResidenceFixture f = new ResidenceFixture(db);
    Subject subject = f.subject();
    Letter letter = f.generate(subject);
    String code = f.code(letter);

    for (int left = 4; left >= 1; left--) {
      assertThat(f.residence.confirm(subject.accountId(), ResidenceFixture.otherCode(code, left)))
          .isEqualTo(new ConfirmResult.WrongCode(left));
    }
    ConfirmResult fifth =
        f.residence.confirm(subject.accountId(), ResidenceFixture.otherCode(code, 9));
    ConfirmResult right = f.residence.confirm(subject.accountId(), code);

    assertThat(refused(fifth).refusal()).isEqualTo(Refusal.LOCKED);
    assertThat(refused(right).refusal()).isEqualTo(Refusal.LOCKED);
    assertThat(f.stored(letter).state()).isInstanceOf(LetterState.Locked.class);
    assertThat(f.stored(letter).failedAttempts()).isEqualTo(5);
    assertThat(rows(db, "residence_attempt")).hasSize(5);
    assertThat(f.residence.status(subject.ref()).orElseThrow().proposal())
        .isEqualTo(Proposal.NEW_LETTER_NEEDED);
  }

  @OnEachDatabase
  void aMalformedCodeIsRefusedWithoutBeingCounted(TestDatabase db) {
    ResidenceFixture f = new ResidenceFixture(db);
    Subject subject = f.subject();
    Letter letter = f.generate(subject);
    String code = f.code(letter);
    char wrongCheck = code.charAt(10) == '0' ? '1' : '0';
    String before = dump(db);

    for (String typed : new String[] {"", "hello", code.substring(0, 10) + wrongCheck}) {
      assertThat(refused(f.residence.confirm(subject.accountId(), typed)).refusal())
          .isEqualTo(Refusal.CODE_MALFORMED);
    }

    assertThat(dump(db)).isEqualTo(before);
    assertThat(f.residence.status(subject.ref()).orElseThrow().attemptsLeft()).isEqualTo(5);
  }

  @OnEachDatabase
  void anExpiredCodeIsRefusedAndNothingChanges(TestDatabase db) {
    ResidenceFixture f = new ResidenceFixture(db);
    Subject subject = f.subject();
    Letter letter = f.generate(subject);
    String code = f.code(letter);
    f.clock.advance(Duration.between(f.clock.instant(), letter.expiresAt()));
    String before = dump(db);

    ConfirmResult right = f.residence.confirm(subject.accountId(), code);
    ConfirmResult wrong =
        f.residence.confirm(subject.accountId(), ResidenceFixture.otherCode(code, 1));

    assertThat(refused(right).refusal()).isEqualTo(Refusal.CODE_EXPIRED);
    assertThat(refused(wrong).refusal()).isEqualTo(Refusal.CODE_EXPIRED);
    assertThat(dump(db)).isEqualTo(before);
    ResidenceStatus status = f.residence.status(subject.ref()).orElseThrow();
    assertThat(status.stateName()).isEqualTo("expired");
    assertThat(status.proposal()).isEqualTo(Proposal.NEW_LETTER_NEEDED);
    assertThat(f.residence.pdf(letter.id(), f.operator))
        .isEqualTo(new PdfResult.Refused(Refusal.LETTER_CLOSED));
  }

  @OnEachDatabase
  void theCodeStillWorksJustBeforeItsExpiry(TestDatabase db) {
    ResidenceFixture f = new ResidenceFixture(db);
    Subject subject = f.subject();
    Letter letter = f.generate(subject);
    String code = f.code(letter);
    f.clock.advance(
        Duration.between(f.clock.instant(), letter.expiresAt()).minus(Duration.ofSeconds(5)));

    assertThat(f.residence.confirm(subject.accountId(), code))
        .isInstanceOf(ConfirmResult.Confirmed.class);
  }

  @OnEachDatabase
  void aNewLetterSupersedesTheOldOneWhoseCodeStopsWorking(TestDatabase db) {
    ResidenceFixture f = new ResidenceFixture(db);
    Subject subject = f.subject();
    Letter first = f.generate(subject);
    String oldCode = f.code(first);
    assertThat(f.residence.markSent(first.id(), f.operator)).isInstanceOf(Transition.Moved.class);

    Letter second = f.generate(subject);
    String newCode = f.code(second);

    assertThat(second.issue()).isEqualTo(2);
    assertThat(f.stored(first).state()).isInstanceOf(LetterState.Superseded.class);
    assertThat(f.stored(first).state().dispatch()).isNotNull();
    assertThat(f.residence.confirm(subject.accountId(), oldCode))
        .isEqualTo(new ConfirmResult.WrongCode(4));
    assertThat(f.residence.confirm(subject.accountId(), newCode))
        .isInstanceOf(ConfirmResult.Confirmed.class);
    ResidenceStatus status = f.residence.status(subject.ref()).orElseThrow();
    assertThat(status.letters()).extracting(Letter::id).containsExactly(second.id(), first.id());
    assertThat(status.letters().get(1).state()).isInstanceOf(LetterState.Superseded.class);
  }

  @OnEachDatabase
  void anAccountThatEntersTooManyWrongCodesIsThrottledOverAllItsLetters(TestDatabase db) {
    ResidenceFixture f =
        new ResidenceFixture(
            db,
            new ResidenceProperties(
                Duration.ofDays(30),
                5,
                6,
                Duration.ofHours(24),
                ResidenceProperties.defaults().fonts()));
    Subject subject = f.subject();
    Letter first = f.generate(subject);
    String firstCode = f.code(first);
    for (int i = 0; i < 5; i++) {
      f.residence.confirm(subject.accountId(), ResidenceFixture.otherCode(firstCode, i));
    }
    Letter second = f.generate(subject);
    String code = f.code(second);
    f.clock.advance(Duration.ofHours(1));
    assertThat(f.residence.confirm(subject.accountId(), ResidenceFixture.otherCode(code, 7)))
        .isEqualTo(new ConfirmResult.WrongCode(4));
    String before = dump(db);

    ConfirmResult throttled = f.residence.confirm(subject.accountId(), code);

    assertThat(throttled).isInstanceOf(ConfirmResult.Throttled.class);
    Duration wait = ((ConfirmResult.Throttled) throttled).retryAfter();
    assertThat(wait).isBetween(Duration.ofHours(22), Duration.ofHours(23));
    assertThat(dump(db)).isEqualTo(before);

    f.clock.advance(wait);
    assertThat(f.residence.confirm(subject.accountId(), code))
        .isInstanceOf(ConfirmResult.Confirmed.class);
  }

  @OnEachDatabase
  void markingSentDestroysThePdfAndAReturnedLetterProposesFailure(TestDatabase db) {
    ResidenceFixture f = new ResidenceFixture(db);
    Subject subject = f.subject();
    Letter letter = f.generate(subject);
    String code = f.code(letter);

    Transition sent = f.residence.markSent(letter.id(), f.operator);

    assertThat(sent).isInstanceOf(Transition.Moved.class);
    assertThat(rows(db, "residence_letter").getFirst().get("sealed_pdf")).isNull();
    assertThat(f.residence.pdf(letter.id(), f.operator))
        .isEqualTo(new PdfResult.Refused(Refusal.PDF_GONE));
    assertThat(f.residence.markSent(letter.id(), f.operator))
        .isEqualTo(new Transition.Refused(Refusal.ALREADY_SENT));
    assertThat(f.residence.markReturned(letter.id(), f.operator))
        .isInstanceOf(Transition.Moved.class);
    assertThat(refused(f.residence.confirm(subject.accountId(), code)).refusal())
        .isEqualTo(Refusal.LETTER_RETURNED);
    ResidenceStatus status = f.residence.status(subject.ref()).orElseThrow();
    assertThat(status.proposal()).isEqualTo(Proposal.FAILED);
    assertThat(status.state()).isInstanceOf(LetterState.Returned.class);
  }

  @OnEachDatabase
  void refusesToWriteWithoutSubjectAddressDataOrKnownLanguage(TestDatabase db) {
    ResidenceFixture f = new ResidenceFixture(db);
    Subject noAddress = f.subject();
    f.recipients.set(noAddress.ref(), new Lookup.NoAddress());
    Subject erased = f.subject();
    f.vault.shred(erased.id());
    Subject subject = f.subject();

    assertThat(f.residence.generate(SubjectRef.random(), f.operator, "en"))
        .isEqualTo(new GenerateResult.Refused(Refusal.NO_SUBJECT));
    assertThat(f.residence.generate(noAddress.ref(), f.operator, "en"))
        .isEqualTo(new GenerateResult.Refused(Refusal.NO_ADDRESS));
    assertThat(f.residence.generate(erased.ref(), f.operator, "en"))
        .isEqualTo(new GenerateResult.Refused(Refusal.SUBJECT_ERASED));
    assertThat(f.residence.generate(subject.ref(), f.operator, "fr"))
        .isEqualTo(new GenerateResult.Refused(Refusal.LANGUAGE_UNSUPPORTED));
    assertThat(rows(db, "residence_letter")).isEmpty();
    assertThat(f.residence.status(SubjectRef.random())).isEmpty();
    assertThat(f.residence.status(subject.ref()).orElseThrow().stateName()).isEqualTo("none");
  }

  @OnEachDatabase
  void anAccountWithoutLetterOrSubjectHasNoLetter(TestDatabase db) {
    ResidenceFixture f = new ResidenceFixture(db);
    Subject subject = f.subject();
    String code = ResidenceFixture.otherCode("", 1);

    assertThat(refused(f.residence.confirm(subject.accountId(), code)).refusal())
        .isEqualTo(Refusal.NO_LETTER);
    assertThat(refused(f.residence.confirm(java.util.UUID.randomUUID(), code)).refusal())
        .isEqualTo(Refusal.NO_LETTER);
    assertThat(f.residence.markSent(java.util.UUID.randomUUID(), f.operator))
        .isEqualTo(new Transition.Refused(Refusal.LETTER_NOT_FOUND));
    assertThat(f.residence.pdf(java.util.UUID.randomUUID(), f.operator))
        .isEqualTo(new PdfResult.Refused(Refusal.LETTER_NOT_FOUND));
  }

  @OnEachDatabase
  void concurrentWrongCodesNeverGetMoreThanTheAllowedTries(TestDatabase db) throws Exception {
    ResidenceFixture f = new ResidenceFixture(db);
    Subject subject = f.subject();
    String code = f.code(f.generate(subject));
    List<Callable<ConfirmResult>> tries = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String wrong = ResidenceFixture.otherCode(code, 100 + i);
      tries.add(() -> f.residence.confirm(subject.accountId(), wrong));
    }

    List<ConfirmResult> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
      for (Future<ConfirmResult> result : pool.invokeAll(tries)) {
        results.add(result.get());
      }
    }

    assertThat(results.stream().filter(ConfirmResult.WrongCode.class::isInstance)).hasSize(4);
    assertThat(results)
        .filteredOn(r -> r instanceof ConfirmResult.Refused)
        .extracting(r -> ((ConfirmResult.Refused) r).refusal())
        .containsOnly(Refusal.LOCKED)
        .hasSize(8);
    assertThat(rows(db, "residence_attempt")).hasSize(5);
  }

  @OnEachDatabase
  void concurrentLettersForOneSubjectLeaveOneCurrentLetter(TestDatabase db) throws Exception {
    ResidenceFixture f = new ResidenceFixture(db);
    Subject subject = f.subject();
    List<Callable<GenerateResult>> makes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      makes.add(() -> f.residence.generate(subject.ref(), f.operator, "de"));
    }

    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (Future<GenerateResult> made : pool.invokeAll(makes)) {
        assertThat(made.get()).isInstanceOf(GenerateResult.Generated.class);
      }
    }

    List<Letter> letters = f.residence.status(subject.ref()).orElseThrow().letters();
    assertThat(letters).extracting(Letter::issue).containsExactly(4, 3, 2, 1);
    assertThat(letters.getFirst().state()).isInstanceOf(LetterState.Generated.class);
    assertThat(letters.subList(1, 4)).allMatch(l -> l.state() instanceof LetterState.Superseded);
  }
}

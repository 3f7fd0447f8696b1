package org.trademap.server.checks.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.testing.OnEachDatabase;
import org.trademap.server.testing.TestDatabase;
import org.trademap.server.vault.SubjectId;

/**
 * Screening subjects against the shipped sample lists: stored hits, dispositions, the assessment,
 * re-screening on a new list version, and nothing readable about the subject in the database.
 */
@ExtendWith(OutputCaptureExtension.class)
class ScreeningTest {
  private static final UUID OPERATOR = UUID.randomUUID();
  private static final Party COMPANY =
      Party.organisation(PartyRole.SUBJECT, "Banco Nacional de Cuba", "CU");
  private static final Party OWNER =
      Party.person(PartyRole.BENEFICIAL_OWNER, "Jong Un", "Kim", LocalDate.of(1984, 1, 8), "KP");

  private static ScreeningFixture fixture(TestDatabase db) {
    ScreeningFixture fixture = new ScreeningFixture(db, ScreeningProperties.defaults());
    fixture.lists.importList(ListSource.UN, null);
    fixture.lists.importList(ListSource.OFAC, null);
    fixture.events.clear();
    return fixture;
  }

  private static StoredHit on(List<StoredHit> hits, String entryKey) {
    return hits.stream().filter(h -> h.hit().entryKey().equals(entryKey)).findFirst().orElseThrow();
  }

  @OnEachDatabase
  void screensACompanyAndItsOwnersAndStoresTheHits(TestDatabase db) {
    ScreeningFixture fixture = fixture(db);
    SubjectId subject = SubjectId.random();
    assertThat(fixture.screening.assess(subject)).isEqualTo(new Assessment.NotScreened());

    ScreeningResult result = fixture.screening.screen(subject, List.of(COMPANY, OWNER));

    assertThat(result.versions()).containsOnlyKeys(ListSource.UN, ListSource.OFAC);
    assertThat(result.hits())
        .extracting(h -> h.hit().entryKey())
        .containsExactlyInAnyOrder("306", "20157");
    assertThat(result.newHits()).hasSize(2);
    StoredHit kim = on(result.hits(), "20157");
    assertThat(kim.partyIndex()).isEqualTo(1);
    assertThat(kim.party()).isEqualTo(OWNER);
    assertThat(kim.status()).isEqualTo(HitStatus.OPEN);
    assertThat(kim.hit().score()).isEqualTo(1.0);
    assertThat(kim.hit().reasons().corroborations())
        .extracting(Corroboration::verdict)
        .contains(Corroboration.Verdict.AGREES);
    assertThat(fixture.events)
        .singleElement()
        .isEqualTo(
            new ScreeningHitsFound(
                subject,
                result.newHits().stream().map(StoredHit::id).toList(),
                ScreeningHitsFound.Trigger.SCREENING));
    assertThat(fixture.screening.assess(subject)).isInstanceOf(Assessment.NeedsReview.class);

    fixture.events.clear();
    ScreeningResult again = fixture.screening.screen(subject, List.of(COMPANY, OWNER));
    assertThat(again.newHits()).isEmpty();
    assertThat(again.hits())
        .extracting(StoredHit::id)
        .containsExactlyInAnyOrderElementsOf(result.hits().stream().map(StoredHit::id).toList());
    assertThat(fixture.events).isEmpty();

    // The database holds nothing readable about the subject.
    JdbcClient jdbc = JdbcClient.create(db.dataSource());
    for (byte[] sealed :
        jdbc.sql(
                "SELECT details FROM screening_hit UNION ALL SELECT parties FROM screening_subject")
            .query(byte[].class)
            .list()) {
      String text =
          new String(sealed, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
      assertThat(text).doesNotContain("kim").doesNotContain("jong").doesNotContain("1984");
    }
  }

  @OnEachDatabase
  void operatorsDisposeOfHitsAndAConfirmedHitMakesTheCaseHighRisk(TestDatabase db) {
    ScreeningFixture fixture = fixture(db);
    SubjectId subject = SubjectId.random();
    ScreeningResult result = fixture.screening.screen(subject, List.of(COMPANY, OWNER));
    StoredHit bank = on(result.hits(), "306");
    StoredHit kim = on(result.hits(), "20157");

    assertThat(fixture.screening.dispose(bank.id(), HitStatus.OPEN, "x", OPERATOR))
        .isEqualTo(new DispositionOutcome.Refused("screening.verdict-invalid"));
    assertThat(fixture.screening.dispose(bank.id(), HitStatus.FALSE_POSITIVE, "  ", OPERATOR))
        .isEqualTo(new DispositionOutcome.Refused("screening.reason-required"));
    assertThat(
            fixture.screening.dispose(UUID.randomUUID(), HitStatus.FALSE_POSITIVE, "x", OPERATOR))
        .isEqualTo(new DispositionOutcome.Refused("screening.hit-not-found"));

    DispositionOutcome falsePositive =
        fixture.screening.dispose(
            bank.id(), HitStatus.FALSE_POSITIVE, "Registered 2019 in Havana, other bank", OPERATOR);
    assertThat(falsePositive).isInstanceOf(DispositionOutcome.Disposed.class);
    StoredHit disposed = ((DispositionOutcome.Disposed) falsePositive).hit();
    assertThat(disposed.status()).isEqualTo(HitStatus.FALSE_POSITIVE);
    assertThat(disposed.disposition())
        .isEqualTo(
            new StoredHit.Disposition(
                OPERATOR,
                ScreeningFixture.CLOCK.instant(),
                "Registered 2019 in Havana, other bank"));
    assertThat(
            fixture.screening.dispose(
                bank.id(), HitStatus.TRUE_POSITIVE, "changed my mind", OPERATOR))
        .isEqualTo(new DispositionOutcome.Refused("screening.hit-not-open"));
    assertThat(fixture.screening.assess(subject)).isInstanceOf(Assessment.NeedsReview.class);
    assertThat(fixture.screening.assess(subject).highRisk()).isFalse();

    fixture.screening.dispose(kim.id(), HitStatus.TRUE_POSITIVE, "Same person", OPERATOR);
    Assessment assessment = fixture.screening.assess(subject);
    assertThat(assessment)
        .isEqualTo(
            new Assessment.Confirmed(
                ScreeningFixture.CLOCK.instant(), Set.of(ListCategory.SANCTIONS), 0));
    assertThat(assessment.highRisk()).isTrue();

    // Screening again keeps the verdicts; a hit no longer found is cleared.
    ScreeningResult withoutOwner = fixture.screening.screen(subject, List.of(COMPANY));
    assertThat(withoutOwner.hits()).extracting(StoredHit::id).containsExactly(bank.id());
    assertThat(withoutOwner.hits().getFirst().status()).isEqualTo(HitStatus.FALSE_POSITIVE);
    assertThat(fixture.screening.hit(kim.id()).orElseThrow().standing()).isFalse();
    assertThat(fixture.screening.assess(subject))
        .isEqualTo(new Assessment.Clear(ScreeningFixture.CLOCK.instant()));
    assertThat(fixture.screening.openHits(10)).isEmpty();
  }

  @OnEachDatabase
  void aNewListVersionReScreensEverySubjectAndReportsNewHits(TestDatabase db) {
    ScreeningFixture fixture = fixture(db);
    SubjectId taro = SubjectId.random();
    SubjectId other = SubjectId.random();
    Party yamada =
        Party.person(PartyRole.SUBJECT, "Taro", "Yamada", LocalDate.of(1970, 5, 5), "JP");
    assertThat(fixture.screening.screen(taro, List.of(yamada)).hits()).isEmpty();
    fixture.screening.screen(
        other, List.of(Party.person(PartyRole.SUBJECT, "Hanako", "Suzuki", null, "JP")));
    assertThat(fixture.screening.assess(taro)).isInstanceOf(Assessment.Clear.class);

    fixture.lists.add(
        ListSource.ASF,
        new EntryDraft("person", "YAMADA Taro", null, "1970", "JP", "Listed by the consortium"),
        OPERATOR);

    ScreeningHitsFound found =
        fixture.events.stream()
            .filter(ScreeningHitsFound.class::isInstance)
            .map(ScreeningHitsFound.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(found.subject()).isEqualTo(taro);
    assertThat(found.trigger()).isEqualTo(ScreeningHitsFound.Trigger.RESCREENING);
    StoredHit hit = fixture.screening.hit(found.hitIds().getFirst()).orElseThrow();
    assertThat(hit.hit().source()).isEqualTo(ListSource.ASF);
    assertThat(hit.hit().score()).isEqualTo(1.0);
    assertThat(fixture.screening.assess(taro)).isInstanceOf(Assessment.NeedsReview.class);
    assertThat(fixture.screening.assess(other)).isInstanceOf(Assessment.Clear.class);
    assertThat(fixture.screening.openHits(10)).extracting(StoredHit::id).containsExactly(hit.id());

    RescreenReport report = fixture.screening.rescreenAll();
    assertThat(report.subjects()).isEqualTo(2);
    assertThat(report.newHitCount()).isZero();
    assertThat(report.versions()).containsKeys(ListSource.UN, ListSource.OFAC, ListSource.ASF);
  }

  @OnEachDatabase
  void logsCarryNoPersonalData(TestDatabase db, CapturedOutput output) {
    ScreeningFixture fixture = fixture(db);
    SubjectId subject = SubjectId.random();
    ScreeningResult result = fixture.screening.screen(subject, List.of(COMPANY, OWNER));
    fixture.screening.dispose(
        result.hits().getFirst().id(), HitStatus.FALSE_POSITIVE, "Kim's namesake", OPERATOR);
    fixture.lists.add(
        ListSource.ASF,
        new EntryDraft("person", "Jiro Watanabe", null, "1966-06-06", "JP", null),
        OPERATOR);

    assertThat(output.getAll()).contains(subject.toString());
    for (String personal :
        List.of(
            "Kim", "Jong", "1984-01-08", "Banco", "Jiro", "Watanabe", "1966-06-06", "namesake")) {
      assertThat(output.getAll()).doesNotContainIgnoringCase(personal);
    }
  }
}

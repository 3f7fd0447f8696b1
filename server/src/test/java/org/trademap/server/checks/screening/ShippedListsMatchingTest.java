package org.trademap.server.checks.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Matching against the real UN and OFAC lists of {@code ../shared/data/sanctions/}: true matches by
 * name, alias, reordered and transliterated names, corroboration by birth date, clear non-matches,
 * and the threshold.
 */
class ShippedListsMatchingTest {
  private static final double THRESHOLD = ScreeningProperties.defaults().threshold();

  private static List<Hit> screen(Party party) {
    return SanctionsData.index().screen(party, THRESHOLD);
  }

  private static Party person(String name, @Nullable LocalDate born, @Nullable String country) {
    return new Party(PartyRole.SUBJECT, EntryKind.PERSON, name, born, country);
  }

  private static Party person(String name) {
    return person(name, null, null);
  }

  private static Party company(String name) {
    return Party.organisation(PartyRole.SUBJECT, name, null);
  }

  private static Optional<Hit> hitOn(List<Hit> hits, ListSource source, String key) {
    return hits.stream().filter(h -> h.source() == source && h.entryKey().equals(key)).findFirst();
  }

  @Test
  void findsAListedPersonByName() {
    Hit kim = screen(person("KIM JONG UN")).getFirst();
    assertThat(kim.source()).isEqualTo(ListSource.OFAC);
    assertThat(kim.entryKey()).isEqualTo("20157");
    assertThat(kim.score()).isEqualTo(1.0);
    assertThat(kim.reasons().matchedAs()).isEqualTo(MatchReasons.NameRole.PRIMARY);
  }

  @Test
  void findsReorderedNames() {
    Hit kim = screen(person("Jong Un Kim")).getFirst();
    assertThat(kim.entryKey()).isEqualTo("20157");
    assertThat(kim.score()).isEqualTo(1.0);
    assertThat(kim.reasons().tokens())
        .extracting(MatchReasons.TokenMatch::screened, MatchReasons.TokenMatch::listed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("jong", "jong"),
            org.assertj.core.groups.Tuple.tuple("un", "un"),
            org.assertj.core.groups.Tuple.tuple("kim", "kim"));
  }

  @Test
  void findsAnOfacAka() {
    Hit bank = screen(company("National Bank of Cuba")).getFirst();
    assertThat(bank.entryKey()).isEqualTo("306");
    assertThat(bank.entryName()).isEqualTo("BANCO NACIONAL DE CUBA");
    assertThat(bank.reasons().matchedAs()).isEqualTo(MatchReasons.NameRole.ALIAS);
    assertThat(bank.reasons().aliasLabel()).isEqualTo("a.k.a.");

    Hit usama = hitOn(screen(person("Osama bin Laden")), ListSource.OFAC, "6365").orElseThrow();
    assertThat(usama.reasons().matchedName()).isEqualTo("BIN LADEN, Osama");
    assertThat(usama.score()).isEqualTo(1.0);
  }

  @Test
  void findsAUnAlias() {
    Hit adf = screen(company("Allied Democratic Forces")).getFirst();
    assertThat(adf.source()).isEqualTo(ListSource.UN);
    assertThat(adf.entryKey()).isEqualTo("CDe.001");
    assertThat(adf.reasons().matchedAs()).isEqualTo(MatchReasons.NameRole.ALIAS);

    Hit zawahiri =
        hitOn(screen(person("Ayman al-Zawahiri")), ListSource.UN, "QDi.006").orElseThrow();
    assertThat(zawahiri.reasons().matchedAs()).isEqualTo(MatchReasons.NameRole.ALIAS);
    assertThat(zawahiri.entryName()).isEqualTo("AIMAN MUHAMMED RABI AL-ZAWAHIRI");
  }

  @Test
  void findsTransliteratedNames() {
    Hit saddam = screen(person("صدام حسين التكريتي")).getFirst();
    assertThat(saddam.entryKey()).isEqualTo("IQi.001");
    assertThat(saddam.reasons().matchedAs()).isEqualTo(MatchReasons.NameRole.ORIGINAL_SCRIPT);
    assertThat(saddam.score()).isEqualTo(1.0);

    Hit umarov = hitOn(screen(person("Доку Умаров")), ListSource.UN, "QDi.290").orElseThrow();
    assertThat(umarov.reasons().screenedForm()).isEqualTo("doku umarov");
    assertThat(umarov.score()).isGreaterThanOrEqualTo(THRESHOLD);

    Hit guzman = screen(person("Joaquín Guzmán Loera")).getFirst();
    assertThat(guzman.entryKey()).isEqualTo("6861");
    assertThat(guzman.score()).isEqualTo(1.0);
  }

  @Test
  void findsSpellingVariants() {
    assertThat(hitOn(screen(person("Muammar Gaddafi")), ListSource.OFAC, "12606")).isPresent();
    assertThat(hitOn(screen(person("Usama Bin Ladin")), ListSource.OFAC, "6365")).isPresent();
  }

  @Test
  void aMatchingBirthDateAndNationalityRaiseAScoreAboveTheThreshold() {
    // Two of the four names of UN QDi.341 KEVIN JORDAN AXEL GUIAVARCH: 4 / (2 + 4 - 1) = 0.8.
    assertThat(hitOn(screen(person("Kevin Guiavarch")), ListSource.UN, "QDi.341")).isEmpty();

    Hit corroborated =
        hitOn(
                screen(person("Kevin Guiavarch", LocalDate.of(1993, 3, 12), "FR")),
                ListSource.UN,
                "QDi.341")
            .orElseThrow();
    assertThat(corroborated.reasons().nameScore()).isEqualTo(0.8);
    assertThat(corroborated.score()).isEqualTo(0.95);
    assertThat(corroborated.reasons().unpairedListed()).containsExactly("jordan", "axel");
    assertThat(corroborated.reasons().corroborations())
        .extracting(Corroboration::aspect, Corroboration::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Corroboration.Aspect.BIRTH_DATE, Corroboration.Verdict.AGREES),
            org.assertj.core.groups.Tuple.tuple(
                Corroboration.Aspect.NATIONALITY, Corroboration.Verdict.AGREES));
  }

  @Test
  void aConflictingBirthDateLowersTheScore() {
    Hit right =
        hitOn(
                screen(person("Kim Jung Jong", LocalDate.of(1966, 11, 7), "KP")),
                ListSource.UN,
                "KPi.021")
            .orElseThrow();
    assertThat(right.score()).isEqualTo(1.0);

    List<Hit> wrong = screen(person("Kim Jung Jong", LocalDate.of(1990, 3, 3), "KP"));
    Hit lowered = hitOn(wrong, ListSource.UN, "KPi.021").orElseThrow();
    assertThat(lowered.score()).isLessThan(1.0);
    assertThat(lowered.reasons().corroborations())
        .anySatisfy(
            c -> {
              assertThat(c.aspect()).isEqualTo(Corroboration.Aspect.BIRTH_DATE);
              assertThat(c.verdict()).isEqualTo(Corroboration.Verdict.CONFLICTS);
              assertThat(c.adjustment()).isNegative();
            });
  }

  @Test
  void commonNamesThatAreNotListedStayBelowTheThreshold() {
    for (String name :
        List.of("Anna Maria Eriksson", "John Smith", "Peter Müller", "Maria Garcia")) {
      Names.Tokens tokens = Names.tokens(name, EntryKind.PERSON);
      // Not on the lists: no listed name has all these tokens.
      assertThat(SanctionsData.index().screenExhaustively(person(name), 0.99))
          .as("%s is not listed", name)
          .isEmpty();
      assertThat(screen(person(name, LocalDate.of(1970, 1, 1), "SE")))
          .as("hits of %s (%s)", name, tokens.text())
          .isEmpty();
    }
  }

  @Test
  void theThresholdIsInclusive() {
    // Name 0.8; the same day +0.10; the same year but another day 0.
    Party kevin = person("Kevin Guiavarch", LocalDate.of(1993, 3, 12), null);
    Party sameYear = person("Kevin Guiavarch", LocalDate.of(1993, 7, 1), null);
    assertThat(hitOn(screen(kevin), ListSource.UN, "QDi.341").orElseThrow().score()).isEqualTo(0.9);
    double score =
        hitOn(SanctionsData.index().screen(sameYear, 0.5), ListSource.UN, "QDi.341")
            .orElseThrow()
            .score();
    assertThat(score).isEqualTo(0.8);
    assertThat(hitOn(SanctionsData.index().screen(kevin, 0.9), ListSource.UN, "QDi.341"))
        .isPresent();
    assertThat(hitOn(SanctionsData.index().screen(kevin, 0.9001), ListSource.UN, "QDi.341"))
        .isEmpty();
  }

  @Test
  void personsAreNotScreenedAgainstOrganisations() {
    assertThat(screen(person("Banco Nacional de Cuba"))).isEmpty();
    assertThat(screen(company("Kim Jong Un"))).isEmpty();
  }
}

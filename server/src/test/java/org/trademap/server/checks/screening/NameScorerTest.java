package org.trademap.server.checks.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The token-assignment score of two names. */
class NameScorerTest {

  private static double score(String screened, String listed) {
    return NameScorer.score(
            Names.tokens(screened, EntryKind.PERSON), Names.tokens(listed, EntryKind.PERSON))
        .score();
  }

  @Test
  void ignoresTheOrderOfTokens() {
    assertThat(score("Jong Un Kim", "KIM, Jong Un")).isEqualTo(1.0);
    assertThat(score("Guzman Loera Joaquin", "Joaquin Guzman Loera")).isEqualTo(1.0);
  }

  @Test
  void pairsEachTokenWithItsMostSimilarPartner() {
    NameScorer.Result result =
        NameScorer.score(
            Names.tokens("Muhammad Yusuf", EntryKind.PERSON),
            Names.tokens("YOUSSEF, Mohammed", EntryKind.PERSON));
    assertThat(result.pairs())
        .extracting(NameScorer.Pair::query, NameScorer.Pair::listed)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("muhammad", "mohammed"),
            org.assertj.core.groups.Tuple.tuple("yusuf", "youssef"));
    assertThat(result.score()).isBetween(0.8, 0.9);
  }

  @Test
  void aScreenedTokenWithoutPartnerCostsMoreThanAnExtraListedOne() {
    double extraListed = score("Doku Umarov", "Doku Khamatovich Umarov");
    double extraScreened = score("Doku Khamatovich Umarov", "Doku Umarov");
    assertThat(extraListed).isCloseTo(4.0 / 4.5, within(1e-9));
    assertThat(extraScreened).isLessThan(extraListed);
  }

  @Test
  void joinsAdjacentTokensOfTheLongerName() {
    assertThat(
            NameScorer.score(
                    Names.tokens("Alqaida", EntryKind.ENTITY),
                    Names.tokens("Al-Qa'ida", EntryKind.ENTITY))
                .score())
        .isEqualTo(1.0);
    assertThat(score("Abdulrahman Ali", "Abdul Rahman Ali")).isEqualTo(1.0);
  }

  @Test
  void tokensOfVeryDifferentLengthAreNotSimilar() {
    assertThat(NameScorer.tokenSimilarity("garcia", "garciarodriguez")).isZero();
    assertThat(NameScorer.tokenSimilarity("un", "jung")).isZero();
  }

  @Test
  void initialsMatchTokensWithTheSameFirstLetter() {
    assertThat(NameScorer.tokenSimilarity("m", "miguel")).isEqualTo(NameScorer.INITIAL_SIMILARITY);
    assertThat(NameScorer.tokenSimilarity("m", "juan")).isZero();
  }

  @Test
  void tokensWithDigitsMustBeEqual() {
    assertThat(NameScorer.tokenSimilarity("77", "78")).isZero();
    assertThat(NameScorer.tokenSimilarity("77", "77")).isEqualTo(1.0);
  }

  @Test
  void differentNamesScoreLow() {
    assertThat(score("Anna Maria Eriksson", "Abu Bakr al-Baghdadi")).isLessThan(0.3);
    assertThat(score("John Smith", "Kim Jong Un")).isLessThan(0.5);
  }
}

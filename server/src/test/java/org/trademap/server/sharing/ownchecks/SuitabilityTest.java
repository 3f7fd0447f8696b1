package org.trademap.server.sharing.ownchecks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.trademap.server.sharing.ownchecks.Suitability.Answers;
import org.trademap.server.sharing.ownchecks.Suitability.Assets;
import org.trademap.server.sharing.ownchecks.Suitability.Experience;
import org.trademap.server.sharing.ownchecks.Suitability.Income;
import org.trademap.server.sharing.ownchecks.Suitability.Purpose;
import org.trademap.server.sharing.ownchecks.Suitability.Result;
import org.trademap.server.sharing.ownchecks.Suitability.RiskTolerance;

/** The suitability rules, one test per rule and their order (not suitable before restrictions). */
class SuitabilityTest {
  private static final Answers SOUND =
      new Answers(
          Experience.OVER_5Y,
          Income.FROM_5M_TO_10M,
          Assets.FROM_10M_TO_50M,
          Purpose.BALANCED,
          RiskTolerance.MEDIUM);

  private static Answers with(Experience e, Income i, Assets a, Purpose p, RiskTolerance r) {
    return new Answers(e, i, a, p, r);
  }

  @Test
  void anExperiencedCustomerWithMeansAndAMatchingToleranceIsSuitable() {
    Suitability.Assessment a = Suitability.assess(SOUND);
    assertThat(a.result()).isEqualTo(Result.SUITABLE);
    assertThat(a.reasons()).containsExactly("all-criteria-met");
    assertThat(a.result().blocks()).isFalse();
  }

  @Test
  void noToleranceForLossIsNotSuitableWhateverElse() {
    Suitability.Assessment a =
        Suitability.assess(
            with(
                Experience.OVER_5Y,
                Income.OVER_10M,
                Assets.OVER_50M,
                Purpose.CAPITAL_PRESERVATION,
                RiskTolerance.NONE));
    assertThat(a.result()).isEqualTo(Result.NOT_SUITABLE);
    assertThat(a.reasons()).containsExactly("loss-not-accepted");
    assertThat(a.result().blocks()).isTrue();
  }

  @Test
  void speculationNeedsExperienceAndMeans() {
    assertThat(
            Suitability.assess(
                    with(
                        Experience.NONE,
                        Income.OVER_10M,
                        Assets.OVER_50M,
                        Purpose.SPECULATION,
                        RiskTolerance.HIGH))
                .reasons())
        .containsExactly("speculation-without-experience");
    assertThat(
            Suitability.assess(
                with(
                    Experience.OVER_5Y,
                    Income.UNDER_3M,
                    Assets.UNDER_1M,
                    Purpose.SPECULATION,
                    RiskTolerance.HIGH)))
        .isEqualTo(
            new Suitability.Assessment(
                Result.NOT_SUITABLE, java.util.List.of("speculation-without-means")));
    assertThat(
            Suitability.assess(
                    with(
                        Experience.UNDER_1Y,
                        Income.UNDER_3M,
                        Assets.FROM_10M_TO_50M,
                        Purpose.SPECULATION,
                        RiskTolerance.HIGH))
                .result())
        .as("low income alone does not make speculation unsuitable")
        .isEqualTo(Result.SUITABLE);
  }

  @Test
  void everyRefusalIsGivenNotOnlyTheFirst() {
    assertThat(
            Suitability.assess(
                    with(
                        Experience.NONE,
                        Income.UNDER_3M,
                        Assets.UNDER_1M,
                        Purpose.SPECULATION,
                        RiskTolerance.NONE))
                .reasons())
        .containsExactly(
            "loss-not-accepted", "speculation-without-experience", "speculation-without-means");
  }

  @Test
  void restrictionsForNoExperienceLimitedMeansAMismatchedPurposeAndPreservingCapital() {
    assertThat(
            Suitability.assess(
                with(
                    Experience.NONE,
                    Income.FROM_5M_TO_10M,
                    Assets.FROM_10M_TO_50M,
                    Purpose.BALANCED,
                    RiskTolerance.MEDIUM)))
        .isEqualTo(
            new Suitability.Assessment(Result.RESTRICTED, java.util.List.of("no-experience")));
    assertThat(
            Suitability.assess(
                    with(
                        Experience.OVER_5Y,
                        Income.OVER_10M,
                        Assets.UNDER_1M,
                        Purpose.BALANCED,
                        RiskTolerance.MEDIUM))
                .reasons())
        .containsExactly("limited-means");
    assertThat(
            Suitability.assess(
                    with(
                        Experience.OVER_5Y,
                        Income.UNDER_3M,
                        Assets.FROM_1M_TO_10M,
                        Purpose.BALANCED,
                        RiskTolerance.MEDIUM))
                .reasons())
        .containsExactly("limited-means");
    assertThat(
            Suitability.assess(
                    with(
                        Experience.OVER_5Y,
                        Income.UNDER_3M,
                        Assets.FROM_10M_TO_50M,
                        Purpose.BALANCED,
                        RiskTolerance.MEDIUM))
                .result())
        .as("a low income with assets of 10 million yen or more is no restriction")
        .isEqualTo(Result.SUITABLE);
    assertThat(
            Suitability.assess(
                    with(
                        Experience.OVER_5Y,
                        Income.OVER_10M,
                        Assets.OVER_50M,
                        Purpose.GROWTH,
                        RiskTolerance.LOW))
                .reasons())
        .containsExactly("purpose-exceeds-tolerance");
    assertThat(
            Suitability.assess(
                    with(
                        Experience.NONE,
                        Income.UNDER_3M,
                        Assets.UNDER_1M,
                        Purpose.CAPITAL_PRESERVATION,
                        RiskTolerance.LOW))
                .reasons())
        .containsExactly("no-experience", "limited-means", "capital-preservation");
  }

  @Test
  void answersAreReadByTheirApiNamesOnly() {
    assertThat(Suitability.apiName(Experience.FROM_1Y_TO_5Y)).isEqualTo("from-1y-to-5y");
    assertThat(Suitability.fromApi(Experience.class, " from-1y-to-5y "))
        .contains(Experience.FROM_1Y_TO_5Y);
    assertThat(Suitability.fromApi(Experience.class, "FROM_1Y_TO_5Y")).isEmpty();
    assertThat(Suitability.fromApi(Purpose.class, null)).isEmpty();
    assertThat(Suitability.fromApi(RiskTolerance.class, "")).isEmpty();
  }
}

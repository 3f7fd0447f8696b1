package org.trademap.server.sharing.ownchecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The suitability assessment a company's reviewer records before an account is opened (Japanese
 * securities practice, 適合性の原則: the company offers only what fits the customer's knowledge,
 * experience, assets and purpose). Five answers give a result by these rules, each with a stable
 * reason:
 *
 * <table>
 *   <caption>Not suitable (any one)</caption>
 *   <tr><td>{@code loss-not-accepted}</td><td>risk tolerance {@code none}: securities can lose
 *       principal</td></tr>
 *   <tr><td>{@code speculation-without-experience}</td><td>purpose {@code speculation} and
 *       experience {@code none}</td></tr>
 *   <tr><td>{@code speculation-without-means}</td><td>purpose {@code speculation}, income
 *       {@code under-3m} and assets {@code under-1m}</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Suitable with restrictions (otherwise, any one; e.g. no margin or derivatives)</caption>
 *   <tr><td>{@code no-experience}</td><td>experience {@code none}</td></tr>
 *   <tr><td>{@code limited-means}</td><td>assets {@code under-1m}, or income {@code under-3m}
 *       with assets under 10 million yen</td></tr>
 *   <tr><td>{@code purpose-exceeds-tolerance}</td><td>purpose {@code growth} or {@code
 *       speculation} with risk tolerance {@code low}</td></tr>
 *   <tr><td>{@code capital-preservation}</td><td>purpose {@code capital-preservation}</td></tr>
 * </table>
 *
 * <p>Otherwise suitable, with the reason {@code all-criteria-met}.
 */
final class Suitability {

  private Suitability() {}

  /** Investment experience in securities. */
  enum Experience {
    NONE,
    UNDER_1Y,
    FROM_1Y_TO_5Y,
    OVER_5Y
  }

  /** Annual income band, in yen. */
  enum Income {
    UNDER_3M,
    FROM_3M_TO_5M,
    FROM_5M_TO_10M,
    OVER_10M
  }

  /** Financial assets band, in yen. */
  enum Assets {
    UNDER_1M,
    FROM_1M_TO_10M,
    FROM_10M_TO_50M,
    OVER_50M
  }

  /** What the customer invests for. */
  enum Purpose {
    CAPITAL_PRESERVATION,
    INCOME,
    BALANCED,
    GROWTH,
    SPECULATION
  }

  /** How much loss of principal the customer accepts. */
  enum RiskTolerance {
    NONE,
    LOW,
    MEDIUM,
    HIGH
  }

  /** The result. */
  enum Result {
    SUITABLE,
    RESTRICTED,
    NOT_SUITABLE;

    /** Whether it blocks opening the account. */
    boolean blocks() {
      return this == NOT_SUITABLE;
    }
  }

  /**
   * The reviewer's answers.
   *
   * @param experience investment experience
   * @param income annual income band
   * @param assets financial assets band
   * @param purpose investment purpose
   * @param riskTolerance risk tolerance
   */
  record Answers(
      Experience experience,
      Income income,
      Assets assets,
      Purpose purpose,
      RiskTolerance riskTolerance) {}

  /**
   * The result and why.
   *
   * @param result suitable, suitable with restrictions, not suitable
   * @param reasons the codes of the rules that gave it, in the order of the class comment
   */
  record Assessment(Result result, List<String> reasons) {
    Assessment {
      reasons = List.copyOf(reasons);
    }
  }

  static Assessment assess(Answers a) {
    List<String> refusals = new ArrayList<>();
    if (a.riskTolerance() == RiskTolerance.NONE) {
      refusals.add("loss-not-accepted");
    }
    if (a.purpose() == Purpose.SPECULATION && a.experience() == Experience.NONE) {
      refusals.add("speculation-without-experience");
    }
    if (a.purpose() == Purpose.SPECULATION
        && a.income() == Income.UNDER_3M
        && a.assets() == Assets.UNDER_1M) {
      refusals.add("speculation-without-means");
    }
    if (!refusals.isEmpty()) {
      return new Assessment(Result.NOT_SUITABLE, refusals);
    }
    List<String> restrictions = new ArrayList<>();
    if (a.experience() == Experience.NONE) {
      restrictions.add("no-experience");
    }
    if (a.assets() == Assets.UNDER_1M
        || (a.income() == Income.UNDER_3M && a.assets() == Assets.FROM_1M_TO_10M)) {
      restrictions.add("limited-means");
    }
    if ((a.purpose() == Purpose.GROWTH || a.purpose() == Purpose.SPECULATION)
        && a.riskTolerance() == RiskTolerance.LOW) {
      restrictions.add("purpose-exceeds-tolerance");
    }
    if (a.purpose() == Purpose.CAPITAL_PRESERVATION) {
      restrictions.add("capital-preservation");
    }
    if (!restrictions.isEmpty()) {
      return new Assessment(Result.RESTRICTED, restrictions);
    }
    return new Assessment(Result.SUITABLE, List.of("all-criteria-met"));
  }

  /** An enum constant's name in the API: {@code FROM_1Y_TO_5Y} is {@code from-1y-to-5y}. */
  static String apiName(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant with this API name. */
  static <E extends Enum<E>> Optional<E> fromApi(
      Class<E> type, @org.jspecify.annotations.Nullable String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (E value : type.getEnumConstants()) {
      if (apiName(value).equals(text.strip())) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}

package org.trademap.server.onboarding;

import java.math.BigDecimal;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why a person is a controlling person of an operating company on Form K (CDB 20 Art. 20,
 * AMLO-FINMA Art. 2 let. f). The three bases form a cascade, and one declaration uses one level
 * only:
 *
 * <ol>
 *   <li>{@link CapitalOrVotes}: persons holding at least 25 % of the capital or the votes, alone or
 *       acting in concert;
 *   <li>{@link OtherMeans}: only if nobody holds 25 %, the persons who control the company in
 *       another way;
 *   <li>{@link ManagingDirector}: only if nobody qualifies under 1 or 2, the managing director.
 * </ol>
 */
public sealed interface ControlBasis
    permits ControlBasis.CapitalOrVotes, ControlBasis.OtherMeans, ControlBasis.ManagingDirector {

  /** Which of the three bases this is. */
  Kind kind();

  /** The three bases, in the order of the cascade. */
  enum Kind {
    /** At least 25 % of the capital or the votes. */
    CAPITAL_OR_VOTES,
    /** Control by other means. */
    OTHER_MEANS,
    /** The managing director, when nobody else qualifies. */
    MANAGING_DIRECTOR;

    /** The kind whose {@link #name()} is exactly {@code text} (spaces at the ends ignored). */
    public static Optional<Kind> parse(@Nullable String text) {
      if (text == null) {
        return Optional.empty();
      }
      String name = TextRules.stripSpaces(text);
      for (Kind kind : values()) {
        if (kind.name().equals(name)) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Holds at least {@link FieldRules#CONTROL_THRESHOLD_PERCENT} % of the capital or of the votes.
   *
   * @param capitalPercent share of the capital, 0–100, trailing zeros stripped
   * @param votesPercent share of the votes, 0–100, trailing zeros stripped
   */
  record CapitalOrVotes(BigDecimal capitalPercent, BigDecimal votesPercent)
      implements ControlBasis {
    /** Refuses shares out of range or below the threshold; strips trailing zeros. */
    public CapitalOrVotes {
      capitalPercent = requirePercent(capitalPercent, "capitalPercent");
      votesPercent = requirePercent(votesPercent, "votesPercent");
      if (capitalPercent.max(votesPercent).compareTo(FieldRules.CONTROL_THRESHOLD_PERCENT) < 0) {
        throw new IllegalArgumentException("neither share reaches the threshold");
      }
    }

    @Override
    public Kind kind() {
      return Kind.CAPITAL_OR_VOTES;
    }

    private static BigDecimal requirePercent(BigDecimal share, String name) {
      BigDecimal stripped = share.stripTrailingZeros();
      Invariants.require(FieldRules.share(name, stripped.toPlainString()), stripped, name);
      return stripped;
    }
  }

  /**
   * Controls the company in another way than through 25 % of the capital or votes.
   *
   * @param description how, in the declarant's words; NFC, at most {@value
   *     TextRules#MAX_DESCRIPTION_LENGTH} code points
   */
  record OtherMeans(String description) implements ControlBasis {
    /** Refuses a description that validation would not have produced. */
    public OtherMeans {
      Invariants.require(
          TextRules.text("controlDescription", description, TextRules.MAX_DESCRIPTION_LENGTH),
          description,
          "controlDescription");
    }

    @Override
    public Kind kind() {
      return Kind.OTHER_MEANS;
    }
  }

  /** The managing director, declared because nobody else qualifies. */
  record ManagingDirector() implements ControlBasis {
    @Override
    public Kind kind() {
      return Kind.MANAGING_DIRECTOR;
    }
  }
}

package org.trademap.server.onboarding;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The rules that look at all entries of a beneficial-owner declaration together. */
final class OwnerRules {
  private static final BigDecimal HUNDRED = new BigDecimal(100);

  private OwnerRules() {}

  /**
   * One {@code owner.duplicate} error for every entry whose identity an earlier entry has; the
   * argument is the 1-based position of that earlier entry. {@code null} identities (entries whose
   * names or date of birth were refused) are skipped.
   */
  static List<FieldError> duplicates(List<? extends @Nullable OwnerIdentity> identities) {
    List<FieldError> errors = new ArrayList<>();
    Map<OwnerIdentity, Integer> first = new HashMap<>();
    for (int i = 0; i < identities.size(); i++) {
      OwnerIdentity identity = identities.get(i);
      if (identity == null) {
        continue;
      }
      Integer earlier = first.putIfAbsent(identity, i);
      if (earlier != null) {
        errors.add(
            new FieldError(
                "owners[" + i + "]",
                FieldError.Code.OWNER_DUPLICATE,
                List.of(Integer.toString(earlier + 1))));
      }
    }
    return errors;
  }

  /**
   * The Form K cascade: every entry must use the first basis in {@link ControlBasis.Kind} order
   * that any entry uses (somebody holding 25 % excludes control by other means and the managing
   * director; control by other means excludes the managing director), and the capital and the vote
   * shares may each add up to at most 100 %. {@code null} bases (refused entries) are skipped.
   */
  static List<FieldError> controlCascade(List<? extends @Nullable ControlBasis> bases) {
    List<FieldError> errors = new ArrayList<>();
    ControlBasis.Kind applicable = null;
    for (ControlBasis basis : bases) {
      if (basis != null && (applicable == null || basis.kind().compareTo(applicable) < 0)) {
        applicable = basis.kind();
      }
    }
    BigDecimal capital = BigDecimal.ZERO;
    BigDecimal votes = BigDecimal.ZERO;
    for (int i = 0; i < bases.size(); i++) {
      ControlBasis basis = bases.get(i);
      if (basis == null) {
        continue;
      }
      if (basis.kind() != applicable) {
        errors.add(
            new FieldError(
                "owners[" + i + "].basis",
                FieldError.Code.OWNERS_BASIS_INCONSISTENT,
                List.of(String.valueOf(applicable))));
      }
      if (basis instanceof ControlBasis.CapitalOrVotes shares) {
        capital = capital.add(shares.capitalPercent());
        votes = votes.add(shares.votesPercent());
      }
    }
    if (capital.compareTo(HUNDRED) > 0) {
      errors.add(
          new FieldError(
              "owners", FieldError.Code.OWNERS_CAPITAL_OVER_100, List.of(capital.toPlainString())));
    }
    if (votes.compareTo(HUNDRED) > 0) {
      errors.add(
          new FieldError(
              "owners", FieldError.Code.OWNERS_VOTES_OVER_100, List.of(votes.toPlainString())));
    }
    return errors;
  }

  /**
   * The entries sorted by identity, for the compact constructors; refuses an empty or too long list
   * and duplicates, which validation would have refused.
   */
  static <T> List<T> inCanonicalOrder(List<T> entries, Function<T, OwnerIdentity> identity) {
    List<T> sorted = new ArrayList<>(entries);
    if (sorted.isEmpty() || sorted.size() > OwnerDeclaration.MAX_OWNERS) {
      throw new IllegalArgumentException("a declaration has 1 to 50 owners");
    }
    sorted.sort(Comparator.comparing(identity));
    List<@Nullable OwnerIdentity> identities = new ArrayList<>();
    sorted.forEach(entry -> identities.add(identity.apply(entry)));
    if (!duplicates(identities).isEmpty()) {
      throw new IllegalArgumentException("a declaration lists an owner twice");
    }
    return List.copyOf(sorted);
  }
}

package org.trademap.server.checks.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How similar two normalised names are, whatever the order of their tokens (ADR 0017).
 *
 * <p>Every token of the screened name is paired with at most one token of the listed name so that
 * the weighted similarity of the pairs is the largest possible (an exact search over all
 * assignments for names of up to 8 tokens, greedy beyond). A pair counts only if its tokens are at
 * least {@value #TOKEN_FLOOR} similar. The score is
 *
 * <pre>
 *   sum over pairs of sim(q, l) * (w(q) + w(l))
 *   ------------------------------------------------------------------------------
 *   sum of w over the screened tokens + sum of w over the listed tokens
 *     - {@value #UNPAIRED_LISTED_DISCOUNT} * sum of w over the listed tokens left unpaired
 * </pre>
 *
 * <p>so a screened token without a partner costs fully (the subject has a name the entry lacks), a
 * listed token without a partner costs half (lists often give more names than a passport). When the
 * names have different numbers of tokens, two adjacent tokens of the longer one are also tried
 * joined ({@code al qaida} / {@code alqaida}, {@code abdul rahman} / {@code abdulrahman}).
 *
 * <p>Token similarity: 1 for equal tokens; Jaro-Winkler otherwise; an initial is {@value
 * #INITIAL_SIMILARITY} similar to a token with the same first letter; tokens with digits must be
 * equal; tokens whose lengths differ by more than the ratio {@value #MIN_LENGTH_RATIO} are not
 * similar at all (Jaro-Winkler's prefix bonus would rate {@code garcia} and {@code garciarodriguez}
 * 0.88).
 */
final class NameScorer {
  static final double TOKEN_FLOOR = 0.80;
  static final double UNPAIRED_LISTED_DISCOUNT = 0.5;
  static final double INITIAL_SIMILARITY = 0.9;
  static final double MIN_LENGTH_RATIO = 0.7;
  private static final int EXACT_LIMIT = 8;

  private NameScorer() {}

  /** A screened token paired with a listed token. */
  record Pair(String query, String listed, double similarity) {}

  /** The score of two names and the pairs behind it. */
  record Result(
      double score, List<Pair> pairs, List<String> unpairedQuery, List<String> unpairedListed) {
    static final Result NONE = new Result(0, List.of(), List.of(), List.of());
  }

  static double tokenSimilarity(String q, String l) {
    if (q.equals(l)) {
      return 1;
    }
    if (q.length() == 1 || l.length() == 1) {
      return q.charAt(0) == l.charAt(0) ? INITIAL_SIMILARITY : 0;
    }
    if (hasDigit(q) || hasDigit(l)) {
      return 0;
    }
    int shorter = Math.min(q.length(), l.length());
    int longer = Math.max(q.length(), l.length());
    if (shorter < MIN_LENGTH_RATIO * longer) {
      return 0;
    }
    return JaroWinkler.similarity(q, l);
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }

  /** Token similarity, possibly remembered for the tokens of one screened name. */
  interface Similarity {
    double of(String query, String listed);
  }

  /** Remembers the similarities of one screened name's tokens; for one thread. */
  static final class Memo implements Similarity {
    private final Map<String, Map<String, Double>> known = new HashMap<>();

    @Override
    public double of(String query, String listed) {
      Map<String, Double> row = known.get(query);
      if (row == null) {
        row = new HashMap<>();
        known.put(query, row);
      }
      Double value = row.get(listed);
      if (value == null) {
        value = tokenSimilarity(query, listed);
        row.put(listed, value);
      }
      return value;
    }
  }

  /** The best score of the two names, with the pairs behind it. */
  static Result score(Names.Tokens query, Names.Tokens listed) {
    return score(query, listed, NameScorer::tokenSimilarity, true);
  }

  /**
   * The best score of the two names, with adjacent tokens of the longer one also tried joined; the
   * pairs only if {@code explain}.
   */
  static Result score(
      Names.Tokens query, Names.Tokens listed, Similarity similarity, boolean explain) {
    if (query.isEmpty() || listed.isEmpty()) {
      return Result.NONE;
    }
    Result best = assign(query, listed, similarity, explain);
    if (best.score() < 1 && query.size() != listed.size()) {
      boolean joinQuery = query.size() > listed.size();
      Names.Tokens longer = joinQuery ? query : listed;
      Names.Tokens shorter = joinQuery ? listed : query;
      for (int i = 0; i + 1 < longer.size() && i < EXACT_LIMIT; i++) {
        if (!pairsWithAny(longer.joined().get(i), shorter, similarity, joinQuery)) {
          continue;
        }
        Names.Tokens joined = join(longer, i);
        Result r =
            joinQuery
                ? assign(joined, listed, similarity, explain)
                : assign(query, joined, similarity, explain);
        if (r.score() > best.score()) {
          best = r;
        }
      }
    }
    return best;
  }

  /** Whether a joined token is similar enough to pair with some token of the other name. */
  private static boolean pairsWithAny(
      String joined, Names.Tokens other, Similarity similarity, boolean joinedIsQuery) {
    for (int j = 0; j < other.size(); j++) {
      double s =
          joinedIsQuery ? similarity.of(joined, other.get(j)) : similarity.of(other.get(j), joined);
      if (s >= TOKEN_FLOOR) {
        return true;
      }
    }
    return false;
  }

  private static Names.Tokens join(Names.Tokens t, int i) {
    List<String> tokens = new ArrayList<>(t.size() - 1);
    float[] weights = new float[t.size() - 1];
    for (int k = 0, out = 0; k < t.size(); k++, out++) {
      if (k == i) {
        tokens.add(t.joined().get(k));
        weights[out] = Math.max(Math.max(t.weight(k), t.weight(k + 1)), Names.NORMAL);
        k++;
      } else {
        tokens.add(t.get(k));
        weights[out] = t.weight(k);
      }
    }
    return new Names.Tokens(tokens, weights);
  }

  /** The best assignment of screened to listed tokens and its score. */
  static Result assign(
      Names.Tokens query, Names.Tokens listed, Similarity similarity, boolean explain) {
    int n = query.size();
    int m = listed.size();
    double[][] sim = new double[n][m];
    double[][] gain = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double s = similarity.of(query.get(i), listed.get(j));
        sim[i][j] = s;
        gain[i][j] = s >= TOKEN_FLOOR ? s * (query.weight(i) + listed.weight(j)) : 0;
      }
    }
    int[] partner = n <= EXACT_LIMIT && m <= EXACT_LIMIT ? exact(gain, n, m) : greedy(gain, n, m);
    double numerator = 0;
    double denominator = 0;
    boolean[] listedPaired = new boolean[m];
    List<Pair> pairs = explain ? new ArrayList<>() : List.of();
    List<String> unpairedQuery = explain ? new ArrayList<>() : List.of();
    for (int i = 0; i < n; i++) {
      denominator += query.weight(i);
      int j = partner[i];
      if (j >= 0) {
        numerator += gain[i][j];
        listedPaired[j] = true;
        if (explain) {
          pairs.add(new Pair(query.get(i), listed.get(j), sim[i][j]));
        }
      } else if (explain) {
        unpairedQuery.add(query.get(i));
      }
    }
    List<String> unpairedListed = explain ? new ArrayList<>() : List.of();
    for (int j = 0; j < m; j++) {
      denominator += listed.weight(j);
      if (!listedPaired[j]) {
        denominator -= UNPAIRED_LISTED_DISCOUNT * listed.weight(j);
        if (explain) {
          unpairedListed.add(listed.get(j));
        }
      }
    }
    double score = denominator > 0 ? Math.min(1, numerator / denominator) : 0;
    return new Result(score, pairs, unpairedQuery, unpairedListed);
  }

  /**
   * The exact best assignment: dynamic programming over the screened tokens and the set of listed
   * tokens already used (at most 8 × 2^8 states).
   *
   * @return for each screened token the index of its listed partner, or -1
   */
  private static int[] exact(double[][] gain, int n, int m) {
    int states = 1 << m;
    double[][] best = new double[n + 1][states];
    int[][] choice = new int[n + 1][states];
    for (double[] row : best) {
      Arrays.fill(row, Double.NEGATIVE_INFINITY);
    }
    best[0][0] = 0;
    for (int i = 0; i < n; i++) {
      for (int used = 0; used < states; used++) {
        double here = best[i][used];
        if (here == Double.NEGATIVE_INFINITY) {
          continue;
        }
        if (here > best[i + 1][used]) {
          best[i + 1][used] = here;
          choice[i + 1][used] = -1;
        }
        for (int j = 0; j < m; j++) {
          if ((used & (1 << j)) != 0 || gain[i][j] <= 0) {
            continue;
          }
          int next = used | (1 << j);
          double value = here + gain[i][j];
          if (value > best[i + 1][next]) {
            best[i + 1][next] = value;
            choice[i + 1][next] = j;
          }
        }
      }
    }
    int end = 0;
    for (int used = 1; used < states; used++) {
      if (best[n][used] > best[n][end]) {
        end = used;
      }
    }
    int[] partner = new int[n];
    for (int i = n; i > 0; i--) {
      int j = choice[i][end];
      partner[i - 1] = j;
      if (j >= 0) {
        end &= ~(1 << j);
      }
    }
    return partner;
  }

  /** Pairs the most similar tokens first: for names of more than 8 tokens. */
  private static int[] greedy(double[][] gain, int n, int m) {
    int[] partner = new int[n];
    Arrays.fill(partner, -1);
    boolean[] used = new boolean[m];
    while (true) {
      int bi = -1;
      int bj = -1;
      double bg = 0;
      for (int i = 0; i < n; i++) {
        if (partner[i] >= 0) {
          continue;
        }
        for (int j = 0; j < m; j++) {
          if (!used[j] && gain[i][j] > bg) {
            bg = gain[i][j];
            bi = i;
            bj = j;
          }
        }
      }
      if (bi < 0) {
        return partner;
      }
      partner[bi] = bj;
      used[bj] = true;
    }
  }
}

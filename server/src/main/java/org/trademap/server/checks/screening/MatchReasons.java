package org.trademap.server.checks.screening;

import java.util.List;

/**
 * Why a party matched a list entry: the compliance officer's view of the score.
 *
 * @param matchedName the entry's name that matched best, as the list writes it
 * @param matchedAs whether it is the primary name or an alias (and which kind)
 * @param aliasLabel the list's word for the alias ({@code a.k.a.}, {@code Low}, …); empty for the
 *     primary name
 * @param screenedForm the screened name after normalisation and transliteration
 * @param listedForm the matched name after normalisation and transliteration
 * @param tokens the token pairs and their Jaro-Winkler similarity
 * @param unpairedScreened screened tokens that found no partner
 * @param unpairedListed listed tokens that found no partner
 * @param nameScore the similarity of the names (token assignment), in [0, 1]
 * @param aliasFactor what the alias' quality multiplies the name score by (1, or less for a weak
 *     alias)
 * @param corroborations birth date and nationality (or country), each with its adjustment
 */
public record MatchReasons(
    String matchedName,
    NameRole matchedAs,
    String aliasLabel,
    String screenedForm,
    String listedForm,
    List<TokenMatch> tokens,
    List<String> unpairedScreened,
    List<String> unpairedListed,
    double nameScore,
    double aliasFactor,
    List<Corroboration> corroborations) {

  public MatchReasons {
    tokens = List.copyOf(tokens);
    unpairedScreened = List.copyOf(unpairedScreened);
    unpairedListed = List.copyOf(unpairedListed);
    corroborations = List.copyOf(corroborations);
  }

  /** Which of an entry's names matched. */
  public enum NameRole {
    PRIMARY,
    ALIAS,
    WEAK_ALIAS,
    ORIGINAL_SCRIPT
  }

  /** A screened token, the listed token it was paired with and their similarity. */
  public record TokenMatch(String screened, String listed, double similarity) {}
}

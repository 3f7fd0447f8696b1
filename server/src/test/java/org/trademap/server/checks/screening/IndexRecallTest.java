package org.trademap.server.checks.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The blocking of the index loses (almost) nothing: for misspelt and reordered variants of listed
 * names, the indexed screening finds the same hits as scoring every name of both lists.
 */
class IndexRecallTest {

  /** Every 40th person of the lists, its tokens reversed and one letter of the longest dropped. */
  private static List<String> variants() {
    List<String> out = new ArrayList<>();
    List<ListEntry> people =
        SanctionsData.index().entries(ListSource.OFAC).stream()
            .filter(e -> e.kind() == EntryKind.PERSON)
            .toList();
    for (int i = 0; i < people.size(); i += 40) {
      List<String> tokens =
          new ArrayList<>(Names.tokens(people.get(i).name(), EntryKind.PERSON).tokens());
      java.util.Collections.reverse(tokens);
      int longest = 0;
      for (int t = 1; t < tokens.size(); t++) {
        if (tokens.get(t).length() > tokens.get(longest).length()) {
          longest = t;
        }
      }
      String word = tokens.get(longest);
      if (word.length() > 4) {
        tokens.set(longest, word.substring(0, 2) + word.substring(3));
      }
      out.add(String.join(" ", tokens));
    }
    return out;
  }

  private static Set<String> keys(List<Hit> hits) {
    return hits.stream().map(h -> h.source() + ":" + h.entryKey()).collect(Collectors.toSet());
  }

  @Test
  void findsWhatExhaustiveScoringFinds() {
    ScreeningIndex index = SanctionsData.index();
    double threshold = ScreeningProperties.defaults().threshold();
    int same = 0;
    int total = 0;
    int topFound = 0;
    for (String name : variants()) {
      Party party = new Party(PartyRole.SUBJECT, EntryKind.PERSON, name, null, null);
      List<Hit> indexed = index.screen(party, threshold);
      List<Hit> exhaustive = index.screenExhaustively(party, threshold);
      total++;
      if (keys(indexed).equals(keys(exhaustive))) {
        same++;
      }
      if (!exhaustive.isEmpty()
          && keys(indexed)
              .contains(exhaustive.getFirst().source() + ":" + exhaustive.getFirst().entryKey())) {
        topFound++;
      }
      assertThat(keys(exhaustive)).containsAll(keys(indexed));
    }
    assertThat(total).isGreaterThan(50);
    assertThat((double) same / total)
        .as("same hits for %d of %d variants", same, total)
        .isGreaterThanOrEqualTo(0.97);
    assertThat(topFound).as("best hit found").isGreaterThanOrEqualTo((int) (0.98 * total));
  }
}

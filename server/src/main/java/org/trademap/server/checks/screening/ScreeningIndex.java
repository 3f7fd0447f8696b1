package org.trademap.server.checks.screening;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The newest version of every list, indexed for fast screening (ADR 0017). Immutable, so screening
 * needs no locks; a new version builds a new index.
 *
 * <p>Every name and alias of every entry is normalised once ({@link Names}). Its keys are its
 * tokens of full weight, and every two adjacent tokens joined; postings map each key to the names
 * that have it. A screened token finds the keys that may be similar to it in two neighbourhoods:
 * keys that share a one-character deletion with it (symmetric-delete: every key within one edit,
 * and most within two), and keys with the same sound key ({@link Names#soundKey}), which catch
 * transliteration variants ({@code yusuf}, {@code youssef}, {@code jusuf}). Keys at least {@value
 * NameScorer#TOKEN_FLOOR} similar to the token give the candidate names; only those are scored
 * ({@link NameScorer}, {@link EntryMatcher}). A name shares no such token with the screened name
 * can not reach the threshold, so blocking loses nothing the scoring would have kept except pairs
 * outside both neighbourhoods (measured in {@code ScreeningIndexTest}).
 */
final class ScreeningIndex {
  private static final int MIN_DELETE_LENGTH = 4;
  private static final int[] NONE = new int[0];
  private static final float MIN_REACHED = 0.5f;

  /** An entry of a list version. */
  record IndexedEntry(ListSource source, long version, ListEntry entry) {}

  /** A list version with its entries, as the repository loads it. */
  record Loaded(ListVersion version, List<ListEntry> entries) {}

  private final Map<ListSource, ListVersion> versions;
  private final List<IndexedEntry> entries;
  private final List<EntryMatcher.IndexedName> names;
  private final Map<String, int[]> postings;
  private final Map<String, String[]> deletions;
  private final Map<String, String[]> sounds;

  private ScreeningIndex(
      Map<ListSource, ListVersion> versions,
      List<IndexedEntry> entries,
      List<EntryMatcher.IndexedName> names,
      Map<String, int[]> postings,
      Map<String, String[]> deletions,
      Map<String, String[]> sounds) {
    this.versions = versions;
    this.entries = entries;
    this.names = names;
    this.postings = postings;
    this.deletions = deletions;
    this.sounds = sounds;
  }

  static ScreeningIndex empty() {
    return build(List.of());
  }

  /** Indexes the given list versions (one per list). */
  static ScreeningIndex build(List<Loaded> lists) {
    Map<ListSource, ListVersion> versions = new EnumMap<>(ListSource.class);
    List<IndexedEntry> entries = new ArrayList<>();
    List<EntryMatcher.IndexedName> names = new ArrayList<>();
    Map<String, List<Integer>> keyNames = new HashMap<>();
    for (Loaded list : lists) {
      versions.put(list.version().source(), list.version());
      for (ListEntry entry : list.entries()) {
        int e = entries.size();
        entries.add(new IndexedEntry(list.version().source(), list.version().id(), entry));
        addName(names, keyNames, e, entry.kind(), entry.name(), MatchReasons.NameRole.PRIMARY, "");
        for (ListEntry.Alias alias : entry.aliases()) {
          MatchReasons.NameRole role =
              switch (alias.quality()) {
                case STRONG -> MatchReasons.NameRole.ALIAS;
                case WEAK -> MatchReasons.NameRole.WEAK_ALIAS;
                case ORIGINAL_SCRIPT -> MatchReasons.NameRole.ORIGINAL_SCRIPT;
              };
          addName(names, keyNames, e, entry.kind(), alias.name(), role, alias.label());
        }
      }
    }
    Map<String, int[]> postings = new HashMap<>(keyNames.size() * 2);
    Map<String, Set<String>> deletions = new HashMap<>();
    Map<String, Set<String>> sounds = new HashMap<>();
    keyNames.forEach(
        (key, ids) -> {
          postings.put(key, ids.stream().mapToInt(Integer::intValue).distinct().toArray());
          for (String d : deletionsOf(key)) {
            deletions.computeIfAbsent(d, k -> new HashSet<>()).add(key);
          }
          sounds.computeIfAbsent(Names.soundKey(key), k -> new HashSet<>()).add(key);
        });
    return new ScreeningIndex(
        versions,
        List.copyOf(entries),
        List.copyOf(names),
        postings,
        frozen(deletions),
        frozen(sounds));
  }

  private static Map<String, String[]> frozen(Map<String, Set<String>> map) {
    Map<String, String[]> out = new HashMap<>(map.size() * 2);
    map.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
    return out;
  }

  private static void addName(
      List<EntryMatcher.IndexedName> names,
      Map<String, List<Integer>> keyNames,
      int entry,
      EntryKind kind,
      String name,
      MatchReasons.NameRole role,
      String label) {
    Names.Tokens tokens = Names.tokens(name, kind);
    if (tokens.isEmpty()) {
      return;
    }
    int id = names.size();
    names.add(new EntryMatcher.IndexedName(entry, name, role, label, tokens));
    for (String key : keys(tokens)) {
      keyNames.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
    }
  }

  /**
   * The keys of a name: its full-weight tokens and every two adjacent tokens joined; all its tokens
   * when none has full weight (a name of particles and legal forms only).
   */
  static Set<String> keys(Names.Tokens tokens) {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.weight(i) >= Names.NORMAL) {
        keys.add(tokens.get(i));
      }
      if (i + 1 < tokens.size()) {
        keys.add(tokens.joined().get(i));
      }
    }
    if (keys.isEmpty() || tokens.size() == 1) {
      for (int i = 0; i < tokens.size(); i++) {
        keys.add(tokens.get(i));
      }
    }
    return keys;
  }

  /**
   * The token itself and, from {@value #MIN_DELETE_LENGTH} characters, every one-character
   * deletion.
   */
  private static Set<String> deletionsOf(String token) {
    Set<String> out = new HashSet<>();
    out.add(token);
    if (token.length() >= MIN_DELETE_LENGTH) {
      for (int i = 0; i < token.length(); i++) {
        out.add(token.substring(0, i) + token.substring(i + 1));
      }
    }
    return out;
  }

  /** The list versions in this index. */
  Map<ListSource, ListVersion> versions() {
    return Map.copyOf(versions);
  }

  int entryCount() {
    return entries.size();
  }

  int nameCount() {
    return names.size();
  }

  /** Every entry of one list in this index. */
  List<ListEntry> entries(ListSource source) {
    return entries.stream().filter(e -> e.source() == source).map(IndexedEntry::entry).toList();
  }

  /**
   * Screens one party against every list: the matching entries with a score of at least {@code
   * threshold}, best first, one hit per entry.
   */
  List<Hit> screen(Party party, double threshold) {
    Names.Tokens screened = Names.tokens(party.name(), party.kind());
    if (screened.isEmpty()) {
      return List.of();
    }
    NameScorer.Memo similarity = new NameScorer.Memo();
    return screenCandidates(
        party, screened, candidates(screened, similarity), similarity, threshold);
  }

  private record Best(EntryMatcher.IndexedName name, double score) {}

  /**
   * The names that share similar keys with the screened name, of which at least half the screened
   * name's key weight. A name that pairs fewer of the screened tokens can not reach {@link
   * EntryMatcher#NAME_FLOOR}: with r of q full-weight tokens paired the score is at most 2r / (q +
   * r), below 0.7 for r < 0.54 q.
   */
  private BitSet candidates(Names.Tokens screened, NameScorer.Memo similarity) {
    Map<String, Float> keys = weightedKeys(screened);
    float total = 0;
    for (int i = 0; i < screened.size(); i++) {
      total += keys.containsKey(screened.get(i)) ? screened.weight(i) : 0;
    }
    float needed = MIN_REACHED * total;
    float[] reached = new float[names.size()];
    BitSet out = new BitSet(names.size());
    BitSet byKey = new BitSet(names.size());
    for (Map.Entry<String, Float> key : keys.entrySet()) {
      byKey.clear();
      for (String similar : similarKeys(key.getKey(), similarity)) {
        for (int id : postings.getOrDefault(similar, NONE)) {
          byKey.set(id);
        }
      }
      float weight = key.getValue();
      for (int id = byKey.nextSetBit(0); id >= 0; id = byKey.nextSetBit(id + 1)) {
        reached[id] += weight;
        if (reached[id] >= needed) {
          out.set(id);
        }
      }
    }
    return out;
  }

  /**
   * The keys of the screened name, each with the weight of the full-weight tokens it stands for.
   */
  private static Map<String, Float> weightedKeys(Names.Tokens tokens) {
    Set<String> keys = keys(tokens);
    Map<String, Float> out = new HashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (keys.contains(token)) {
        out.merge(token, tokens.weight(i), Math::max);
      }
      if (i + 1 < tokens.size()) {
        String joined = tokens.joined().get(i);
        if (keys.contains(joined)) {
          float w =
              (keys.contains(token) ? tokens.weight(i) : 0)
                  + (keys.contains(tokens.get(i + 1)) ? tokens.weight(i + 1) : 0);
          out.merge(joined, w, Math::max);
        }
      }
    }
    return out;
  }

  /** The index keys at least {@value NameScorer#TOKEN_FLOOR} similar to a key of the query. */
  private Set<String> similarKeys(String key, NameScorer.Memo similarity) {
    Set<String> near = new HashSet<>();
    for (String d : deletionsOf(key)) {
      String[] found = deletions.get(d);
      if (found != null) {
        near.addAll(List.of(found));
      }
    }
    String[] sound = sounds.get(Names.soundKey(key));
    if (sound != null) {
      near.addAll(List.of(sound));
    }
    near.removeIf(k -> similarity.of(key, k) < NameScorer.TOKEN_FLOOR);
    return near;
  }

  /**
   * Screens one party against every name of every entry without the index: the reference the
   * blocking is measured against ({@code ScreeningIndexTest}, the benchmark).
   */
  List<Hit> screenExhaustively(Party party, double threshold) {
    Names.Tokens screened = Names.tokens(party.name(), party.kind());
    BitSet all = new BitSet(names.size());
    all.set(0, names.size());
    return screenCandidates(party, screened, all, new NameScorer.Memo(), threshold);
  }

  private List<Hit> screenCandidates(
      Party party,
      Names.Tokens screened,
      BitSet candidates,
      NameScorer.Memo similarity,
      double threshold) {
    Map<Integer, Best> best = new HashMap<>();
    for (int id = candidates.nextSetBit(0); id >= 0; id = candidates.nextSetBit(id + 1)) {
      EntryMatcher.IndexedName name = names.get(id);
      IndexedEntry entry = entries.get(name.entry());
      if (entry.entry().kind() != party.kind()) {
        continue;
      }
      double score =
          NameScorer.score(screened, name.tokens(), similarity, false).score() * name.factor();
      Best current = best.get(name.entry());
      if (current == null || score > current.score()) {
        best.put(name.entry(), new Best(name, score));
      }
    }
    List<Hit> hits = new ArrayList<>();
    best.forEach(
        (e, b) -> {
          if (b.score() < EntryMatcher.NAME_FLOOR) {
            return;
          }
          IndexedEntry entry = entries.get(e);
          List<Corroboration> corroborations = EntryMatcher.corroborate(party, entry.entry());
          double score =
              EntryMatcher.round(
                  Math.clamp(b.score() + EntryMatcher.adjustment(corroborations), 0.0, 1.0));
          if (score >= threshold) {
            hits.add(
                new Hit(
                    entry.source(),
                    entry.version(),
                    entry.entry().key(),
                    entry.entry().kind(),
                    entry.entry().name(),
                    entry.entry().programme(),
                    score,
                    EntryMatcher.reasons(
                        screened,
                        b.name(),
                        NameScorer.score(screened, b.name().tokens(), similarity, true),
                        corroborations)));
          }
        });
    hits.sort(Hit.BEST_FIRST);
    return hits;
  }
}

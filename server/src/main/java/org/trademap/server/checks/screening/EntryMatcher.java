package org.trademap.server.checks.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The score of a party against one list entry: the best name score over the entry's names (weak
 * aliases count {@value #WEAK_ALIAS_FACTOR} of theirs), adjusted by birth date and nationality (ADR
 * 0017):
 *
 * <table>
 *   <caption>Adjustments</caption>
 *   <tr><th>birth date</th><th></th></tr>
 *   <tr><td>same day</td><td>+0.10</td></tr>
 *   <tr><td>in the month or year the list gives</td><td>+0.05</td></tr>
 *   <tr><td>in the list's range or near its approximate year</td><td>+0.03</td></tr>
 *   <tr><td>same year or one year off</td><td>0</td></tr>
 *   <tr><td>clearly another date</td><td>−0.10</td></tr>
 *   <tr><th>nationality (persons)</th><th></th></tr>
 *   <tr><td>one of the listed nationalities</td><td>+0.05</td></tr>
 *   <tr><td>none of them</td><td>−0.05</td></tr>
 *   <tr><th>country (organisations)</th><th></th></tr>
 *   <tr><td>a listed nationality or address country</td><td>+0.03</td></tr>
 * </table>
 *
 * <p>Nothing is adjusted when the list or the subject does not say. A match needs a name score of
 * at least {@value #NAME_FLOOR} whatever the corroboration.
 */
final class EntryMatcher {
  static final double WEAK_ALIAS_FACTOR = 0.9;
  static final double NAME_FLOOR = 0.70;
  static final double SAME_DAY = 0.10;
  static final double SAME_MONTH_OR_YEAR = 0.05;
  static final double IN_RANGE = 0.03;
  static final double DATE_CONFLICT = -0.10;
  static final double NATIONALITY_AGREES = 0.05;
  static final double NATIONALITY_CONFLICT = -0.05;
  static final double COUNTRY_AGREES = 0.03;

  private EntryMatcher() {}

  /** A name of an entry, normalised. */
  record IndexedName(
      int entry, String name, MatchReasons.NameRole role, String label, Names.Tokens tokens) {
    double factor() {
      return role == MatchReasons.NameRole.WEAK_ALIAS ? WEAK_ALIAS_FACTOR : 1;
    }
  }

  /** The corroborations of an entry for a party and their sum. */
  static List<Corroboration> corroborate(Party party, ListEntry entry) {
    List<Corroboration> out = new ArrayList<>(2);
    if (party.kind() == EntryKind.PERSON) {
      out.add(birthDate(party.birthDate(), entry.birthDates()));
      out.add(nationality(party.country(), entry.nationalities()));
    } else {
      out.add(country(party.country(), entry));
    }
    return out;
  }

  static double adjustment(List<Corroboration> corroborations) {
    double sum = 0;
    for (Corroboration c : corroborations) {
      sum += c.adjustment();
    }
    return sum;
  }

  private static Corroboration birthDate(@Nullable LocalDate date, List<BirthDate> listed) {
    String text = String.join(", ", listed.stream().map(BirthDate::toString).toList());
    if (date == null || listed.isEmpty()) {
      return new Corroboration(
          Corroboration.Aspect.BIRTH_DATE, Corroboration.Verdict.UNKNOWN, text, 0);
    }
    BirthDate.Agreement best = BirthDate.Agreement.CONFLICTS;
    for (BirthDate b : listed) {
      BirthDate.Agreement a = b.compare(date);
      if (a.compareTo(best) < 0) {
        best = a;
      }
    }
    return switch (best) {
      case SAME_DAY ->
          new Corroboration(
              Corroboration.Aspect.BIRTH_DATE, Corroboration.Verdict.AGREES, text, SAME_DAY);
      case SAME_MONTH_OR_YEAR ->
          new Corroboration(
              Corroboration.Aspect.BIRTH_DATE,
              Corroboration.Verdict.AGREES,
              text,
              SAME_MONTH_OR_YEAR);
      case IN_RANGE ->
          new Corroboration(
              Corroboration.Aspect.BIRTH_DATE, Corroboration.Verdict.PLAUSIBLE, text, IN_RANGE);
      case CLOSE ->
          new Corroboration(
              Corroboration.Aspect.BIRTH_DATE, Corroboration.Verdict.NEUTRAL, text, 0);
      case CONFLICTS ->
          new Corroboration(
              Corroboration.Aspect.BIRTH_DATE,
              Corroboration.Verdict.CONFLICTS,
              text,
              DATE_CONFLICT);
    };
  }

  private static Corroboration nationality(@Nullable String country, List<String> listed) {
    String text = String.join(", ", listed);
    if (country == null || listed.isEmpty()) {
      return new Corroboration(
          Corroboration.Aspect.NATIONALITY, Corroboration.Verdict.UNKNOWN, text, 0);
    }
    return listed.contains(country)
        ? new Corroboration(
            Corroboration.Aspect.NATIONALITY,
            Corroboration.Verdict.AGREES,
            text,
            NATIONALITY_AGREES)
        : new Corroboration(
            Corroboration.Aspect.NATIONALITY,
            Corroboration.Verdict.CONFLICTS,
            text,
            NATIONALITY_CONFLICT);
  }

  private static Corroboration country(@Nullable String country, ListEntry entry) {
    List<String> listed = new ArrayList<>(entry.nationalities());
    entry.countries().stream().filter(c -> !listed.contains(c)).forEach(listed::add);
    String text = String.join(", ", listed);
    if (country == null || listed.isEmpty()) {
      return new Corroboration(
          Corroboration.Aspect.COUNTRY, Corroboration.Verdict.UNKNOWN, text, 0);
    }
    return listed.contains(country)
        ? new Corroboration(
            Corroboration.Aspect.COUNTRY, Corroboration.Verdict.AGREES, text, COUNTRY_AGREES)
        : new Corroboration(Corroboration.Aspect.COUNTRY, Corroboration.Verdict.NEUTRAL, text, 0);
  }

  /** The reasons for the match of a name, with the corroborations of its entry. */
  static MatchReasons reasons(
      Names.Tokens screened,
      IndexedName name,
      NameScorer.Result result,
      List<Corroboration> corroborations) {
    return new MatchReasons(
        name.name(),
        name.role(),
        name.label(),
        screened.text(),
        name.tokens().text(),
        result.pairs().stream()
            .map(p -> new MatchReasons.TokenMatch(p.query(), p.listed(), round(p.similarity())))
            .toList(),
        result.unpairedQuery(),
        result.unpairedListed(),
        round(result.score()),
        name.factor(),
        corroborations);
  }

  /** Scores as shown and stored: four decimals. */
  static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}

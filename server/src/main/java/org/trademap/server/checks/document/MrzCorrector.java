package org.trademap.server.checks.document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.trademap.server.checks.document.Correction.Reason;
import org.trademap.server.checks.document.MrzLayout.CharClass;
import org.trademap.server.checks.document.MrzLayout.Checked;
import org.trademap.server.checks.document.MrzLayout.Element;
import org.trademap.server.checks.document.MrzLayout.Pos;
import org.trademap.server.checks.document.MrzLayout.Span;

/**
 * Turns OCR text into a machine-readable zone (ADR 0016):
 *
 * <ol>
 *   <li>normalise: upper case, spaces and blank lines dropped, a guillemet {@code «} read as two
 *       fillers, other foreign characters dropped;
 *   <li>fit the lengths: a line that is too short or too long gets a run of fillers lengthened or
 *       shortened (the trailing run first, then the longest), or stray characters at an end
 *       dropped; every such variant is tried;
 *   <li>by field type: in dates and check digits a letter becomes the digit it is usually confused
 *       with ({@code O Q D}→0, {@code I L}→1, {@code Z}→2, {@code A}→4, {@code S}→5, {@code G}→6,
 *       {@code T}→7, {@code B}→8), in names and codes a digit the letter ({@code 0}→O, {@code 1}→I,
 *       {@code 2}→Z, {@code 4}→A, {@code 5}→S, {@code 6}→G, {@code 8}→B); a {@code K} among
 *       trailing fillers becomes a filler; a country code that does not exist but is one look-alike
 *       letter away from exactly one that does becomes that one;
 *   <li>by check digits: in the document number and personal number, whose characters may be
 *       letters or digits, {@value #MAX_CHANGES_PER_NUMBER} confusable character ({@code 0 O Q D},
 *       {@code 1 I L}, {@code 2 Z}, {@code 5 S}, {@code 6 G}, {@code 8 B}) is swapped so that the
 *       number's own check digit holds — only if the composite check digit then holds too, and only
 *       if no other swap does, or every other one makes the number switch more often between
 *       letters and digits (a confusion typically puts a letter among digits) or, at equal
 *       switches, is a rarer confusion ({@code D Q L} rather than {@code O I}); otherwise the
 *       number stays as read and the readings that fit are reported as an {@link Ambiguity};
 *   <li>look-alikes: {@code 1}/{@code L} and {@code 6}/{@code G} have values 20 and 10 apart, which
 *       no check digit sees; such a letter between two digits or such a digit between two letters
 *       of a number is left as read (issuers do mix them) and reported as an {@link Ambiguity}.
 * </ol>
 *
 * The variant that parses, else the one with the fewest defects, then the fewest corrections, wins.
 * Every change is reported.
 */
public final class MrzCorrector {
  /** The most characters of one number that the check-digit step changes. */
  static final int MAX_CHANGES_PER_NUMBER = 1;

  /** The most fillers an inner run is lengthened or shortened by to fit the line length. */
  static final int MAX_INNER_RUN_SHIFT = 6;

  /** The most length variants tried per line. */
  static final int MAX_VARIANTS_PER_LINE = 6;

  private static final Map<Character, Character> TO_DIGIT =
      Map.ofEntries(
          Map.entry('O', '0'),
          Map.entry('Q', '0'),
          Map.entry('D', '0'),
          Map.entry('I', '1'),
          Map.entry('L', '1'),
          Map.entry('Z', '2'),
          Map.entry('A', '4'),
          Map.entry('S', '5'),
          Map.entry('G', '6'),
          Map.entry('T', '7'),
          Map.entry('B', '8'));

  private static final Map<Character, Character> TO_LETTER =
      Map.of('0', 'O', '1', 'I', '2', 'Z', '4', 'A', '5', 'S', '6', 'G', '8', 'B');

  private static final Map<Character, Character> INVISIBLE_TO_DIGIT = Map.of('L', '1', 'G', '6');

  private static final Map<Character, Character> INVISIBLE_TO_LETTER = Map.of('1', 'L', '6', 'G');

  /** Characters OCR takes for one another in the MRZ font, in groups. */
  private static final List<String> CONFUSABLE = List.of("0OQD", "1IL", "2Z", "5S", "6G", "8B");

  private static final Comparator<Correction> ZONE_ORDER =
      Comparator.comparingInt(Correction::line).thenComparingInt(Correction::position);

  private MrzCorrector() {}

  /**
   * Corrects and parses OCR text.
   *
   * @param rawLines the text, line by line, as OCR gave it (already cut to the zone's lines)
   * @param today the day of reading, for the two-digit years
   */
  public static CorrectedMrz correct(List<String> rawLines, LocalDate today) {
    List<LineDraft> normalised = normalise(rawLines);
    if (normalised.size() != 2 && normalised.size() != 3) {
      return result(rawLines, normalised, today);
    }
    MrzFormat format = formatOf(texts(normalised));
    MrzLayout layout = MrzLayout.of(format);

    List<List<LineDraft>> variants = new ArrayList<>();
    for (LineDraft line : normalised) {
      variants.add(lengthVariants(line, format.length()));
    }
    Candidate best = null;
    for (List<LineDraft> choice : combinations(variants)) {
      List<LineDraft> zone = choice.stream().map(LineDraft::copy).toList();
      List<Ambiguity> ambiguities = List.of();
      if (zone.stream().allMatch(l -> l.text().length() == format.length())) {
        byField(zone, layout);
        ambiguities = new ArrayList<>(byCheckDigits(zone, layout));
        ambiguities.addAll(lookAlikes(zone, layout));
      }
      Candidate candidate = new Candidate(zone, MrzParser.parse(texts(zone), today), ambiguities);
      if (best == null || candidate.compareTo(best) < 0) {
        best = candidate;
      }
    }
    return best == null
        ? result(rawLines, normalised, today)
        : new CorrectedMrz(
            rawLines,
            texts(best.zone()),
            corrections(best.zone()),
            best.ambiguities(),
            best.outcome());
  }

  /**
   * Three lines are TD1; two are TD3 if the first starts with {@code P} (only passports are TD3),
   * else the longer line's length decides.
   */
  static MrzFormat formatOf(List<String> texts) {
    if (texts.size() == 3) {
      return MrzFormat.TD1;
    }
    if (texts.getFirst().startsWith("P")) {
      return MrzFormat.TD3;
    }
    String longest = texts.stream().max(Comparator.comparingInt(String::length)).orElse("");
    return MrzParser.guessFormat(List.of(longest, longest));
  }

  private static CorrectedMrz result(List<String> raw, List<LineDraft> zone, LocalDate today) {
    List<String> texts = texts(zone);
    return new CorrectedMrz(
        raw, texts, corrections(zone), List.of(), MrzParser.parse(texts, today));
  }

  private static List<String> texts(List<LineDraft> zone) {
    return zone.stream().map(LineDraft::text).toList();
  }

  private static List<Correction> corrections(List<LineDraft> zone) {
    List<Correction> all = new ArrayList<>();
    for (LineDraft line : zone) {
      all.addAll(line.corrections());
    }
    all.sort(ZONE_ORDER);
    return all;
  }

  /** One corrected zone with its parse, ordered best first. */
  private record Candidate(List<LineDraft> zone, MrzOutcome outcome, List<Ambiguity> ambiguities)
      implements Comparable<Candidate> {
    int defects() {
      return outcome instanceof MrzOutcome.Rejected r ? r.defects().size() : 0;
    }

    int changes() {
      return zone.stream().mapToInt(l -> l.corrections().size()).sum();
    }

    @Override
    public int compareTo(Candidate other) {
      return Comparator.comparingInt(Candidate::defects)
          .thenComparingInt(Candidate::changes)
          .compare(this, other);
    }
  }

  // --- Step 1: normalise ---------------------------------------------------------------------

  static List<LineDraft> normalise(List<String> rawLines) {
    List<LineDraft> lines = new ArrayList<>();
    for (String raw : rawLines) {
      LineDraft line = new LineDraft(lines.size() + 1);
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (Character.isWhitespace(c)) {
          continue;
        }
        String upper = String.valueOf(c).toUpperCase(Locale.ROOT);
        if (c == '«') {
          line.append("<<", String.valueOf(c), Reason.NORMALISED);
        } else if (c == '‹' || c == '(' || c == '[' || c == '{') {
          line.append("<", String.valueOf(c), Reason.NORMALISED);
        } else if (upper.length() == 1 && CheckDigits.isMrzChar(upper.charAt(0))) {
          line.append(upper, String.valueOf(c), Reason.NORMALISED);
        } else {
          line.append("", String.valueOf(c), Reason.NORMALISED);
        }
      }
      if (!line.text().isEmpty()) {
        lines.add(line);
      }
    }
    // Renumber after dropped blank lines.
    List<LineDraft> numbered = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      numbered.add(lines.get(i).renumbered(i + 1));
    }
    return numbered;
  }

  // --- Step 2: fit the lengths ---------------------------------------------------------------

  /** The runs of fillers of a line: start index and length. */
  private record Run(int start, int length) {
    int end() {
      return start + length;
    }
  }

  private static List<Run> fillerRuns(String text) {
    List<Run> runs = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == '<') {
        int start = i;
        while (i < text.length() && text.charAt(i) == '<') {
          i++;
        }
        runs.add(new Run(start, i - start));
      } else {
        i++;
      }
    }
    return runs;
  }

  static List<LineDraft> lengthVariants(LineDraft line, int target) {
    String text = line.text();
    int delta = target - text.length();
    if (delta == 0) {
      return List.of(line);
    }
    List<Run> runs = fillerRuns(text);
    List<Run> inner =
        runs.stream()
            .filter(r -> r.end() < text.length())
            .sorted(Comparator.comparingInt(Run::length).reversed())
            .toList();
    List<LineDraft> variants = new ArrayList<>();
    if (delta > 0) {
      LineDraft padded = line.copy();
      padded.insert(text.length(), "<".repeat(delta), Reason.LENGTH);
      variants.add(padded);
      if (delta <= MAX_INNER_RUN_SHIFT) {
        for (Run run : inner) {
          LineDraft v = line.copy();
          v.insert(run.start(), "<".repeat(delta), Reason.LENGTH);
          variants.add(v);
        }
      }
    } else {
      int excess = -delta;
      int trailing = text.length() - text.replaceAll("<+$", "").length();
      if (trailing >= excess) {
        LineDraft v = line.copy();
        v.remove(text.length() - excess, excess, Reason.LENGTH);
        variants.add(v);
      }
      if (excess <= MAX_INNER_RUN_SHIFT) {
        for (Run run : inner) {
          if (run.length() > excess) {
            LineDraft v = line.copy();
            v.remove(run.start(), excess, Reason.LENGTH);
            variants.add(v);
          }
        }
      }
      if (excess <= 2) {
        LineDraft head = line.copy();
        head.remove(0, excess, Reason.LENGTH);
        variants.add(head);
        LineDraft tail = line.copy();
        tail.remove(text.length() - excess, excess, Reason.LENGTH);
        variants.add(tail);
      }
    }
    if (variants.isEmpty()) {
      return List.of(line);
    }
    return variants.subList(0, Math.min(variants.size(), MAX_VARIANTS_PER_LINE));
  }

  // --- Step 3: by field type -----------------------------------------------------------------

  static void byField(List<LineDraft> zone, MrzLayout layout) {
    for (int line = 0; line < zone.size(); line++) {
      LineDraft draft = zone.get(line);
      for (int i = 0; i < draft.text().length(); i++) {
        char c = draft.text().charAt(i);
        Character replacement =
            switch (layout.classAt(line, i)) {
              case LETTERS -> TO_LETTER.get(c);
              case DIGITS, CHECK_DIGIT -> TO_DIGIT.get(c);
              case ALPHANUMERIC, SEX -> null;
            };
        if (replacement != null) {
          draft.set(i, replacement, Reason.FIELD_TYPE);
        }
      }
    }
    for (Element e : layout.elements()) {
      if (e.type() == CharClass.LETTERS || e.type() == CharClass.ALPHANUMERIC) {
        fillers(zone, e);
      }
      if (e.field() == MrzField.ISSUING_STATE || e.field() == MrzField.NATIONALITY) {
        countryCode(zone.get(e.span().line()), e.span());
      }
      Pos check = e.check();
      if (check != null && e.fillerCheckAllowed()) {
        LineDraft draft = zone.get(check.line());
        boolean empty = e.span().of(texts(zone)).chars().allMatch(c -> c == '<');
        if (empty && draft.text().charAt(check.index()) == 'K') {
          draft.set(check.index(), '<', Reason.FILLER);
        }
      }
    }
  }

  /**
   * A {@code K} followed by nothing but fillers (or other such {@code K}s) to the end of its
   * element, and preceded by nothing but fillers or by the fillers that end a name ({@code <<} in a
   * name, {@code <} in a code or number), is a misread filler.
   */
  private static void fillers(List<LineDraft> zone, Element e) {
    Span span = e.span();
    LineDraft draft = zone.get(span.line());
    String separator =
        e.field() == MrzField.NAME || e.field() == MrzField.DOCUMENT_CODE ? "<<" : "<";
    for (int i = span.end() - 1; i >= span.start(); i--) {
      String text = draft.text();
      if (text.charAt(i) != 'K') {
        continue;
      }
      String before = text.substring(span.start(), i);
      String after = text.substring(i + 1, span.end());
      boolean trailing = after.chars().allMatch(c -> c == '<');
      boolean empty = before.chars().allMatch(c -> c == '<' || c == 'K');
      if (trailing && (empty || before.endsWith(separator))) {
        draft.set(i, '<', Reason.FILLER);
      }
    }
  }

  /** Letters OCR takes for one another, for country codes. */
  private static final List<String> LOOKALIKE_LETTERS =
      List.of("ODQ", "IL", "UV", "CG", "EF", "MN", "PR", "K<");

  /**
   * A country code that is none of ICAO's, but would be with one look-alike letter swapped (and
   * with only one such swap), is corrected to that code.
   */
  private static void countryCode(LineDraft draft, Span span) {
    String text = draft.text().substring(span.start(), span.end());
    if (IcaoCodes.isValid(MrzParser.withoutFillers(text))) {
      return;
    }
    Set<String> valid = new HashSet<>();
    int at = -1;
    char to = ' ';
    for (int i = 0; i < text.length(); i++) {
      for (String group : LOOKALIKE_LETTERS) {
        if (group.indexOf(text.charAt(i)) < 0) {
          continue;
        }
        for (int g = 0; g < group.length(); g++) {
          char alternative = group.charAt(g);
          String changed = text.substring(0, i) + alternative + text.substring(i + 1);
          if (alternative != text.charAt(i)
              && IcaoCodes.isValid(MrzParser.withoutFillers(changed))
              && changed.matches("[A-Z]+<*")) {
            valid.add(changed);
            at = i;
            to = alternative;
          }
        }
      }
    }
    if (valid.size() == 1) {
      draft.set(span.start() + at, to, Reason.COUNTRY_CODE);
    }
  }

  // --- Step 4: by check digits ---------------------------------------------------------------

  /** One way to change a number: positions and new characters. */
  private record Change(List<Pos> positions, List<Character> replacements) {
    int size() {
      return positions.size();
    }
  }

  /**
   * Swaps confusable characters of the numbers under their own check digits; returns the numbers
   * that several readings would fit equally well (then nothing is changed).
   */
  static List<Ambiguity> byCheckDigits(List<LineDraft> zone, MrzLayout layout) {
    List<String> lines = texts(zone);
    List<Checked> numbers = numbers(lines, layout);
    List<List<Change>> options = new ArrayList<>();
    boolean anyFailing = false;
    for (Checked number : numbers) {
      char check = lines.get(number.check().line()).charAt(number.check().index());
      String text = number.text(lines);
      if (check == '<' || CheckDigits.of(text) == check) {
        options.add(List.of(new Change(List.of(), List.of())));
        continue;
      }
      if (check < '0' || check > '9') {
        return List.of();
      }
      List<Change> passing = changesPassing(number, lines, check);
      if (passing.isEmpty()) {
        return List.of();
      }
      options.add(passing);
      anyFailing = true;
    }
    if (!anyFailing) {
      return List.of();
    }
    List<List<Change>> holding = compositeHolding(options, lines, layout.composite());
    Set<List<String>> distinct = new HashSet<>();
    for (List<Change> combination : holding) {
      distinct.add(apply(lines, combination));
    }
    List<List<Change>> plainest = plainest(holding, lines, numbers);
    if (plainest.size() == 1) {
      for (Change change : plainest.getFirst()) {
        for (int i = 0; i < change.size(); i++) {
          Pos p = change.positions().get(i);
          zone.get(p.line()).set(p.index(), change.replacements().get(i), Reason.CHECK_DIGIT);
        }
      }
      return List.of();
    }
    List<Ambiguity> ambiguities = new ArrayList<>();
    for (Checked number : numbers) {
      Set<String> readings = new TreeSet<>();
      for (List<String> reading : distinct) {
        readings.add(MrzParser.withoutFillers(number.text(reading)));
      }
      if (readings.size() > 1) {
        ambiguities.add(new Ambiguity(number.field(), List.copyOf(readings)));
      }
    }
    return ambiguities;
  }

  /**
   * Of the combinations that hold, those whose numbers switch least often between letters and
   * digits (an OCR confusion puts a letter among digits or a digit among letters), and among those
   * the ones made of the commonest confusions ({@link #cost}); several if they tie.
   */
  private static List<List<Change>> plainest(
      List<List<Change>> holding, List<String> lines, List<Checked> numbers) {
    List<List<Change>> plainest = new ArrayList<>();
    int lowest = Integer.MAX_VALUE;
    for (List<Change> combination : holding) {
      List<String> changed = apply(lines, combination);
      int score = 0;
      for (Checked number : numbers) {
        score += SWITCH_WEIGHT * switches(number.text(changed));
      }
      for (Change change : combination) {
        for (int i = 0; i < change.size(); i++) {
          Pos p = change.positions().get(i);
          score += cost(lines.get(p.line()).charAt(p.index()), change.replacements().get(i));
        }
      }
      if (score < lowest) {
        plainest.clear();
        lowest = score;
      }
      if (score == lowest) {
        plainest.add(combination);
      }
    }
    return plainest;
  }

  /** Outweighs the cost of any one change: the shape of a number counts first. */
  private static final int SWITCH_WEIGHT = 10;

  /** The commonest confusions of the MRZ font: cost 1; the rarer ones (D, Q, L): 2. */
  static int cost(char from, char to) {
    String pair = from < to ? "" + from + to : "" + to + from;
    return switch (pair) {
      case "0O", "1I", "2Z", "5S", "6G", "8B" -> 1;
      default -> 2;
    };
  }

  /** How often the text switches between letters and digits (fillers ignored). */
  static int switches(String text) {
    int switches = 0;
    int last = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int kind = c == '<' ? 0 : Character.isDigit(c) ? 1 : 2;
      if (kind != 0) {
        if (last != 0 && kind != last) {
          switches++;
        }
        last = kind;
      }
    }
    return switches;
  }

  /** The changes of at most {@link #MAX_CHANGES_PER_NUMBER} characters after which it holds. */
  private static List<Change> changesPassing(Checked number, List<String> lines, char check) {
    List<Change> passing = new ArrayList<>();
    enumerate(
        number.positions(),
        number.text(lines).toCharArray(),
        0,
        MAX_CHANGES_PER_NUMBER,
        check,
        new ArrayList<>(),
        new ArrayList<>(),
        passing);
    passing.sort(Comparator.comparingInt(Change::size));
    return passing;
  }

  /**
   * Adds every change from index {@code from} on, of at most {@code left} characters, that holds.
   */
  private static void enumerate(
      List<Pos> positions,
      char[] text,
      int from,
      int left,
      char check,
      List<Pos> changed,
      List<Character> replacements,
      List<Change> passing) {
    if (left == 0) {
      return;
    }
    for (int i = from; i < text.length; i++) {
      char saved = text[i];
      for (char alternative : alternatives(saved).toCharArray()) {
        text[i] = alternative;
        changed.add(positions.get(i));
        replacements.add(alternative);
        if (CheckDigits.of(new String(text)) == check) {
          passing.add(new Change(List.copyOf(changed), List.copyOf(replacements)));
        }
        enumerate(positions, text, i + 1, left - 1, check, changed, replacements, passing);
        changed.removeLast();
        replacements.removeLast();
      }
      text[i] = saved;
    }
  }

  private static String alternatives(char c) {
    for (String group : CONFUSABLE) {
      if (group.indexOf(c) >= 0) {
        return group.replace(String.valueOf(c), "");
      }
    }
    return "";
  }

  /**
   * The combinations (one change per number) with the fewest changed characters after which the
   * composite check digit holds too; empty if there are none.
   */
  private static List<List<Change>> compositeHolding(
      List<List<Change>> options, List<String> lines, Checked composite) {
    char check = lines.get(composite.check().line()).charAt(composite.check().index());
    List<List<Change>> holding = new ArrayList<>();
    if (check < '0' || check > '9') {
      return holding;
    }
    int fewest = Integer.MAX_VALUE;
    for (List<Change> combination : combinations(options)) {
      int size = combination.stream().mapToInt(Change::size).sum();
      if (size > fewest) {
        continue;
      }
      if (CheckDigits.of(composite.text(apply(lines, combination))) == check) {
        if (size < fewest) {
          holding.clear();
          fewest = size;
        }
        holding.add(combination);
      }
    }
    return holding;
  }

  /** Every choice of one option from each list. */
  private static <T> List<List<T>> combinations(List<List<T>> options) {
    List<List<T>> result = new ArrayList<>();
    result.add(List.of());
    for (List<T> choices : options) {
      List<List<T>> next = new ArrayList<>();
      for (List<T> prefix : result) {
        for (T choice : choices) {
          List<T> extended = new ArrayList<>(prefix);
          extended.add(choice);
          next.add(extended);
        }
      }
      result = next;
    }
    return result;
  }

  private static List<String> apply(List<String> lines, List<Change> changes) {
    List<StringBuilder> builders = lines.stream().map(StringBuilder::new).toList();
    for (Change change : changes) {
      for (int i = 0; i < change.size(); i++) {
        Pos p = change.positions().get(i);
        builders.get(p.line()).setCharAt(p.index(), change.replacements().get(i));
      }
    }
    return builders.stream().map(StringBuilder::toString).toList();
  }

  // --- Step 5: look-alikes no check digit sees ----------------------------------------------

  /** The document number (with its continuation) and the personal number of a passport. */
  private static List<Checked> numbers(List<String> lines, MrzLayout layout) {
    List<Checked> numbers = new ArrayList<>();
    layout.documentNumber(lines).ifPresent(numbers::add);
    if (layout.format() == MrzFormat.TD3) {
      Element personal = layout.element(MrzField.PERSONAL_NUMBER);
      numbers.add(
          new Checked(
              MrzField.PERSONAL_NUMBER,
              personal.span().positions(),
              Objects.requireNonNull(personal.check())));
    }
    return numbers;
  }

  /**
   * {@code 1}/{@code L} and {@code 6}/{@code G} differ in value by a multiple of 10, so no check
   * digit tells them apart. Such a letter between two digits or such a digit between two letters in
   * a number whose check digit holds is left as read (issuers do put letters among digits) but
   * reported with its look-alike as an {@link Ambiguity}.
   */
  static List<Ambiguity> lookAlikes(List<LineDraft> zone, MrzLayout layout) {
    List<String> lines = texts(zone);
    List<Ambiguity> ambiguities = new ArrayList<>();
    for (Checked number : numbers(lines, layout)) {
      String text = number.text(lines);
      if (lines.get(number.check().line()).charAt(number.check().index()) != CheckDigits.of(text)) {
        continue;
      }
      Set<String> readings = new TreeSet<>();
      for (int i = 1; i < text.length() - 1; i++) {
        char before = text.charAt(i - 1);
        char after = text.charAt(i + 1);
        Character other = null;
        if (Character.isDigit(before) && Character.isDigit(after)) {
          other = INVISIBLE_TO_DIGIT.get(text.charAt(i));
        } else if (Character.isLetter(before) && Character.isLetter(after)) {
          other = INVISIBLE_TO_LETTER.get(text.charAt(i));
        }
        if (other != null) {
          readings.add(
              MrzParser.withoutFillers(text.substring(0, i) + other + text.substring(i + 1)));
        }
      }
      if (!readings.isEmpty()) {
        readings.add(MrzParser.withoutFillers(text));
        ambiguities.add(new Ambiguity(number.field(), List.copyOf(readings)));
      }
    }
    return ambiguities;
  }
}

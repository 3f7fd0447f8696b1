package org.trademap.server.checks.screening;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a name in any script into the tokens the matcher compares.
 *
 * <ol>
 *   <li>NFKC with case folding (ICU): compatibility forms (full-width letters, ligatures) become
 *       plain letters, case no longer matters ({@code ß} becomes {@code ss}).
 *   <li>Transliteration to ASCII with ICU's {@code Any-Latin; Latin-ASCII}: Arabic, Cyrillic,
 *       Greek, CJK and other scripts to Latin, then accents and special letters to ASCII ({@code
 *       Müller} → {@code muller}, {@code Łukasz} → {@code lukasz}, {@code Владимир} → {@code
 *       vladimir}).
 *   <li>Apostrophes and similar marks vanish ({@code O'Neil} → {@code oneil}, {@code Sa'id} →
 *       {@code said}); every other character that is not a letter or digit separates tokens.
 *   <li>Honorifics and titles are dropped for persons ({@code Mr}, {@code Dr}, {@code Sheikh},
 *       {@code Haji}, {@code Mullah}, …); legal forms of organisations are written one way ({@code
 *       Limited} → {@code ltd}, {@code Company} → {@code co}).
 * </ol>
 *
 * <p>Each token gets a weight: 1 for a name, {@value #LIGHT} for particles ({@code al}, {@code
 * bin}, {@code de}, {@code van}, …), generational suffixes and legal forms, which say little about
 * who is meant, and {@value #INITIAL} for single letters (initials). Thread-safe.
 */
final class Names {
  static final float NORMAL = 1f;
  static final float LIGHT = 0.3f;
  static final float INITIAL = 0.5f;

  private static final Pattern SPACE = Pattern.compile(" ");
  private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
  // ICU's transliterators are not documented as thread-safe: calls are serialised on it. Only
  // names with non-ASCII characters reach it.
  private static final Transliterator TO_ASCII =
      Transliterator.getInstance("Any-Latin; Latin-ASCII");

  private static final Set<String> HONORIFICS =
      Set.of(
          "mr",
          "mrs",
          "ms",
          "miss",
          "mx",
          "dr",
          "prof",
          "professor",
          "sir",
          "dame",
          "hon",
          "rev",
          "sheikh",
          "shaykh",
          "shaikh",
          "sheik",
          "haji",
          "hajji",
          "hadji",
          "alhaji",
          "alhajji",
          "mullah",
          "mulla",
          "maulana",
          "maulvi",
          "mawlawi",
          "mawlavi",
          "molvi",
          "qari");

  private static final Set<String> PARTICLES =
      Set.of(
          "al", "el", "ul", "ud", "ad", "as", "ash", "at", "az", "bin", "ibn", "bint", "binti",
          "ben", "abu", "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "van",
          "von", "der", "den", "la", "le", "los", "las", "y", "e", "ter", "ten", "jr", "sr", "ii",
          "iii", "iv");

  private static final Map<String, String> LEGAL_FORM_SPELLINGS =
      Map.ofEntries(
          Map.entry("company", "co"),
          Map.entry("corporation", "corp"),
          Map.entry("incorporated", "inc"),
          Map.entry("limited", "ltd"),
          Map.entry("societe", "ste"),
          Map.entry("sociedad", "sdad"),
          Map.entry("aktiengesellschaft", "ag"),
          Map.entry("gesellschaft", "ges"));

  private static final Set<String> LEGAL_FORMS =
      Set.of(
          "co",
          "corp",
          "inc",
          "ltd",
          "llc",
          "llp",
          "lp",
          "plc",
          "sa",
          "sas",
          "sarl",
          "srl",
          "spa",
          "ag",
          "gmbh",
          "kg",
          "bv",
          "nv",
          "ab",
          "oy",
          "jsc",
          "ojsc",
          "cjsc",
          "pjsc",
          "ooo",
          "oao",
          "zao",
          "pao",
          "fze",
          "fzco",
          "fzc",
          "fz",
          "sdn",
          "bhd",
          "pte",
          "pty",
          "pvt",
          "cv",
          "ste",
          "sdad",
          "ges",
          "the",
          "of",
          "and",
          "for",
          "group",
          "holding",
          "holdings",
          "trading",
          "international",
          "intl",
          "general",
          "enterprise",
          "enterprises",
          "establishment",
          "est");

  private Names() {}

  /**
   * A normalised name: its tokens in their original order, their weights, and every two adjacent
   * tokens joined ({@code joined.get(i)} is token i followed by token i + 1), computed once because
   * the matcher tries them for every candidate name.
   */
  record Tokens(List<String> tokens, float[] weights, List<String> joined) {
    Tokens {
      tokens = List.copyOf(tokens);
      weights = weights.clone();
      joined = List.copyOf(joined);
      if (tokens.size() != weights.length) {
        throw new IllegalArgumentException("one weight per token");
      }
    }

    Tokens(List<String> tokens, float[] weights) {
      this(tokens, weights, adjacentJoined(tokens));
    }

    private static List<String> adjacentJoined(List<String> tokens) {
      List<String> out = new ArrayList<>(Math.max(0, tokens.size() - 1));
      for (int i = 0; i + 1 < tokens.size(); i++) {
        out.add(tokens.get(i) + tokens.get(i + 1));
      }
      return out;
    }

    int size() {
      return tokens.size();
    }

    String get(int i) {
      return tokens.get(i);
    }

    float weight(int i) {
      return weights[i];
    }

    boolean isEmpty() {
      return tokens.isEmpty();
    }

    /** The tokens separated by spaces, the form shown in the reasons of a match. */
    String text() {
      return String.join(" ", tokens);
    }
  }

  /** The tokens of a name of a person or an organisation. */
  static Tokens tokens(String name, EntryKind kind) {
    List<String> tokens = new ArrayList<>();
    List<Float> weights = new ArrayList<>();
    for (String token : SPACE.splitAsStream(ascii(name)).toList()) {
      if (token.isEmpty()) {
        continue;
      }
      if (kind == EntryKind.PERSON) {
        if (HONORIFICS.contains(token)) {
          continue;
        }
        tokens.add(token);
        weights.add(token.length() == 1 ? INITIAL : PARTICLES.contains(token) ? LIGHT : NORMAL);
      } else {
        String spelled = LEGAL_FORM_SPELLINGS.getOrDefault(token, token);
        tokens.add(spelled);
        weights.add(LEGAL_FORMS.contains(spelled) || PARTICLES.contains(spelled) ? LIGHT : NORMAL);
      }
    }
    if (!tokens.isEmpty() && allHonorific(tokens, kind)) {
      return new Tokens(List.of(), new float[0]);
    }
    float[] w = new float[weights.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = weights.get(i);
    }
    return new Tokens(tokens, w);
  }

  private static boolean allHonorific(List<String> tokens, EntryKind kind) {
    return kind == EntryKind.PERSON && tokens.stream().allMatch(HONORIFICS::contains);
  }

  /**
   * The name in lower-case ASCII letters and digits, tokens separated by single spaces: NFKC with
   * case folding, transliteration to ASCII, apostrophes removed, everything else a separator.
   */
  static String ascii(String name) {
    String folded = NFKC_CASEFOLD.normalize(name);
    if (!isAscii(folded)) {
      synchronized (TO_ASCII) {
        folded = TO_ASCII.transliterate(folded);
      }
      folded = folded.toLowerCase(Locale.ROOT);
    }
    StringBuilder out = new StringBuilder(folded.length());
    boolean space = true;
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.append(c);
        space = false;
      } else if (!space && !isApostrophe(c)) {
        out.append(' ');
        space = true;
      }
    }
    int end = out.length();
    if (end > 0 && out.charAt(end - 1) == ' ') {
      out.setLength(end - 1);
    }
    return out.toString();
  }

  private static boolean isApostrophe(char c) {
    return c == '\''
        || c == '`'
        || c == '\u2018'
        || c == '\u2019'
        || c == '\u02bb'
        || c == '\u02bc'
        || c == '\u02bf'
        || c == '\u02be'
        || c == '\u00b4';
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * A coarse sound key of a token, used only to find candidates (never to score them): the first
   * letter (any vowel as {@code a}), then the consonants with similar-sounding ones merged ({@code
   * c k q} → {@code k}, {@code s z} → {@code s}, {@code v w} → {@code v}, {@code j y} → {@code y},
   * {@code ph} → {@code f}) and {@code h} and vowels left out, repeated letters once. So {@code
   * yusuf}, {@code youssef} and {@code jusuf} share the key {@code ysf}; {@code osama} and {@code
   * usama} share {@code asm}.
   */
  static String soundKey(String token) {
    StringBuilder key = new StringBuilder(8);
    char last = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == 'p' && i + 1 < token.length() && token.charAt(i + 1) == 'h') {
        c = 'f';
        i++;
      }
      char mapped = soundClass(c);
      if (i == 0) {
        mapped = c != 'y' && isVowel(c) ? 'a' : mapped;
      } else if (isVowel(c) || c == 'h') {
        continue;
      }
      if (mapped != last) {
        key.append(mapped);
        last = mapped;
      }
    }
    return key.toString();
  }

  private static char soundClass(char c) {
    return switch (c) {
      case 'c', 'k', 'q' -> 'k';
      case 'z' -> 's';
      case 'w' -> 'v';
      case 'j' -> 'y';
      default -> c;
    };
  }

  private static boolean isVowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
  }
}

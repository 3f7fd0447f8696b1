package org.trademap.server.checks.document;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names as the machine-readable zone writes them (ICAO Doc 9303 Part 3 §6): upper-case {@code A-Z}
 * only, national characters transliterated, apostrophes dropped, hyphens and spaces as separators
 * (here: one space).
 *
 * <p>Issuers differ: the recommended transliteration writes {@code Ä} as {@code AE}, others drop
 * the diaeresis ({@code A}). {@link #variants} gives both readings; a zone that shows either
 * matches. Latin characters with no entry in the ICAO table lose their accents, other scripts are
 * romanised by ICU ({@code Any-Latin; Latin-ASCII}) after the ICAO table for Cyrillic.
 */
final class IcaoTransliteration {

  /** Doc 9303 Part 3 Table A: the Latin characters ICAO writes with more than their base letter. */
  private static final Map<Character, String> LATIN =
      Map.ofEntries(
          Map.entry('Ä', "AE"),
          Map.entry('Å', "AA"),
          Map.entry('Æ', "AE"),
          Map.entry('Ö', "OE"),
          Map.entry('Ø', "OE"),
          Map.entry('Œ', "OE"),
          Map.entry('Ü', "UE"),
          Map.entry('ß', "SS"),
          Map.entry('ẞ', "SS"),
          Map.entry('Þ', "TH"),
          Map.entry('Ĳ', "IJ"),
          Map.entry('Ð', "D"),
          Map.entry('Đ', "D"),
          Map.entry('Ħ', "H"),
          Map.entry('Ł', "L"),
          Map.entry('Ŀ', "L"),
          Map.entry('Ŋ', "N"),
          Map.entry('Ñ', "N"),
          Map.entry('ı', "I"));

  /** Doc 9303 Part 3 Table B: Cyrillic (Russian values). */
  private static final Map<Character, String> CYRILLIC =
      Map.ofEntries(
          Map.entry('А', "A"),
          Map.entry('Б', "B"),
          Map.entry('В', "V"),
          Map.entry('Г', "G"),
          Map.entry('Д', "D"),
          Map.entry('Е', "E"),
          Map.entry('Ё', "E"),
          Map.entry('Ж', "ZH"),
          Map.entry('З', "Z"),
          Map.entry('И', "I"),
          Map.entry('Й', "I"),
          Map.entry('К', "K"),
          Map.entry('Л', "L"),
          Map.entry('М', "M"),
          Map.entry('Н', "N"),
          Map.entry('О', "O"),
          Map.entry('П', "P"),
          Map.entry('Р', "R"),
          Map.entry('С', "S"),
          Map.entry('Т', "T"),
          Map.entry('У', "U"),
          Map.entry('Ф', "F"),
          Map.entry('Х', "KH"),
          Map.entry('Ц', "TS"),
          Map.entry('Ч', "CH"),
          Map.entry('Ш', "SH"),
          Map.entry('Щ', "SHCH"),
          Map.entry('Ъ', "IE"),
          Map.entry('Ы', "Y"),
          Map.entry('Ь', ""),
          Map.entry('Э', "E"),
          Map.entry('Ю', "IU"),
          Map.entry('Я', "IA"),
          Map.entry('І', "I"),
          Map.entry('Ї', "I"),
          Map.entry('Є', "IE"),
          Map.entry('Ґ', "G"),
          Map.entry('Ў', "U"));

  /** ICU's romanisation; its {@code transliterate(String)} keeps no state between calls. */
  private static final Transliterator TO_ASCII =
      Transliterator.getInstance("Any-Latin; Latin-ASCII");

  private IcaoTransliteration() {}

  /**
   * The ways issuers write the name in the zone: the ICAO-recommended transliteration first, then
   * the one with diacritics simply dropped (if different). Each is {@code A-Z} words separated by
   * single spaces.
   */
  static List<String> variants(String name) {
    String upper = Normalizer.normalize(name, Normalizer.Form.NFC).toUpperCase(Locale.ROOT);
    Set<String> variants = new LinkedHashSet<>();
    variants.add(mrz(upper, true));
    variants.add(mrz(upper, false));
    return List.copyOf(variants);
  }

  private static String mrz(String upper, boolean icaoTable) {
    StringBuilder mapped = new StringBuilder(upper.length() + 8);
    for (int i = 0; i < upper.length(); i++) {
      char c = upper.charAt(i);
      String table = icaoTable ? LATIN.get(c) : null;
      String cyrillic = CYRILLIC.get(c);
      if (table != null) {
        mapped.append(table);
      } else if (cyrillic != null) {
        mapped.append(cyrillic);
      } else {
        mapped.append(c);
      }
    }
    String ascii;
    synchronized (TO_ASCII) {
      ascii = TO_ASCII.transliterate(mapped.toString());
    }
    return ascii
        .toUpperCase(Locale.ROOT)
        .replaceAll("['’`ʼ]", "")
        .replaceAll("[^A-Z]+", " ")
        .strip();
  }

  /** The zone's writing of a name field: fillers as single spaces. */
  static String ofZone(String identifier) {
    return identifier.replaceAll("[^A-Z]+", " ").strip();
  }
}

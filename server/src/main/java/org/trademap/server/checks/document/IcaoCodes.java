package org.trademap.server.checks.document;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The three-letter codes of ICAO Doc 9303 Part 3 §5 for states and organisations, and the ISO
 * 3166-1 alpha-2 country each state's code stands for. The ISO alpha-3 codes come from the JDK;
 * ICAO's own codes are added: {@code D} for Germany, the five British codes, and the organisations
 * and statuses that belong to no country ({@code UNO}, {@code XXA}, …), as well as {@code UTO}, the
 * imaginary Utopia of the specimens.
 */
final class IcaoCodes {
  /** Valid code → ISO alpha-2 country, or {@code ""} for a code that is no country. */
  private static final Map<String, String> CODES = codes();

  private IcaoCodes() {}

  private static Map<String, String> codes() {
    Map<String, String> codes = new HashMap<>();
    for (String alpha2 : Locale.getISOCountries()) {
      codes.put(new Locale.Builder().setRegion(alpha2).build().getISO3Country(), alpha2);
    }
    codes.put("D", "DE");
    for (String british : new String[] {"GBD", "GBN", "GBO", "GBP", "GBS"}) {
      codes.put(british, "GB");
    }
    for (String organisation :
        new String[] {
          "UNO", "UNA", "UNK", "EUE", "XBA", "XIM", "XCC", "XCE", "XCO", "XDC", "XEC", "XES", "XMP",
          "XOM", "XPO", "XXA", "XXB", "XXC", "XXX", "RKS", "UTO"
        }) {
      codes.put(organisation, "");
    }
    return Map.copyOf(codes);
  }

  /** Whether the code (without fillers) is one of ICAO's. */
  static boolean isValid(String code) {
    return CODES.containsKey(code);
  }

  /**
   * The ISO 3166-1 alpha-2 country of a state's code, e.g. {@code DE} for {@code D} and {@code
   * DEU}; empty for organisations, statuses such as stateless, and unknown codes.
   */
  static Optional<String> alpha2(String code) {
    String alpha2 = CODES.get(code);
    return alpha2 == null || alpha2.isEmpty() ? Optional.empty() : Optional.of(alpha2);
  }

  /** The code ICAO uses for the country: {@code D} for Germany, else ISO alpha-3. */
  static String ofAlpha2(String alpha2) {
    if (alpha2.equals("DE")) {
      return "D";
    }
    return new Locale.Builder().setRegion(alpha2).build().getISO3Country();
  }
}

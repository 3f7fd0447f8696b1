package org.trademap.server.checks.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Country names as the lists write them ("Iran (Islamic Republic of)", "Korea, North", "Russian
 * Federation") to ISO 3166-1 alpha-2 codes, the form the KYC data uses: the English names of the
 * JDK's locale data, plus the names in {@code screening/country-names.txt}.
 */
final class Countries {
  private static final String NAMES = "/screening/country-names.txt";
  private static final Pattern BAR = Pattern.compile("\\|");
  private static final Map<String, String> CODES = load();

  private Countries() {}

  /** The code of a country name, or of a code itself ({@code KP}, {@code PRK}). */
  static Optional<String> code(String name) {
    String key = Names.ascii(name.replace("&", " and "));
    return Optional.ofNullable(CODES.get(key));
  }

  private static Map<String, String> load() {
    Map<String, String> codes = new HashMap<>();
    for (String code : Locale.getISOCountries()) {
      Locale country = Locale.of("", code);
      codes.put(Names.ascii(code), code);
      codes.put(Names.ascii(country.getISO3Country()), code);
      codes.put(Names.ascii(country.getDisplayCountry(Locale.ENGLISH).replace("&", " and ")), code);
    }
    try (InputStream in = Countries.class.getResourceAsStream(NAMES)) {
      if (in == null) {
        throw new IllegalStateException(NAMES + " is missing from the class path");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        String code = line.substring(0, tab);
        for (String name : BAR.splitAsStream(line.substring(tab + 1)).toList()) {
          codes.put(Names.ascii(name.replace("&", " and ")), code);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(codes);
  }
}

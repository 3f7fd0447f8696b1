package org.trademap.server.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * A list of common and breached passwords, case-folded, read once from the class path.
 *
 * <p>The list is {@code dictionaries/passwords.txt} of {@code me.gosimple:nbvcxz} (MIT licence):
 * about 100,000 of the most frequent passwords in public breach corpora, one a line, most frequent
 * first. Only this file is used, not the library.
 */
final class CommonPasswords {
  static final String RESOURCE = "/dictionaries/passwords.txt";

  private final Set<String> folded;

  private CommonPasswords(Set<String> folded) {
    this.folded = folded;
  }

  /**
   * The bundled list, keeping only the entries of at least {@code minLength} code points (shorter
   * ones are refused for their length anyway).
   */
  static CommonPasswords bundled(int minLength) {
    try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the common-password list " + RESOURCE + " is not on the class path");
      }
      return read(in, minLength);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the common-password list", e);
    }
  }

  static CommonPasswords read(InputStream in, int minLength) throws IOException {
    Set<String> folded = new HashSet<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (!line.isEmpty() && Unicode.length(line) >= minLength) {
        folded.add(Unicode.folded(line));
      }
    }
    return new CommonPasswords(Set.copyOf(folded));
  }

  /** Whether the password is on the list, ignoring case. */
  boolean contains(String password) {
    return folded.contains(Unicode.folded(password));
  }

  int size() {
    return folded.size();
  }
}

package org.trademap.server.checks.screening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/**
 * The real lists of {@code ../shared/data/sanctions/} (relative to the project root, the directory
 * with {@code mvnw}). A test that needs them fails, naming where it looked, when they are missing.
 */
final class SanctionsData {
  static final String UN = "UN_consolidated.xml";
  static final String SDN = "ofac_sdn.csv";
  static final String ALT = "ofac_alt.csv";
  static final String ADD = "ofac_add.csv";
  static final String COMMENTS = "ofac_sdn_comments.csv";

  private SanctionsData() {}

  /** The directory holding the lists; fails the test when it cannot be found. */
  static Path directory() {
    List<Path> tried = new ArrayList<>();
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("mvnw"))) {
        Path data = dir.resolve("../shared/data/sanctions").normalize();
        tried.add(data);
        if (Files.isRegularFile(data.resolve(UN)) && Files.isRegularFile(data.resolve(SDN))) {
          return data;
        }
      }
    }
    return Assertions.fail(
        "The shipped sanctions lists ("
            + UN
            + ", "
            + SDN
            + ", …) are missing: looked in "
            + (tried.isEmpty()
                ? "no project root (no mvnw above " + Path.of("").toAbsolutePath() + ")"
                : tried)
            + ". They belong in ../shared/data/sanctions/ beside the project (see shared/data/README.md).");
  }

  static byte[] bytes(String file) {
    try {
      return Files.readAllBytes(directory().resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String file) {
    return new String(bytes(file), StandardCharsets.UTF_8);
  }

  static List<ListEntry> un() {
    return UnListParser.parse(bytes(UN));
  }

  static List<ListEntry> ofac() {
    return OfacListParser.parse(
        new OfacListParser.Files(text(SDN), text(ALT), text(ADD), text(COMMENTS)));
  }

  /** An index of both real lists (built once). */
  static ScreeningIndex index() {
    return Holder.INDEX;
  }

  private static final class Holder {
    static final ScreeningIndex INDEX =
        ScreeningIndex.build(
            List.of(loaded(ListSource.UN, 1, un()), loaded(ListSource.OFAC, 2, ofac())));
  }

  static ScreeningIndex.Loaded loaded(ListSource source, long id, List<ListEntry> entries) {
    return new ScreeningIndex.Loaded(
        new ListVersion(id, source, Instant.EPOCH, "0".repeat(64), entries.size(), "test", null),
        entries);
  }
}

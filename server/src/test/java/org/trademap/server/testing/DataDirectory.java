package org.trademap.server.testing;

import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Searches every file under a server's data directory for a text, as a leak would leave it. */
public final class DataDirectory {
  private DataDirectory() {}

  /** Every file under the directory holding the text in UTF-8, UTF-16LE or UTF-16BE. */
  public static List<Path> filesContaining(Path directory, String text) {
    List<byte[]> needles =
        Stream.of(UTF_8, UTF_16LE, UTF_16BE).map((Charset c) -> text.getBytes(c)).toList();
    List<Path> all = allFiles(directory);
    assertThat(all).isNotEmpty();
    return all.stream()
        .filter(file -> needles.stream().anyMatch(n -> LedgerScan.contains(read(file), n)))
        .toList();
  }

  /** The files under the directory; walked again if the node deleted one meanwhile. */
  private static List<Path> allFiles(Path directory) {
    for (int attempt = 1; ; attempt++) {
      try (Stream<Path> files = Files.walk(directory)) {
        return files.filter(Files::isRegularFile).toList();
      } catch (IOException | UncheckedIOException e) {
        if (attempt == 3) {
          throw new IllegalStateException("cannot list " + directory, e);
        }
      }
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      // A file the node deleted while the search ran (e.g. a rolled log segment) holds nothing.
      return new byte[0];
    }
  }
}

package org.trademap.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Finding Debian's chromium, and what browser tests do without it. */
class ChromiumTest {
  @TempDir Path dir;

  private Path file(String directory, String mode) throws IOException {
    Path parent = Files.createDirectories(dir.resolve(directory));
    Path file = Files.createFile(parent.resolve("chromium"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  private String path(String... directories) {
    StringBuilder value = new StringBuilder();
    for (String directory : directories) {
      value.append(dir.resolve(directory)).append(File.pathSeparator);
    }
    return value.toString();
  }

  @Test
  void takesTheFirstExecutableChromiumOnThePathLikeCommandV() throws IOException {
    file("not-executable", "rw-r--r--");
    Path first = file("first", "rwxr-xr-x");
    file("second", "rwxr-xr-x");
    Path fallback = file("fallback", "rwxr-xr-x");

    assertThat(Chromium.find(path("empty", "not-executable", "first", "second"), fallback))
        .contains(first);
  }

  @Test
  void fallsBackToDebiansPathAndElseFindsNothing() throws IOException {
    Path fallback = file("usr-bin", "rwxr-xr-x");

    assertThat(Chromium.find(path("elsewhere"), fallback)).contains(fallback);
    assertThat(Chromium.find("", dir.resolve("missing"))).isEmpty();
  }

  @Test
  void withoutChromiumTheTestIsSkippedWithTheInstallCommand() {
    Map<String, String> environment = Map.of("PATH", path("empty"));

    assertThatThrownBy(() -> Chromium.require(environment, dir.resolve("missing")))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining(
            "Browser tests need Debian's chromium: sudo apt-get install -y chromium");
  }

  @Test
  void withoutChromiumUnderCiTheTestFails() {
    Map<String, String> environment = Map.of("PATH", path("empty"), "CI", "true");

    assertThatThrownBy(() -> Chromium.require(environment, dir.resolve("missing")))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(Chromium.INSTALL_HINT)
        .hasMessageContaining("CI=true");
  }

  @Test
  void withChromiumRequireReturnsIt() throws IOException {
    Path chromium = file("bin", "rwxr-xr-x");

    assertThat(Chromium.require(Map.of("PATH", path("bin"), "CI", "true"), dir.resolve("x")))
        .isEqualTo(chromium);
  }
}

package org.trademap.server.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium} for browser tests, driven by Playwright, which downloads no browser of
 * its own. Where chromium is missing, browser tests are skipped with {@link #INSTALL_HINT}; under
 * {@code CI=true} they fail instead, so that CI cannot pass without running them.
 */
public final class Chromium {
  /** The message of a browser test skipped (or, under {@code CI=true}, failed) for lack of it. */
  public static final String INSTALL_HINT =
      "Browser tests need Debian's chromium: sudo apt-get install -y chromium";

  /** Where Debian's package installs it, looked at when no {@code chromium} is on the PATH. */
  static final Path DEBIAN_PATH = Path.of("/usr/bin/chromium");

  /**
   * Flags besides the {@code --headless} and the new empty {@code --user-data-dir} that Playwright
   * adds itself. The background-networking ones keep chromium from calling Google's hosts, which a
   * closed network refuses; no sandbox because CI runs as root.
   */
  static final List<String> ARGS =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync");

  private Chromium() {}

  /**
   * The chromium executable, as {@code command -v chromium} finds it, else {@link #DEBIAN_PATH}.
   * Without one: aborts the calling test (skipped) or, with {@code CI=true}, fails it.
   */
  public static Path require() {
    return require(System.getenv(), DEBIAN_PATH);
  }

  static Path require(Map<String, String> environment, Path fallback) {
    Optional<Path> found = find(environment.getOrDefault("PATH", ""), fallback);
    if (found.isPresent()) {
      return found.get();
    }
    if ("true".equalsIgnoreCase(environment.get("CI"))) {
      return Assertions.fail(INSTALL_HINT + " (CI=true: a missing browser fails the build)");
    }
    return Assumptions.abort(INSTALL_HINT);
  }

  /** The first executable {@code chromium} in these PATH entries, else the fallback if usable. */
  static Optional<Path> find(String pathVariable, Path fallback) {
    for (String directory : pathVariable.split(File.pathSeparator, -1)) {
      if (!directory.isEmpty()) {
        Path candidate = Path.of(directory, "chromium");
        if (isExecutableFile(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return isExecutableFile(fallback) ? Optional.of(fallback) : Optional.empty();
  }

  private static boolean isExecutableFile(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path);
  }

  /** Playwright's driver, told not to download browsers. Close it after the browser. */
  public static Playwright playwright() {
    return Playwright.create(
        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  /** Headless chromium from this executable with {@link #ARGS}. */
  public static Browser launch(Playwright playwright, Path executable) {
    return playwright
        .chromium()
        .launch(
            new BrowserType.LaunchOptions()
                .setExecutablePath(executable)
                .setHeadless(true)
                .setArgs(ARGS));
  }
}

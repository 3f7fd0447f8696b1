package org.trademap.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a failed browser test leaves behind: a screenshot and the HTML of its page. */
class FailureArtifactsBrowserIT {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path dir;

  @Test
  void savesAScreenshotAndTheHtmlOfThePage() throws IOException {
    Path executable = Chromium.require();
    try (Playwright playwright = Chromium.playwright();
        Browser browser = Chromium.launch(playwright, executable)) {
      Page page = browser.newPage();
      page.setContent("<h1>Where the test stopped</h1>");

      List<Path> saved = FailureArtifacts.save(page, dir.resolve("browser-failures"), "Some.test");

      assertThat(saved)
          .containsExactly(
              dir.resolve("browser-failures/Some.test.png"),
              dir.resolve("browser-failures/Some.test.html"));
      assertThat(Files.readAllBytes(saved.get(0))).startsWith(PNG_SIGNATURE);
      assertThat(saved.get(1)).content().contains("<h1>Where the test stopped</h1>");
    }
  }
}

package org.trademap.server.testing;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps what a failed browser test saw: a full-page screenshot and the page's HTML, saved as {@code
 * server/target/browser-failures/<TestClass>.<method>.png} and {@code .html} right after the test
 * method fails (before {@code @AfterEach} closes the page). Registered by {@link BrowserServer}.
 */
public final class FailureArtifacts implements AfterTestExecutionCallback {
  /** Relative to the module directory, the working directory of Maven's test runs. */
  static final Path DIRECTORY = Path.of("target", "browser-failures");

  @Override
  public void afterTestExecution(ExtensionContext context) {
    Throwable failure = context.getExecutionException().orElse(null);
    if (failure == null
        || !(context.getTestInstance().orElse(null) instanceof BrowserServer test)) {
      return;
    }
    Page page = test.openPageOrNull();
    if (page == null || page.isClosed()) {
      return;
    }
    String name =
        context.getRequiredTestClass().getSimpleName()
            + "."
            + context.getRequiredTestMethod().getName();
    try {
      for (Path saved : save(page, DIRECTORY, name)) {
        System.err.println("[browser test failed] saved " + saved.toAbsolutePath());
      }
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Saves a screenshot ({@code name.png}) and the HTML ({@code name.html}) of the page into the
   * directory, creating it if needed, and returns the two files.
   */
  public static List<Path> save(Page page, Path directory, String name) throws IOException {
    Files.createDirectories(directory);
    Path screenshot = directory.resolve(name + ".png");
    Path html = directory.resolve(name + ".html");
    page.screenshot(new Page.ScreenshotOptions().setPath(screenshot).setFullPage(true));
    Files.writeString(html, page.content());
    return List.of(screenshot, html);
  }
}

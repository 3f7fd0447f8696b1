package org.trademap.server.testing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of browser tests ({@code *BrowserIT}, run by failsafe with the other ITs): the whole server
 * as in {@link RunningServer}, and Debian's headless chromium driven by Playwright.
 *
 * <p>The server binds to 127.0.0.1 on a port picked before it starts, and the links it mails
 * ({@code trademap.accounts.link-base}) point at that address, so a test can follow a link from the
 * dev inbox as a person would. Chromium starts once per class ({@link Chromium}: skipped with a
 * message where it is not installed, failed under {@code CI=true}); each test gets a fresh {@link
 * BrowserContext} (no cookies from other tests, English) and a {@link #page()} whose relative URLs
 * go to the server. A failing test leaves a screenshot and the page's HTML under {@code
 * target/browser-failures/} ({@link FailureArtifacts}).
 */
@ExtendWith(FailureArtifacts.class)
public abstract class BrowserServer extends RunningServer {
  private static @Nullable Playwright playwright;
  private static @Nullable Browser browser;

  private @Nullable BrowserContext context;
  private @Nullable Page page;
  private final java.util.List<BrowserContext> others = new java.util.ArrayList<>();

  @DynamicPropertySource
  static void loopbackAddressAndLinks(DynamicPropertyRegistry registry) {
    int chosenPort = freeLoopbackPort();
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("server.port", () -> chosenPort);
    registry.add("trademap.accounts.link-base", () -> "http://127.0.0.1:" + chosenPort);
  }

  @BeforeAll
  static void startChromium() {
    Path executable = Chromium.require();
    Playwright driver = Chromium.playwright();
    playwright = driver;
    browser = Chromium.launch(driver, executable);
  }

  @AfterAll
  static void stopChromium() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
    if (playwright != null) {
      playwright.close();
      playwright = null;
    }
  }

  @BeforeEach
  void openPage() {
    if (browser == null) {
      throw new IllegalStateException("chromium did not start");
    }
    BrowserContext fresh =
        browser.newContext(
            new Browser.NewContextOptions().setBaseURL(baseUrl()).setLocale("en-US"));
    context = fresh;
    page = fresh.newPage();
  }

  @AfterEach
  void closePage() {
    others.forEach(BrowserContext::close);
    others.clear();
    if (context != null) {
      context.close();
    }
    context = null;
    page = null;
  }

  /** The browser tab of the current test; {@code page().navigate("/explorer")} opens a page. */
  protected Page page() {
    if (page == null) {
      throw new IllegalStateException("the page exists only while a test runs");
    }
    return page;
  }

  /**
   * A tab in a browser session of its own (its own cookies), for a second person in the same test,
   * e.g. the user beside the operator; closed after the test like {@link #page()}.
   */
  protected Page otherPage() {
    if (browser == null) {
      throw new IllegalStateException("chromium did not start");
    }
    BrowserContext other =
        browser.newContext(
            new Browser.NewContextOptions().setBaseURL(baseUrl()).setLocale("en-US"));
    others.add(other);
    return other.newPage();
  }

  /** Where the server answers, e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
  protected String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The page's top heading ({@code h1}) whose text is exactly this. */
  public static Locator heading(Page page, String name) {
    return page.getByRole(
        AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true).setLevel(1));
  }

  /** The link inside this part of a page whose text is exactly this. */
  public static Locator link(Locator within, String name) {
    return within.getByRole(
        AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true));
  }

  /**
   * Signs up on {@code /sign-up} as a person would (the kind by its radio label, e.g. {@code a
   * person}), confirms the address with the link from the dev inbox and signs in on {@code /login};
   * the page is then on {@code /me}.
   */
  public static void signUpConfirmAndSignIn(
      Page page, String kindLabel, String email, String password) {
    page.navigate("/");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign up")).click();
    page.getByLabel(kindLabel).check();
    page.getByLabel("Email address").fill(email);
    page.getByLabel("Password").fill(password);
    button(page, "Sign up");
    assertThat(heading(page, "Check your mailbox")).isVisible();

    DevInbox.open(page)
        .mail(email, "Confirm your email address for TradeMap")
        .followLink("/verify-email?token=");
    button(page, "Confirm my email address");
    assertThat(heading(page, "Email address confirmed")).isVisible();

    page.navigate("/login");
    page.getByLabel("Email address").fill(email);
    page.getByLabel("Password").fill(password);
    button(page, "Sign in");
  }

  /** Clicks the button whose text is exactly this. */
  public static void button(Page page, String name) {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true))
        .click();
  }

  @Nullable Page openPageOrNull() {
    return page;
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

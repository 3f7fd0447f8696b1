package org.trademap.server.accounts;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trademap.server.testing.BrowserServer;

/**
 * Sign-up, confirmation, sign-in and sign-out in Chromium over plain http://127.0.0.1: the session
 * cookie is Secure by default, and browsers keep Secure cookies for loopback addresses.
 */
class SignInBrowserIT extends BrowserServer {
  private static final String PASSWORD = "correct horse battery staple 42";

  @Test
  void aPersonSignsUpConfirmsTheAddressSignsInAndOut() {
    String email = "browser." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    Page page = page();

    signUpConfirmAndSignIn(page, "a company (legal entity)", email, PASSWORD);

    assertThat(page).hasURL(baseUrl() + "/me");
    assertThat(page.getByText("Signed in as " + email)).isVisible();
    Cookie session =
        page.context().cookies().stream()
            .filter(c -> c.name.equals("JSESSIONID"))
            .findFirst()
            .orElseThrow();
    assertThat(session.secure).isTrue();
    assertThat(session.httpOnly).isTrue();

    button(page, "Sign out");
    page.navigate("/me");
    assertThat(page).hasURL(baseUrl() + "/login");
    assertThat(heading(page, "Sign in")).isVisible();
  }
}

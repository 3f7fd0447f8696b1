package org.trademap.server.kyc.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trademap.server.testing.BrowserSession;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;

/**
 * The page {@code /me/privacy}: download, end of the relationship and erasure with a confirmation
 * box, the legal reason of a refusal in words, and the end of the session after an erasure.
 */
class PrivacyPageIT extends RunningServer {
  private static final String PAGE = "/me/privacy";

  @Test
  void thePageNeedsASignedInSession() {
    Http.Response page = new BrowserSession(port).get(PAGE);

    assertThat(page.status()).isEqualTo(302);
    assertThat(page.header("Location").orElseThrow()).endsWith("/login");
  }

  @Test
  void theDownloadButtonGivesTheExportOfThisAccount() {
    String email = TestAccounts.signUpVerified(http(), "person");
    BrowserSession browser = TestAccounts.signedInBrowser(port, email);

    String page = browser.get(PAGE).body();
    assertThat(page)
        .contains("action=\"/me/privacy/export\"")
        .contains("Download my data")
        .contains("no business relationship yet");
    Http.Response download = browser.get("/me/privacy/export");

    assertThat(download.status()).isEqualTo(200);
    assertThat(download.header("Content-Disposition").orElseThrow()).startsWith("attachment");
    assertThat(download.header("Cache-Control").orElseThrow()).contains("no-store");
    assertThat(download.json().path("account").path("email").asString()).isEqualTo(email);
  }

  @Test
  void anErasureIsRefusedWithItsLegalReasonWhileTheRelationshipGoesOn() {
    RightsFixture.Person ann = RightsFixture.person(http());
    RightsFixture.submitted(ann.client(), RightsFixture.marker("Pageperson"));
    BrowserSession browser = TestAccounts.signedInBrowser(port, ann.email());
    String page = browser.get(PAGE).body();
    assertThat(page)
        .contains("goes on")
        .contains("AMLA Art. 7 para. 3")
        .contains("action=\"/me/privacy/relationship/end\"")
        .doesNotContain("action=\"/me/privacy/erasure\"");

    // Without the box ticked nothing happens.
    assertThat(browser.post(PAGE + "/relationship/end", Map.of()).status()).isEqualTo(302);
    assertThat(browser.get(PAGE).body()).contains("tick the box").contains("goes on");
    // An erasure request sent anyway is refused with the reason in words.
    browser.post(PAGE + "/erasure", Map.of("confirm", "yes"));
    assertThat(browser.get(PAGE).body())
        .contains("Your data was not erased. Your business relationship goes on.");

    browser.post(PAGE + "/relationship/end", Map.of("confirm", "yes"));
    String ended = browser.get(PAGE).body();

    assertThat(ended)
        .contains("The business relationship was ended.")
        .contains("It can be erased from ")
        .doesNotContain("action=\"/me/privacy/relationship/end\"");
  }

  @Test
  void aConfirmedErasureEndsTheSessionAndSaysSo() {
    String email = TestAccounts.signUpVerified(http(), "person");
    BrowserSession browser = TestAccounts.signedInBrowser(port, email);
    assertThat(browser.get(PAGE).body()).contains("action=\"/me/privacy/erasure\"");
    // A form from elsewhere (no CSRF token) changes nothing.
    assertThat(browser.postRaw(PAGE + "/erasure", Map.of("confirm", "yes")).status())
        .isEqualTo(403);
    browser.get(PAGE);

    Http.Response erased = browser.post(PAGE + "/erasure", Map.of("confirm", "yes"));

    assertThat(erased.status()).isEqualTo(302);
    assertThat(erased.header("Location").orElseThrow()).endsWith("/privacy/erased");
    assertThat(browser.get("/privacy/erased").body())
        .contains("Your personal data was erased and your account closed.");
    assertThat(browser.get("/me").status()).isEqualTo(302);
    assertThat(TestAccounts.loginRequest(http(), email, TestAccounts.PASSWORD, null).status())
        .isEqualTo(401);
  }
}

package org.trademap.server.checks;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.trademap.server.demo.SeededAccounts;
import org.trademap.server.testing.BrowserServer;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.TotpCodes;

/**
 * The back office in Chromium on the embedded default's demo data: the seeded KYC operator signs in
 * with the password and a code from the TOTP key in the credentials file, lands on the work queue,
 * opens the seeded submitted case, claims and passes its three checks and approves it; then the
 * seeded person signs in, sees on My Page that the file is approved, and gets the KYC key, which is
 * shown once.
 */
@TestPropertySource(properties = "trademap.demo.seed=true")
class BackOfficeBrowserIT extends BrowserServer {

  @Test
  void theSeededOperatorApprovesTheSeededCaseAndThePersonGetsTheirKycKey() {
    SeededAccounts seeded = SeededAccounts.readFrom(dataDir);
    SeededAccounts.Credentials operator = seeded.operator();
    SeededAccounts.Credentials person = seeded.submitted();
    awaitRegistration(person);
    Page page = page();

    signIn(page, operator.email(), operator.password());
    page.getByLabel("Code")
        .fill(TotpCodes.code(Objects.requireNonNull(operator.totpKey()), Instant.now(), 1));
    button(page, "Sign in");
    assertThat(heading(page, "Work queue")).isVisible();
    assertThat(page).hasURL(Pattern.compile(".*/checks$"));

    page.locator("#queue-rows tbody tr").first().getByRole(AriaRole.LINK).first().click();
    assertThat(heading(page, "Case")).isVisible();
    for (String check :
        new String[] {"id-document", "sanctions-screening", "residence-confirmation"}) {
      Locator task = page.locator("#task-" + check);
      task.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Claim")).click();
      assertThat(page.getByText("You claimed the task.")).isVisible();
      task = page.locator("#task-" + check);
      task.getByLabel("Passed").check();
      task.getByLabel("Reason").fill("Checked against the documents: all fine.");
      task.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Complete")).click();
      assertThat(page.getByText("The result is recorded.")).isVisible();
      assertThat(page.locator("#task-" + check + " .task-result")).hasText("Passed");
    }
    page.getByLabel("Approve: every check passed").check();
    button(page, "Decide");
    assertThat(page.getByText("The case is decided.")).isVisible();
    assertThat(page.locator("#case-state")).hasText("Approved");
    button(page, "Sign out");

    signIn(page, person.email(), person.password());
    assertThat(page.locator("#review-notice"))
        .containsText("Your KYC file is approved: get your KYC key.");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("See your checks")).click();
    assertThat(page.locator("#review-state")).hasText("approved");
    button(page, "Get my KYC key");
    Locator key = page.locator("#kyc-key-value");
    assertThat(key).hasText(Pattern.compile("[A-Z2-7]{4}(-[A-Z2-7]{4}){12}"));
    String shown = key.textContent();

    page.navigate("/me/checks");
    assertThat(page.locator("#kyc-key-value")).hasCount(0);
    assertThat(page.getByText("Your current key: number 1")).isVisible();
    assertThat(page.locator("main")).not().containsText(shown);
  }

  private static void signIn(Page page, String email, String password) {
    page.navigate("/login");
    page.getByLabel("Email address").fill(email);
    page.getByLabel("Password").fill(password);
    button(page, "Sign in");
  }

  /** The seeded file's registration is on the ledger before anyone can record a check on it. */
  private void awaitRegistration(SeededAccounts.Credentials person) {
    Http signedIn = SeededAccounts.signedIn(http(), person);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> signedIn.get("/api/v1/me").json().path("status").asString().equals("registered"));
  }
}

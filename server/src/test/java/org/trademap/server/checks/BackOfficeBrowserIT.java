package org.trademap.server.checks;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.trademap.server.checks.residence.LetterTexts;
import org.trademap.server.demo.SeededAccounts;
import org.trademap.server.testing.BrowserServer;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.TotpCodes;

/**
 * The back office in Chromium on the embedded default's demo data: the seeded KYC operator signs in
 * with the password and a code from the TOTP key in the credentials file, lands on the work queue,
 * opens the seeded submitted case and sees each check's evidence (the passport page image, the
 * screening run after the submission), makes, downloads and posts the residence letter; the seeded
 * person enters the letter's code on My Page in a browser of their own; the operator sees the
 * confirmation proposed, claims and passes the three checks and approves the case; the person sees
 * on My Page that the file is approved and gets the KYC key, which is shown once.
 */
@TestPropertySource(properties = "trademap.demo.seed=true")
class BackOfficeBrowserIT extends BrowserServer {

  @Test
  void theSeededOperatorWorksTheSeededCaseWithItsEvidenceAndThePersonGetsTheirKycKey()
      throws IOException {
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
    String caseUrl = page.url();

    // The evidence of the checks, next to their tasks: the passport page (a drawn specimen whose
    // zone is no text, so the operator checks it by hand) and the screening run after submission.
    Locator document = page.locator("#task-id-document");
    assertThat(document.getByRole(AriaRole.IMG)).isVisible();
    assertThat(document)
        .containsText(
            "The machine-readable zone could not be read: check the document in the image");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              page.navigate(caseUrl);
              assertThat(page.locator("#task-sanctions-screening"))
                  .containsText("Screening found no hit on any list.");
            });

    // The residence letter: made, downloaded as the post room would print it, marked posted.
    Locator residence = page.locator("#task-residence-confirmation");
    residence
        .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Make a letter"))
        .click();
    residence = page.locator("#task-residence-confirmation");
    Locator pdfLink =
        residence.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Download PDF"));
    Download download = page.waitForDownload(pdfLink::click);
    String code = LetterTexts.code(Files.readAllBytes(Objects.requireNonNull(download.path())));
    residence
        .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mark posted"))
        .click();
    assertThat(page.locator("#task-residence-confirmation .letter-state")).hasText("posted");

    // The person receives the letter and enters its code on My Page, in a browser of their own.
    Page personPage = otherPage();
    signIn(personPage, person.email(), person.password());
    personPage.navigate("/me/residence");
    personPage.getByLabel("Code from the letter").fill(code);
    button(personPage, "Confirm my address");
    assertThat(personPage.locator("#residence-result")).isVisible();

    page.navigate(caseUrl);
    assertThat(page.locator("#task-residence-confirmation"))
        .containsText("The user entered the code of the letter: the address is confirmed.");
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

    personPage.navigate("/me");
    assertThat(personPage.locator("#review-notice"))
        .containsText("Your KYC file is approved: get your KYC key.");
    personPage
        .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("See your checks"))
        .click();
    assertThat(personPage.locator("#review-state")).hasText("approved");
    button(personPage, "Get my KYC key");
    Locator key = personPage.locator("#kyc-key-value");
    assertThat(key).hasText(Pattern.compile("[A-Z2-7]{4}(-[A-Z2-7]{4}){12}"));
    String shown = key.textContent();

    personPage.navigate("/me/checks");
    assertThat(personPage.locator("#kyc-key-value")).hasCount(0);
    assertThat(personPage.getByText("Your current key: number 1")).isVisible();
    assertThat(personPage.locator("main")).not().containsText(shown);
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

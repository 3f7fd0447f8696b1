package org.trademap.server.kyc.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.LoadState;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.trademap.server.onboarding.documents.Fixtures;
import org.trademap.server.testing.BrowserServer;

/**
 * The whole onboarding in Chromium, as a person and as a company would go through it: sign up,
 * confirm the address from the dev inbox, sign in, fill in the personal data (and for the company
 * the company's data and two beneficial owners, the second row added by htmx), upload real images
 * of the identity documents, give the four consents, submit, watch the submission page pick up the
 * ledger record by itself (htmx polling), and find the transaction on My Page and in the explorer.
 */
class OnboardingBrowserIT extends BrowserServer {
  private static final String PASSWORD = "correct horse battery staple 42";

  /** The ledger records the registration within a few seconds; polling asks every two. */
  private static final LocatorAssertions.IsVisibleOptions LEDGER_WAIT =
      new LocatorAssertions.IsVisibleOptions().setTimeout(30_000);

  /** A field check is a round trip to the server, which a busy 2-core CI machine may delay. */
  private static final LocatorAssertions.HasTextOptions SERVER_ANSWER =
      new LocatorAssertions.HasTextOptions().setTimeout(15_000);

  @Test
  void aPersonGoesThroughOnboardingAndSeesTheLedgerRecordOnMyPage() {
    Page page = page();
    signUpAndSignIn(page, "a person");

    step(page, "Personal data");
    // htmx checks a field when it is left, before anything is sent.
    fill(page, "person-dateOfBirth", "1974-02-30");
    page.locator("#f-person-dateOfBirth").press("Tab");
    assertThat(page.locator("#m-f-person-dateOfBirth"))
        .hasText("This date does not exist.", SERVER_ANSWER);
    person(page);
    page.locator("#f-person-phone").press("Tab");
    assertThat(page.locator("#m-f-person-dateOfBirth"))
        .isEmpty(new LocatorAssertions.IsEmptyOptions().setTimeout(15_000));
    button(page, "Save my data");
    assertThat(page.getByText("Your data was saved.")).isVisible();

    backToMyPage(page);
    step(page, "Identity documents");
    upload(page, "passport-page", "passport.jpg");

    backToMyPage(page);
    consents(page);

    submitAndAwaitTheLedger(page);
  }

  @Test
  void aCompanyWithTwoBeneficialOwnersGoesThroughOnboarding() {
    Page page = page();
    signUpAndSignIn(page, "a company (legal entity)");

    step(page, "Personal data");
    fill(page, "entity-name", "Muster Treuhand AG");
    fill(page, "entity-registerNumber", "CHE-123.456.788");
    address(page, "entity-domicile-", "Bahnhofstrasse 1", "8001");
    page.locator("#f-entity-signingAuthority").selectOption("SOLE_SIGNATURE");
    person(page);
    button(page, "Save my data");
    assertThat(page.getByText("Your data was saved.")).isVisible();

    backToMyPage(page);
    step(page, "Beneficial owners");
    page.getByLabel("Form K: controlling persons").check();
    assertThat(page.getByText("The three bases of control (Form K)")).isVisible();
    owner(page, 0, "Muster", "Hans", "1960-01-31", "60");
    button(page, "Add another owner");
    assertThat(page.locator("#f-owners-1-surname")).isVisible();
    assertThat(page.locator("#f-owners-0-surname")).hasValue("Muster");
    owner(page, 1, "Beispiel", "Eva", "1970-05-05", "40");
    button(page, "Save the declaration");
    assertThat(page.getByText("Your declaration was saved.")).isVisible();
    // Stored in the declaration's canonical order, which need not be the order typed.
    assertThat(page.locator("input[name$='].surname']")).hasCount(2);
    assertThat(page.locator("input[value=Beispiel]")).hasCount(1);
    assertThat(page.locator("input[value=Muster]")).hasCount(1);

    backToMyPage(page);
    step(page, "Identity documents");
    upload(page, "passport-page", "passport.jpg");
    upload(page, "register-extract", "register-extract.png");

    backToMyPage(page);
    consents(page);

    submitAndAwaitTheLedger(page);
  }

  private void signUpAndSignIn(Page page, String kind) {
    String email = "onboarding." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    signUpConfirmAndSignIn(page, kind, email, PASSWORD);
    assertThat(page).hasURL(baseUrl() + "/me");
    assertThat(page.locator("#file-status")).hasText("Being filled in");
  }

  private static void person(Page page) {
    fill(page, "person-surname", "Eriksson");
    fill(page, "person-givenNames", "Anna Maria");
    fill(page, "person-dateOfBirth", "1974-08-12");
    fill(page, "person-nationality", "SE");
    address(page, "person-domicile-", "Bahnhofstrasse 1", "8001");
    fill(page, "person-occupation", "Engineer");
    fill(page, "person-phone", "+41 44 668 18 00");
  }

  private static void owner(
      Page page, int row, String surname, String givenNames, String born, String capital) {
    String p = "owners-" + row + "-";
    fill(page, p + "surname", surname);
    fill(page, p + "givenNames", givenNames);
    fill(page, p + "dateOfBirth", born);
    fill(page, p + "nationality", "CH");
    address(page, p + "address-", "Seestrasse " + (row + 5), "8002");
    page.locator("#f-" + p + "basis").selectOption("CAPITAL_OR_VOTES");
    fill(page, p + "capitalPercent", capital);
    fill(page, p + "votesPercent", capital);
  }

  private static void upload(Page page, String kind, String fileName) {
    Locator section = page.locator("#" + kind);
    byte[] image = fileName.endsWith(".png") ? Fixtures.png(1400, 1000) : Fixtures.jpeg(1400, 1000);
    String type = fileName.endsWith(".png") ? "image/png" : "image/jpeg";
    section.locator("input[type=file]").setInputFiles(new FilePayload(fileName, type, image));
    section.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Upload")).click();
    assertThat(page.getByText("Uploaded:")).isVisible();
  }

  private static void consents(Page page) {
    step(page, "Consents");
    for (String kind :
        new String[] {
          "Terms of use",
          "Processing of personal data",
          "Video identification",
          "Audio recording of the video identification"
        }) {
      button(page, "I agree (" + kind + ")");
      assertThat(page.getByText("Your consent (" + kind + ") was recorded.")).isVisible();
    }
    assertThat(page.getByText("Not given.")).hasCount(0);
    backToMyPage(page);
  }

  private void submitAndAwaitTheLedger(Page page) {
    page.getByRole(
            AriaRole.LINK,
            new Page.GetByRoleOptions().setName("Everything is there: submit your KYC file"))
        .click();
    button(page, "Submit my KYC file");
    // No reload: htmx polls the status fragment until the ledger has recorded the registration.
    assertThat(page.getByText("Recorded on the ledger:")).isVisible(LEDGER_WAIT);
    Locator transaction = page.locator("#submission-status a[href^='/explorer/transactions/']");
    assertThat(transaction).hasCount(1);
    String txId = transaction.innerText().strip();

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("See all steps on My Page"))
        .click();
    assertThat(page.locator("#file-status")).hasText("Submitted and recorded on the ledger");
    assertThat(page.getByText("Registration of your KYC file")).isVisible();
    Locator onMyPage = page.locator("a[href='/explorer/transactions/" + txId + "']").first();
    assertThat(onMyPage).isVisible();
    onMyPage.click();
    assertThat(page).hasURL(Pattern.compile(".*/explorer/transactions/" + txId));
  }

  private static void step(Page page, String name) {
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true))
        .first()
        .click();
    // The click returns once the navigation is committed; htmx (a deferred script) binds its
    // "change" triggers only when the document has loaded, and a field filled before that
    // would never be checked.
    page.waitForLoadState(LoadState.LOAD);
  }

  private static void backToMyPage(Page page) {
    page.navigate("/me");
  }

  /** An address in Zurich, Switzerland. */
  private static void address(Page page, String prefix, String street, String postalCode) {
    fill(page, prefix + "street", street);
    fill(page, prefix + "postalCode", postalCode);
    fill(page, prefix + "town", "Zürich");
    fill(page, prefix + "country", "CH");
  }

  private static void fill(Page page, String id, String value) {
    page.locator("#f-" + id).fill(value);
  }
}

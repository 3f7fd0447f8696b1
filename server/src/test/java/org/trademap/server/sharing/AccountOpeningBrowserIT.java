package org.trademap.server.sharing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.trademap.server.demo.SeededAccounts;
import org.trademap.server.testing.BrowserServer;
import org.trademap.server.testing.TotpCodes;

/**
 * Account opening at two securities companies in Chromium on the embedded default's demo data
 * (issue 6): the seeded person with an approved KYC file goes from My Page to {@code
 * /me/applications} and applies at Alpha with the scoped consent; Alpha's seeded approver signs in
 * with a TOTP code, lands on the company console, opens the package once it verified against the
 * ledger, sees the consortium's judgment history and approves with a reason; the person applies at
 * Beta; Beta's approver sees the very same check history (the results are reused, no new KYC) and
 * approves; the person sees both accounts opened, in the database and on the ledger.
 */
@TestPropertySource(properties = "trademap.demo.seed=true")
class AccountOpeningBrowserIT extends BrowserServer {
  private static final String ALPHA = "Alpha Securities Co., Ltd.";
  private static final String BETA = "Beta Securities Co., Ltd.";
  private static final Duration LEDGER = Duration.ofSeconds(90);

  @Test
  void theApprovedPersonOpensAccountsAtBothDemoCompaniesWithOneKyc() {
    SeededAccounts seeded = SeededAccounts.readFrom(dataDir);
    SeededAccounts.Credentials person = seeded.titled("Person with an approved KYC file:");
    SeededAccounts.Credentials alpha = seeded.titled("Securities company: approver at Alpha");
    SeededAccounts.Credentials beta = seeded.titled("Securities company: approver at Beta");
    Page page = page();

    signIn(page, person);
    page.locator("#applications-link").click();
    assertThat(heading(page, "Account opening at securities companies")).isVisible();
    assertThat(page.locator("main")).containsText("You have not applied at any company yet.");
    // The approval is usable once it is on the ledger: until then the page says so.
    reloadUntilVisible(page, "/me/applications", applyButton(page));
    String alphaApplication = apply(page, ALPHA);
    signOut(page);

    signInStaff(page, alpha);
    List<String> alphaHistory = openFromInbox(page, ALPHA, alphaApplication);
    approve(page, "Verified KYC from the consortium: welcome at Alpha.");
    signOut(page);

    signIn(page, person);
    myApplicationsOnceApproved(page, alphaApplication);
    String betaApplication = apply(page, BETA);
    assertThat(betaApplication).isNotEqualTo(alphaApplication);
    signOut(page);

    signInStaff(page, beta);
    // Beta's inbox holds only its own application, not Alpha's.
    assertThat(page.locator("#" + alphaApplication)).hasCount(0);
    List<String> betaHistory = openFromInbox(page, BETA, betaApplication);
    // The second company gets the results of the one KYC: the same checks, the same transactions.
    assertThat(betaHistory).isEqualTo(alphaHistory);
    approve(page, "Reused the consortium's verified results: welcome at Beta.");
    signOut(page);

    signIn(page, person);
    myApplicationsOnceApproved(page, betaApplication);
    myApplicationsOnceApproved(page, alphaApplication);
    assertThat(page.locator("#" + alphaApplication)).containsText(ALPHA);
    assertThat(page.locator("#" + betaApplication)).containsText(BETA);
    assertThat(page.locator("tr[id^='application-']")).hasCount(2);
  }

  /**
   * Goes from My Page to the applications, reloading until the company's approval of this one is on
   * the ledger; checks the row shows the account opened and no withdrawal.
   */
  private static void myApplicationsOnceApproved(Page page, String application) {
    page.navigate("/me");
    Locator link = page.locator("#applications-link");
    assertThat(link).hasText("Apply at a securities company and see your applications");
    link.click();
    assertThat(heading(page, "Account opening at securities companies")).isVisible();
    reloadUntilVisible(
        page,
        "/me/applications",
        page.locator("#" + application + " .ledger-status").getByText("account opening approved"));
    assertThat(page.locator("#" + application + " .state")).hasText("account opened");
    // Decided: nothing left to withdraw.
    assertThat(page.locator("#" + application).getByRole(AriaRole.BUTTON)).hasCount(0);
  }

  /**
   * On the console the staff member lands on after signing in: the company's inbox lists the
   * application as waiting; opens its package (see {@link #openVerifiedPackage}).
   */
  private static List<String> openFromInbox(Page page, String company, String application) {
    assertThat(page).hasURL(Pattern.compile(".*/company$"));
    assertThat(heading(page, "Account-opening applications")).isVisible();
    assertThat(page.locator("main")).containsText(company);
    Locator row = page.locator("#" + application);
    assertThat(row).containsText("waiting for the company");
    return openVerifiedPackage(page, row.getByRole(AriaRole.LINK).getAttribute("href"));
  }

  /**
   * Applies at the company with the consent and returns the id of the new row ({@code
   * application-…}), which the company's inbox uses too.
   */
  private static String apply(Page page, String company) {
    page.getByLabel("Company", new Page.GetByLabelOptions().setExact(true)).selectOption(company);
    page.getByLabel("I agree that TradeMap shares my verified KYC data").check();
    applyButton(page).click();
    assertThat(page.locator("#applied"))
        .hasText("You applied at " + company + ". Your verified KYC data is on its way.");
    Locator row =
        page.getByRole(AriaRole.ROW)
            .filter(new Locator.FilterOptions().setHasText(company))
            .filter(new Locator.FilterOptions().setHasText("waiting for the company"));
    assertThat(row).hasCount(1);
    String id = Objects.requireNonNull(row.getAttribute("id"));
    assertThat(id).startsWith("application-");
    return id;
  }

  /**
   * Opens the package page once the package is on the ledger (before that the server refuses it as
   * pending), checks it shows the verification and returns the judgment history's rows.
   */
  private static List<String> openVerifiedPackage(Page page, String path) {
    reloadUntilVisible(page, path, heading(page, "KYC package"));
    Locator verification = page.locator("#verification");
    assertThat(verification.getByRole(AriaRole.HEADING)).hasText("Verified against the ledger");
    assertThat(verification).containsText("its 4 check results are the ones the ledger holds");
    assertThat(verification.locator("code")).hasText(Pattern.compile("[0-9a-f]{64}"));
    assertThat(page.locator("#state")).hasText("waiting for the company");
    assertThat(page.locator("#profile")).containsText("Beispiel");
    // ②-A: the application's steps on the ledger, each with its signing node, verified again.
    Locator steps = page.locator("tr.ledger-step");
    assertThat(steps).hasCount(2);
    assertThat(steps.first()).containsText("apply");
    assertThat(steps.nth(1)).containsText("share");
    for (int i = 0; i < 2; i++) {
      assertThat(steps.nth(i)).containsText("consortium");
      assertThat(steps.nth(i).locator(".signature")).hasText("verified");
    }
    Locator history =
        page.getByRole(
                AriaRole.REGION,
                new Page.GetByRoleOptions().setName("The consortium's judgment history"))
            .locator("tbody")
            .getByRole(AriaRole.ROW);
    // The three checks and the case's approval, each a transaction on the ledger.
    assertThat(history).hasCount(4);
    for (String check :
        List.of("id-document", "sanctions-screening", "residence-confirmation", "approval")) {
      assertThat(history.filter(new Locator.FilterOptions().setHasText(check)))
          .containsText("passed");
    }
    return history.allInnerTexts();
  }

  /**
   * Records the company's own checks in the package page's "Own checks" section: screens against
   * the company's ASF list (the demo companies have none: no hits) and records a suitable
   * assessment; an approval is refused before.
   */
  private static void recordOwnChecks(Page page) {
    Locator own = page.locator("#own-checks");
    assertThat(own.locator("#own-checks-status"))
        .hasText(
            "Record both own checks before approving: the screening against the current version"
                + " of your company's ASF list, and the suitability assessment.");
    own.getByRole(
            AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Screen against our ASF list"))
        .click();
    assertThat(page.locator("#asf-outcome")).hasText("no hits");
    page.getByLabel("Investment experience").selectOption("over-5y");
    page.getByLabel("Annual income").selectOption("from-5m-to-10m");
    page.getByLabel("Financial assets").selectOption("from-10m-to-50m");
    page.getByLabel("Investment purpose").selectOption("balanced");
    page.getByLabel("Risk tolerance").selectOption("medium");
    button(page, "Record the assessment");
    assertThat(page.locator("#suitability-outcome")).hasText("suitable");
    assertThat(page.locator("#own-checks-status"))
        .hasText("Both own checks are recorded and neither blocks: the account may be opened.");
  }

  private static void approve(Page page, String reason) {
    recordOwnChecks(page);
    page.getByLabel("Open the account").check();
    page.getByLabel("Reason", new Page.GetByLabelOptions().setExact(true)).fill(reason);
    button(page, "Record on the ledger");
    assertThat(page.locator("#decided"))
        .hasText("The account opening is approved and being recorded on the ledger.");
    assertThat(page.locator("#state")).hasText("account opened");
    assertThat(page.locator("#reason")).hasText(reason);
    assertThat(
            page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record on the ledger")))
        .hasCount(0);
  }

  private static Locator applyButton(Page page) {
    return page.getByRole(
        AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply").setExact(true));
  }

  /** Opens the page again until the locator shows: for states that wait for the ledger. */
  private static void reloadUntilVisible(Page page, String path, Locator locator) {
    await()
        .atMost(LEDGER)
        .pollInterval(Duration.ofMillis(500))
        .pollInSameThread()
        .until(
            () -> {
              page.navigate(path);
              return locator.isVisible();
            });
  }

  private static void signIn(Page page, SeededAccounts.Credentials account) {
    page.navigate("/login");
    page.getByLabel("Email address").fill(account.email());
    page.getByLabel("Password").fill(account.password());
    button(page, "Sign in");
  }

  /**
   * Signs in with the password and a code from the authenticator. The seeding used the current step
   * to enrol, and a step is accepted once, so the code is the next step's (each approver signs in
   * once here).
   */
  private static void signInStaff(Page page, SeededAccounts.Credentials account) {
    signIn(page, account);
    page.getByLabel("Code")
        .fill(TotpCodes.code(Objects.requireNonNull(account.totpKey()), Instant.now(), 1));
    button(page, "Sign in");
  }

  private static void signOut(Page page) {
    button(page, "Sign out");
    assertThat(
            page.getByRole(
                AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in").setExact(true)))
        .isVisible();
  }
}

package org.trademap.server.accounts;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trademap.server.testing.BrowserServer;
import org.trademap.server.testing.DevInbox;
import org.trademap.server.testing.Http;

/**
 * Email verification in a browser: the verification mail in the dev inbox, its link, the confirm
 * button, and the same link used a second time. Sign-up goes through the API until the sign-up page
 * exists.
 */
class VerifyEmailBrowserIT extends BrowserServer {
  private static final String SUBJECT = "Confirm your email address for TradeMap";
  private static final String LINK = "/verify-email?token=";

  private String signUp() {
    String email = "browser." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    Http.Response response =
        http()
            .postJson(
                "/api/v1/accounts",
                "{\"kind\":\"person\",\"email\":"
                    + Http.jsonString(email)
                    + ",\"password\":\"correct horse battery staple 42\"}");
    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    return email;
  }

  private Locator confirmButton() {
    return page()
        .getByRole(
            AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm my email address"));
  }

  @Test
  void theMailedLinkConfirmsTheAddressOnceAndExplainsASecondUse() {
    String email = signUp();
    Page page = page();

    DevInbox.Mail mail = DevInbox.open(page).mail(email, SUBJECT);
    assertThat(page.getByText("expires after 24 hours")).isVisible();
    String link = mail.followLink(LINK);

    assertThat(link).startsWith(baseUrl() + LINK);
    assertThat(heading(page, "Confirm your email address")).isVisible();
    confirmButton().click();

    assertThat(page).hasURL(baseUrl() + "/verify-email/done");
    assertThat(heading(page, "Email address confirmed")).isVisible();
    assertThat(page.getByText("Your email address is confirmed")).isVisible();

    // Opening the link changes nothing (mail scanners follow links); the button tells.
    assertThat(DevInbox.open(page).mail(email, SUBJECT).followLink(LINK)).isEqualTo(link);
    confirmButton().click();

    Locator alert = page.getByRole(AriaRole.ALERT);
    assertThat(alert).containsText("Link already used");
    assertThat(alert).containsText("This link was already used or replaced by a newer one.");
    assertThat(confirmButton()).hasCount(0);
    assertThat(heading(page, "Email address confirmed")).hasCount(0);
  }

  @Test
  void aLinkWithoutItsTokenIsExplainedWithoutAButton() {
    Page page = page();

    page.navigate("/verify-email");

    assertThat(heading(page, "Confirm your email address")).isVisible();
    assertThat(page.getByRole(AriaRole.ALERT)).containsText("Invalid link");
    assertThat(confirmButton()).hasCount(0);
  }
}

package org.trademap.server.testing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The dev inbox ({@code /dev/inbox}) used the way a person uses it in a browser: open it, open the
 * newest mail to an address by its subject, follow a link in the mail's text. {@code
 * DevInbox.open(page).mail(to, subject).followLink("/verify-email?token=")}.
 */
public final class DevInbox {
  private final Page page;

  private DevInbox(Page page) {
    this.page = page;
  }

  /** Opens the dev inbox in this page (relative to the page's base URL). */
  public static DevInbox open(Page page) {
    page.navigate("/dev/inbox");
    assertThat(BrowserServer.heading(page, "Dev inbox")).isVisible();
    return new DevInbox(page);
  }

  /**
   * Opens the newest mail to this address whose subject is exactly this one (the inbox lists the
   * newest first).
   */
  public Mail mail(String to, String subject) {
    Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(to));
    BrowserServer.link(row, subject).first().click();
    assertThat(BrowserServer.heading(page, subject)).isVisible();
    assertThat(page.getByText(to, new Page.GetByTextOptions().setExact(true))).isVisible();
    return new Mail(page);
  }

  /** One mail, opened in the dev inbox. */
  public static final class Mail {
    private final Page page;

    private Mail(Page page) {
      this.page = page;
    }

    /**
     * Clicks the one link in the mail whose text contains {@code part} and returns its address (the
     * page is then on that address). Fails if there is no such link, or more than one.
     */
    public String followLink(String part) {
      Locator link =
          page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(part).setExact(false));
      String href = link.getAttribute("href");
      if (href == null) {
        throw new AssertionError("the link containing " + part + " has no address");
      }
      link.click();
      page.waitForURL(href);
      return href;
    }
  }
}

package org.trademap.server.kyc.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.onboarding.documents.Fixtures;
import org.trademap.server.testing.BrowserSession;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.Multipart;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;

/** The page {@code /me/documents}: forms per kind, post/redirect/get, refusals next to the form. */
class DocumentsPageIT extends RunningServer {
  private static final String PAGE = "/me/documents";
  private static final Pattern DOWNLOAD = Pattern.compile("href=\"/me/documents/([0-9a-f-]{36})\"");

  @Autowired DataSource dataSource;

  private BrowserSession signedIn(String kind) {
    BrowserSession browser =
        TestAccounts.signedInBrowser(port, TestAccounts.signUpVerified(http(), kind));
    assertThat(browser.get(PAGE).status()).isEqualTo(200);
    return browser;
  }

  private static Http.Response upload(
      BrowserSession browser, String kind, String name, String type, byte[] file) {
    Multipart body =
        new Multipart()
            .field("_csrf", browser.csrfToken().orElseThrow())
            .field("kind", kind)
            .file("file", name, type, file);
    return browser.postBody(PAGE, body.contentType(), body.bytes());
  }

  private long rows() {
    return JdbcClient.create(dataSource)
        .sql("SELECT COUNT(*) FROM kyc_document")
        .query(Long.class)
        .single();
  }

  /** The section of the page for one kind. */
  private static String section(String page, String kind) {
    int start = page.indexOf("<section id=\"" + kind + "\"");
    assertThat(start).as("section %s", kind).isNotNegative();
    return page.substring(start, page.indexOf("</section>", start));
  }

  @Test
  void thePageNeedsASignedInSession() {
    Http.Response page = new BrowserSession(port).get(PAGE);

    assertThat(page.status()).isEqualTo(302);
    assertThat(page.header("Location").orElseThrow()).endsWith("/login");
  }

  @Test
  void aPersonSeesAFormPerIdentityDocumentWithTheLimitsInPlainWords() {
    String page = signedIn("person").get(PAGE).body();

    assertThat(page)
        .contains("Passport (photo page)")
        .contains("Identity card, front")
        .contains("Identity card, back")
        .doesNotContain("id=\"register-extract\"")
        .contains("at most 10 MiB")
        .contains("at least 600 pixels")
        .contains("At most 20 documents")
        .contains("enctype=\"multipart/form-data\"")
        .contains("name=\"_csrf\"")
        .contains("Still needed: the photo page of a passport");
    assertThat(section(page, "passport-page")).contains("Not uploaded yet.");
  }

  @Test
  void uploadDownloadReplaceAndDeleteThroughThePage() {
    BrowserSession browser = signedIn("person");

    Http.Response posted =
        upload(browser, "passport-page", "pass.jpg", "image/jpeg", Fixtures.jpeg(800, 600));

    assertThat(posted.status()).as(posted.toString()).isEqualTo(302);
    assertThat(posted.header("Location").orElseThrow()).endsWith(PAGE);
    String page = browser.get(PAGE).body();
    assertThat(page).contains("Uploaded: Passport (photo page).");
    assertThat(page).contains("Everything needed is on file.");
    String passport = section(page, "passport-page");
    assertThat(passport).contains("passport-page-").contains(">Replace<").contains(">Delete<");
    Matcher link = DOWNLOAD.matcher(passport);
    assertThat(link.find()).isTrue();
    String id = link.group(1);

    Http.Response file = browser.get(PAGE + "/" + id);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.contentType()).isEqualTo("image/jpeg");
    assertThat(file.header("Content-Disposition").orElseThrow()).startsWith("attachment;");
    assertThat(file.header("X-Content-Type-Options")).contains("nosniff");

    upload(browser, "passport-page", "new.png", "image/png", Fixtures.png(800, 600));
    page = browser.get(PAGE).body();
    assertThat(page).contains("Replaced: Passport (photo page).");
    assertThat(page).doesNotContain(id);
    Matcher replaced = DOWNLOAD.matcher(section(page, "passport-page"));
    assertThat(replaced.find()).isTrue();

    Http.Response deleted = browser.post(PAGE + "/" + replaced.group(1) + "/delete", Map.of());
    assertThat(deleted.status()).isEqualTo(302);
    page = browser.get(PAGE).body();
    assertThat(page).contains("Deleted: Passport (photo page).");
    assertThat(section(page, "passport-page")).contains("Not uploaded yet.");
  }

  @Test
  void aRefusalIsShownNextToItsFormAndStoresNothing() {
    BrowserSession browser = signedIn("person");
    long before = rows();
    byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII);

    Http.Response posted = upload(browser, "id-card-back", "back.jpg", "image/jpeg", html);

    assertThat(posted.status()).isEqualTo(302);
    String page = browser.get(PAGE).body();
    assertThat(section(page, "id-card-back"))
        .contains("Not uploaded: The file claims to be JPEG but its content is HTML.");
    assertThat(section(page, "passport-page")).doesNotContain("Not uploaded:");
    assertThat(page).doesNotContain("<script>alert(1)</script>");
    assertThat(rows()).isEqualTo(before);

    upload(browser, "selfie", "me.jpg", "image/jpeg", Fixtures.jpeg(800, 600));
    assertThat(browser.get(PAGE).body()).contains("Not uploaded: Say which document the file is");
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void anUploadWithoutTheCsrfTokenIsRefusedAndStoresNothing() {
    BrowserSession browser = signedIn("person");
    long before = rows();
    Multipart body =
        new Multipart()
            .field("kind", "passport-page")
            .file("file", "p.jpg", "image/jpeg", Fixtures.jpeg(800, 600));

    Http.Response posted = browser.postBody(PAGE, body.contentType(), body.bytes());

    assertThat(posted.status()).isEqualTo(403);
    assertThat(posted.body()).contains("auth.csrf");
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void aCompanyAlsoUploadsItsRegisterExtract() {
    BrowserSession browser = signedIn("legal-entity");
    String page = browser.get(PAGE).body();
    assertThat(page)
        .contains("id=\"register-extract\"")
        .contains("may also be a PDF of at most 50 pages")
        .contains("Still needed: the extract from the commercial register.");

    Http.Response posted =
        upload(browser, "register-extract", "extract.pdf", "application/pdf", Fixtures.pdf(2));

    assertThat(posted.status()).isEqualTo(302);
    assertThat(browser.get(PAGE).body())
        .contains("Uploaded: Extract from the commercial register.")
        .doesNotContain("Still needed: the extract");
  }
}

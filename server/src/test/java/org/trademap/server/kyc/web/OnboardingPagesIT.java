package org.trademap.server.kyc.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.trademap.server.onboarding.documents.Fixtures;
import org.trademap.server.testing.BrowserSession;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.Multipart;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;

/**
 * The onboarding pages over HTTP with a signed-in browser session: forms without JavaScript (post,
 * redirect, get), field errors next to the fields with the values kept, literal rendering of
 * markup, look-alike names flagged, the CSRF token on forms and on htmx requests, and nobody seeing
 * another account's data.
 */
class OnboardingPagesIT extends RunningServer {
  private static final Pattern HX_TOKEN =
      Pattern.compile("hx-headers=\"\\{&quot;X-CSRF-TOKEN&quot;: &quot;([^&]+)&quot;}\"");

  private BrowserSession signedIn(String kind) {
    return TestAccounts.signedInBrowser(port, TestAccounts.signUpVerified(http(), kind));
  }

  static Map<String, String> person(String surname) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("person.surname", surname);
    form.put("person.givenNames", "Anna Maria");
    form.put("person.dateOfBirth", "1974-08-12");
    form.put("person.nationality", "SE");
    form.put("person.domicile.street", "Bahnhofstrasse 1");
    form.put("person.domicile.postalCode", "8001");
    form.put("person.domicile.town", "Zürich");
    form.put("person.domicile.country", "CH");
    form.put("person.occupation", "Engineer");
    form.put("person.phone", "+41 44 668 18 00");
    form.put("person.email", "anna.eriksson@example.ch");
    return form;
  }

  static Map<String, String> company(String name) {
    Map<String, String> form = person("Eriksson");
    form.put("entity.name", name);
    form.put("entity.registerNumber", "CHE-123.456.788");
    form.put("entity.domicile.street", "Bahnhofstrasse 1");
    form.put("entity.domicile.postalCode", "8001");
    form.put("entity.domicile.town", "Zürich");
    form.put("entity.domicile.country", "CH");
    form.put("entity.signingAuthority", "SOLE_SIGNATURE");
    return form;
  }

  static void owner(Map<String, String> form, int i, String surname, String dateOfBirth) {
    String p = "owners[" + i + "].";
    form.put(p + "surname", surname);
    form.put(p + "givenNames", "Hans");
    form.put(p + "dateOfBirth", dateOfBirth);
    form.put(p + "nationality", "CH");
    form.put(p + "address.street", "Seestrasse 5");
    form.put(p + "address.postalCode", "8002");
    form.put(p + "address.town", "Zürich");
    form.put(p + "address.country", "CH");
  }

  @Test
  void myPageListsEveryStepWithItsStatusAndLinks() {
    BrowserSession browser = signedIn("person");
    Http.Response me = browser.get("/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body())
        .contains("Signed in as ")
        .contains("href=\"/me/security\"")
        .contains("href=\"/me/profile\"")
        .contains("href=\"/me/documents\"")
        .contains("href=\"/me/consents\"")
        .contains("href=\"/me/submit\"")
        .contains("Video identification")
        .contains("Applications to companies")
        .contains("You have not applied to any company yet.")
        .contains("Nothing of your file is on the ledger yet.")
        .doesNotContain("href=\"/me/owners\"")
        .doesNotContain("??");
    assertThat(signedIn("legal-entity").get("/me").body()).contains("href=\"/me/owners\"");
  }

  @Test
  void aRefusedProfileShowsEachErrorNextToItsFieldAndKeepsTheValues() {
    BrowserSession browser = signedIn("person");
    Http.Response empty = browser.get("/me/profile");
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.body()).contains("name=\"person.surname\"").contains("@example.org");

    Map<String, String> form = person("<script>alert('x')</script>");
    form.put("person.dateOfBirth", "1974-02-30");
    form.put("person.phone", "");
    Http.Response refused = browser.post("/me/profile", form);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body())
        .contains("nothing was saved")
        .contains("This date does not exist.")
        .contains("value=\"1974-02-30\"")
        .contains("Please fill in this field.")
        .contains("value=\"Bahnhofstrasse 1\"")
        .contains("&lt;script&gt;")
        .doesNotContain("<script>alert");
    assertThat(section(refused.body(), "f-person-dateOfBirth"))
        .contains("This date does not exist.");
    assertThat(section(refused.body(), "f-person-phone")).contains("Please fill in this field.");
  }

  @Test
  void aSavedProfileIsShownAgainAndALookAlikeNameIsFlaggedForReview() {
    BrowserSession browser = signedIn("person");
    browser.get("/me/profile");
    // "Eriksson" with a Cyrillic "ѕ" (U+0455) among Latin letters.
    Http.Response saved = browser.post("/me/profile", person("Erik\u0455son"));
    assertThat(saved.status()).as(saved.toString()).isEqualTo(302);
    assertThat(saved.header("Location").orElseThrow()).endsWith("/me/profile?saved");

    Http.Response page = browser.get("/me/profile?saved");
    assertThat(page.body())
        .contains("Your data was saved.")
        .contains("value=\"Erik\u0455son\"")
        .contains("We will review this name");
    assertThat(section(page.body(), "f-person-surname")).contains("We will review this name");
    assertThat(browser.get("/me").body()).contains("step-status done");

    BrowserSession other = signedIn("person");
    assertThat(other.get("/me/profile").body()).doesNotContain("Erik\u0455son");
  }

  @Test
  void formsAndHtmxRequestsNeedTheCsrfToken() {
    BrowserSession browser = signedIn("person");
    Http.Response page = browser.get("/me/profile");
    Matcher token = HX_TOKEN.matcher(page.body());
    assertThat(token.find()).as("hx-headers with the token on <body>").isTrue();
    assertThat(page.body())
        .containsPattern("src=\"/webjars/htmx\\.org/[0-9.]+/dist/htmx\\.min\\.js\"");

    assertThat(browser.postRaw("/me/profile", person("Eriksson")).status()).isEqualTo(403);
    assertThat(browser.postRaw("/me/profile/check", person("Eriksson")).status()).isEqualTo(403);

    Http htmx =
        http()
            .withHeader("Cookie", "JSESSIONID=" + browser.cookie("JSESSIONID").orElseThrow())
            .withHeader("HX-Request", "true");
    Map<String, String> form = person("Eriksson");
    form.put("person.dateOfBirth", "1974-02-30");
    form.put("person.phone", "");
    Http.Response withoutToken = htmx.send("POST", "/me/profile/check", FORM, encode(form));
    assertThat(withoutToken.status()).isEqualTo(403);

    Http.Response checked =
        htmx.withHeader("X-CSRF-TOKEN", token.group(1))
            .send("POST", "/me/profile/check", FORM, encode(form));
    assertThat(checked.status()).isEqualTo(200);
    assertThat(checked.body())
        .contains("id=\"m-f-person-dateOfBirth\"")
        .contains("hx-swap-oob=\"true\"")
        .contains("This date does not exist.")
        .as("an empty field is not refused before the form is sent")
        .doesNotContain("Please fill in this field.");
  }

  @Test
  void htmxIsServedFromTheServer() {
    Http.Response script = http().getPage("/webjars/htmx.org/dist/htmx.min.js");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.body()).contains("htmx");
  }

  @Test
  void aPersonHasNoBeneficialOwnersPage() {
    BrowserSession browser = signedIn("person");
    Http.Response owners = browser.get("/me/owners");
    assertThat(owners.status()).isEqualTo(302);
    assertThat(owners.header("Location").orElseThrow()).endsWith("/me");
  }

  @Test
  void ownersAreAddedRemovedAndSavedWithoutEverBeingDuplicated() {
    BrowserSession browser = signedIn("legal-entity");
    Http.Response page = browser.get("/me/owners");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("Form K")
        .contains("25 %")
        .contains("name=\"owners[0].surname\"")
        .doesNotContain("name=\"owners[1].surname\"");

    Map<String, String> form = new LinkedHashMap<>();
    form.put("form", "A");
    owner(form, 0, "Muster", "1960-01-31");
    form.put("action", "add");
    Http.Response added = browser.post("/me/owners", form);
    assertThat(added.status()).isEqualTo(200);
    assertThat(added.body())
        .contains("name=\"owners[1].surname\"")
        .contains("value=\"Muster\"")
        .contains("Remove owner 2");

    form.remove("action");
    owner(form, 1, "Beispiel", "1970-05-05");
    owner(form, 2, "Dritte", "1980-03-03");
    form.put("remove", "1");
    Http.Response removed = browser.post("/me/owners", form);
    assertThat(removed.body())
        .contains("value=\"Dritte\"")
        .doesNotContain("value=\"Beispiel\"")
        .doesNotContain("name=\"owners[2].surname\"");

    form.remove("remove");
    form.remove("owners[2].surname");
    owner(form, 1, "Beispiel", "1970-05-05");
    form.keySet().removeIf(k -> k.startsWith("owners[2]"));
    form.put("action", "save");
    Http.Response saved = browser.post("/me/owners", form);
    assertThat(saved.status()).as(saved.toString()).isEqualTo(302);
    assertThat(browser.post("/me/owners", form).status()).isEqualTo(302);

    Http.Response again = browser.get("/me/owners?saved");
    assertThat(again.body())
        .contains("Your declaration was saved.")
        .contains("value=\"Muster\"")
        .contains("value=\"Beispiel\"")
        .doesNotContain("name=\"owners[2].surname\"");

    form.put("owners[1].dateOfBirth", "1970-13-01");
    Http.Response refused = browser.post("/me/owners", form);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(section(refused.body(), "f-owners-1-dateOfBirth")).contains("YYYY-MM-DD");
  }

  @Test
  void consentsAreGivenAndWithdrawnOneByOneWithTheirTextAndVersion() {
    BrowserSession browser = signedIn("person");
    Http.Response page = browser.get("/me/consents");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("Terms of use")
        .contains("Processing of personal data")
        .contains("Video identification")
        .contains("Audio recording")
        .contains("Text version v1")
        .contains("Not given.")
        .doesNotContain("??");

    Http.Response given =
        browser.post("/me/consents/give", Map.of("kind", "audio-recording", "version", "v1"));
    assertThat(given.status()).isEqualTo(302);
    Http.Response after = browser.get(path(given));
    assertThat(after.body()).contains("Your consent (Audio recording of the video identification)");
    assertThat(section(after.body(), "consent-audio-recording"))
        .contains("Given on ")
        .contains("Withdraw my consent");
    assertThat(section(after.body(), "consent-terms")).contains("Not given.");

    Http.Response withdrawn =
        browser.post("/me/consents/withdraw", Map.of("kind", "audio-recording"));
    assertThat(withdrawn.status()).isEqualTo(302);
    Http.Response last = browser.get(path(withdrawn));
    assertThat(section(last.body(), "consent-audio-recording")).contains("withdrawn on");

    assertThat(browser.post("/me/consents/give", Map.of("kind", "terms", "version", "v0")).status())
        .isEqualTo(400);
  }

  @Test
  void theSubmissionListsWhatIsMissingThenIsRecordedOnTheLedger() throws Exception {
    String email = TestAccounts.signUpVerified(http(), "person");
    BrowserSession browser = TestAccounts.signedInBrowser(port, email);
    Http.Response incomplete = browser.get("/me/submit");
    assertThat(incomplete.body())
        .contains("Still missing:")
        .contains("href=\"/me/profile\"")
        .contains("href=\"/me/consents\"")
        .doesNotContain("Submit my KYC file</button>");
    assertThat(browser.post("/me/submit", Map.of()).status()).isEqualTo(422);

    browser.get("/me/profile");
    assertThat(browser.post("/me/profile", person("Eriksson")).status()).isEqualTo(302);
    browser.get("/me/consents");
    for (String kind :
        new String[] {"terms", "data-processing", "video-identification", "audio-recording"}) {
      browser.post("/me/consents/give", Map.of("kind", kind, "version", "v1"));
    }
    Multipart passport =
        new Multipart()
            .field("kind", "passport-page")
            .file("file", "passport.jpg", "image/jpeg", Fixtures.jpeg(800, 600));
    Http.Response uploaded =
        http()
            .withBearer(TestAccounts.bearerToken(http(), email))
            .send("POST", "/api/v1/me/documents", passport.contentType(), passport.bytes());
    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
    Http.Response ready = browser.get("/me/submit");
    assertThat(ready.body()).contains("Submit my KYC file</button>");
    Http.Response submitted = browser.post("/me/submit", Map.of());
    assertThat(submitted.status()).isEqualTo(302);

    String status = awaitRecorded(browser);
    assertThat(status)
        .contains("Recorded on the ledger:")
        .contains("href=\"/explorer/transactions/");
    Http.Response me = browser.get("/me");
    assertThat(me.body())
        .contains("Submitted and recorded on the ledger")
        .contains("Registration of your KYC file")
        .contains("href=\"/explorer/transactions/");
  }

  @Test
  void pagesNeedASession() {
    for (String path :
        new String[] {"/me", "/me/profile", "/me/owners", "/me/consents", "/me/submit"}) {
      Http.Response response = new BrowserSession(port).get(path);
      assertThat(response.status()).as(path).isEqualTo(302);
      assertThat(response.header("Location").orElseThrow()).as(path).endsWith("/login");
    }
  }

  private static String awaitRecorded(BrowserSession browser) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      Http.Response fragment = browser.get("/me/submit/status");
      if (fragment.body().contains("Recorded on the ledger")) {
        assertThat(fragment.body()).doesNotContain("hx-trigger");
        return fragment.body();
      }
      assertThat(fragment.body()).contains("hx-trigger=\"every 2s\"");
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not recorded in time: " + fragment.body());
      }
      Thread.sleep(200);
    }
  }

  /** The path and query of a redirect's target. */
  private static String path(Http.Response redirect) {
    java.net.URI location = java.net.URI.create(redirect.header("Location").orElseThrow());
    return location.getRawPath()
        + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
  }

  private static final String FORM = "application/x-www-form-urlencoded";

  private static byte[] encode(Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The HTML from the element with this id to the next field or section. */
  private static String section(String html, String id) {
    int start = html.indexOf("id=\"" + id + "\"");
    assertThat(start).as("element " + id).isNotNegative();
    int end = html.indexOf("class=\"field\"", start + 1);
    int nextSection = html.indexOf("<section", start + 1);
    if (end < 0 || (nextSection >= 0 && nextSection < end)) {
      end = nextSection;
    }
    return end < 0 ? html.substring(start) : html.substring(start, end);
  }
}

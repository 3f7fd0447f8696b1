package org.trademap.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.trademap.server.testing.Problems.assertProblem;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.TestPropertySource;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import tools.jackson.databind.JsonNode;

/** The embedded default: mail sent through the Mailer lands in the embedded SMTP server. */
@TestPropertySource(
    properties = {
      "spring.messages.basename=messages,mail-test-messages",
      "trademap.mail.rate-limit.per-recipient=3"
    })
class DevInboxIT extends RunningServer {

  @Autowired Mailer mailer;
  @Autowired JavaMailSender sender;
  @Autowired MessageSource messages;

  private static String newAddress(String name) {
    return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

  private Http.Response mailbox(String to) {
    return http().get("/api/v1/dev/mailbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
  }

  @Test
  void aSentMailArrivesAndTheDevMailboxReturnsItAsJson() {
    String to = newAddress("ann+kyc");
    Instant before = Instant.now().minusSeconds(1);

    SendResult result = mailer.send(OutgoingMail.text(to, "Welcome to TradeMap", "Hello Ann"));

    assertThat(result).isInstanceOf(SendResult.Sent.class);
    Http.Response response = mailbox(to);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/json");
    JsonNode mails = response.json();
    assertThat(mails.size()).isEqualTo(1);
    JsonNode mail = mails.get(0);
    assertThat(mail.path("id").asString()).matches("[0-9a-f]{24}");
    assertThat(mail.path("to").asString()).isEqualTo(to);
    assertThat(mail.path("from").asString()).isEqualTo("TradeMap <no-reply@trademap.localhost>");
    assertThat(mail.path("subject").asString()).isEqualTo("Welcome to TradeMap");
    assertThat(Instant.parse(mail.path("receivedAt").asString()))
        .isBetween(before, Instant.now().plusSeconds(1));
    assertThat(mail.path("text").asString()).isEqualTo("Hello Ann");
    assertThat(mail.has("html")).isTrue();
    assertThat(mail.path("html").isNull()).isTrue();
  }

  @Test
  void aRenderedMailArrivesWithItsTextAndHtmlBodies() {
    String to = newAddress("bea");

    // The application's JavaMailSender and messages, with the test-only templates.
    Mailer withTestTemplates = TestMailers.mailer(sender, messages, 5);

    withTestTemplates.renderAndSend(
        to,
        "mail-check",
        Map.of("name", "<b>Bea</b>", "link", "http://localhost/verify?token=t1&x=1"),
        Locale.GERMAN);

    JsonNode mail = mailbox(to).json().get(0);
    assertThat(mail.path("subject").asString()).isEqualTo("Mailprüfung");
    assertThat(mail.path("from").asString()).isEqualTo(TestMailers.FROM);
    assertThat(mail.path("text").asString())
        .contains("TradeMap: hello <b>Bea</b>,")
        .contains("http://localhost/verify?token=t1&x=1");
    assertThat(mail.path("html").asString())
        .contains("<b>&lt;b&gt;Bea&lt;/b&gt;</b>")
        .contains("href=\"http://localhost/verify?token=t1&amp;x=1\"");
  }

  @Test
  void theDevMailboxAnswersForOneRecipientOnlyNewestFirst() throws InterruptedException {
    String ann = newAddress("ann");
    String bob = newAddress("bob");
    mailer.send(OutgoingMail.text(ann, "first", "1"));
    Thread.sleep(20);
    mailer.send(OutgoingMail.text(bob, "for bob", "2"));
    Thread.sleep(20);
    mailer.send(OutgoingMail.text(ann, "second", "3"));

    assertThat(mailbox(ann).json().valueStream().map(m -> m.path("subject").asString()))
        .containsExactly("second", "first");
    assertThat(mailbox(ann.toUpperCase(Locale.ROOT)).json().size()).isEqualTo(2);
    assertThat(mailbox(bob).json().valueStream().map(m -> m.path("subject").asString()))
        .containsExactly("for bob");
    assertThat(mailbox(newAddress("nobody")).json().size()).isZero();
  }

  @Test
  void theDevMailboxRefusesAnythingButOneAddress() {
    assertProblem(http().get("/api/v1/dev/mailbox"), 400, "mail.bad-address");
    assertProblem(http().get("/api/v1/dev/mailbox?to="), 400, "mail.bad-address");
    assertProblem(mailbox("not-an-address"), 400, "mail.bad-address");
    assertProblem(mailbox("Ann <ann@example.org>"), 400, "mail.bad-address");
    assertProblem(mailbox("ann@example.org,bob@example.org"), 400, "mail.bad-address");
    assertProblem(mailbox("ann@example.org\r\nBcc: eve@example.org"), 400, "mail.bad-address");
    assertProblem(mailbox("x".repeat(300) + "@example.org"), 400, "mail.bad-address");
  }

  @Test
  void headerInjectionIsRefusedAndNothingArrives() {
    String to = newAddress("eve");

    assertThat(catchThrowable(() -> mailer.send(OutgoingMail.text(to, "Hi\r\nBcc: " + to, "x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("header injection refused");
    assertThat(mailbox(to).json().size()).isZero();
  }

  @Test
  void theRateLimitStopsTheFourthMailToOneRecipientWithoutSendingIt() {
    String to = newAddress("flood");
    List<SendResult> results = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      results.add(mailer.send(OutgoingMail.text(to, "mail " + i, "x")));
    }

    assertThat(results.subList(0, 3)).allMatch(r -> r instanceof SendResult.Sent);
    assertThat(results.get(3)).isInstanceOf(SendResult.RateLimited.class);
    assertThat(mailbox(to).json().valueStream().map(m -> m.path("subject").asString()))
        .containsExactly("mail 3", "mail 2", "mail 1");
    assertThat(mailer.send(OutgoingMail.text(newAddress("other"), "still open", "x")))
        .isInstanceOf(SendResult.Sent.class);
  }

  @Test
  void theDevInboxPageListsMailsWithSubjectsShownLiterally() {
    String to = newAddress("mallory");
    mailer.send(OutgoingMail.text(to, "<script>alert(1)</script> & welcome", "x"));

    Http.Response page = http().getPage("/dev/inbox");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body())
        .contains("<title>Dev inbox</title>")
        .contains("Development only")
        .contains(to)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; welcome")
        .doesNotContain("<script>alert(1)");
  }

  @Test
  void aMailsPageShowsTheTextWithClickableLinksAndTheHtmlInASandbox() {
    String to = newAddress("carl");
    mailer.send(
        new OutgoingMail(
            to,
            "Confirm <now>",
            "Hello <Carl>,\nconfirm at http://localhost:8080/verify?token=abc&x=1.\nBye",
            "<p onclick=\"x()\">Hello</p><script>alert(2)</script>"));
    String id = mailbox(to).json().get(0).path("id").asString();

    Http.Response page = http().getPage("/dev/inbox/" + id);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("<title>Confirm &lt;now&gt;</title>")
        .contains("Hello &lt;Carl&gt;,")
        .contains(
            "<a href=\"http://localhost:8080/verify?token=abc&amp;x=1\">"
                + "http://localhost:8080/verify?token=abc&amp;x=1</a>.")
        .contains("sandbox=\"\"")
        .contains("srcdoc=\"&lt;p onclick=&quot;x()&quot;&gt;Hello&lt;/p&gt;&lt;script&gt;")
        .doesNotContain("<script>alert(2)");
    assertThat(http().getPage("/dev/inbox").body()).contains("href=\"/dev/inbox/" + id + "\"");
  }

  @Test
  void anUnknownMailIsNotFound() {
    Http.Response page = http().getPage("/dev/inbox/" + "0".repeat(24));
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.body()).contains("Mail not found");

    assertProblem(http().get("/dev/inbox/%3Cscript%3E"), 404, "mail.not-found");
  }

  @Test
  void theEmbeddedServerDoesNotLogRecipientAddresses() {
    // GreenMail logs "Created user login <address> …" at INFO for every new recipient.
    assertThat(LoggerFactory.getLogger("com.icegreen.greenmail.user.UserManager").isInfoEnabled())
        .isFalse();
    assertThat(LoggerFactory.getLogger(Mailer.class).isInfoEnabled()).isTrue();
  }

  @Test
  void theOpenApiDescriptionListsTheDevMailbox() {
    Http.Response docs = http().get("/v3/api-docs");

    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body()).contains("/api/v1/dev/mailbox").contains("mail.bad-address");
  }

  @Test
  void theDevInboxSpeaksGerman() throws Exception {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/dev/inbox"))
                    .header("Accept", "text/html")
                    .header("Accept-Language", "de")
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Entwicklungs-Posteingang")
        .contains("Nur für die Entwicklung");
  }

  @Test
  void theDevInboxAndMailboxAreHiddenFromOtherMachines() throws Exception {
    Optional<InetAddress> lan = nonLoopbackAddress();
    assumeThat(lan).as("a non-loopback IPv4 interface to connect from").isPresent();
    String to = newAddress("remote");
    mailer.send(OutgoingMail.text(to, "secret link", "x"));
    String base = "http://" + lan.get().getHostAddress() + ":" + port;

    assertThat(get(base + "/dev/inbox").statusCode()).isEqualTo(404);
    HttpResponse<String> api =
        get(base + "/api/v1/dev/mailbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.body()).contains("request.not-found").doesNotContain("secret link");
    assertThat(mailbox(to).status()).as("the same request from loopback").isEqualTo(200);
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(
            i -> {
              try {
                return i.isUp() && !i.isLoopback();
              } catch (SocketException e) {
                return false;
              }
            })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
        .findFirst();
  }
}

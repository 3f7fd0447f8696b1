package org.trademap.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** {@link Mailer} against a real SMTP server in this JVM (GreenMail), without Spring. */
class MailerSmtpTest {
  private static final String FROM = TestMailers.FROM;

  private GreenMail smtp;
  private ListAppender<ILoggingEvent> logs;

  @BeforeEach
  void startSmtp() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(Mailer.class)).addAppender(logs);
  }

  @AfterEach
  void stopSmtp() {
    ((Logger) LoggerFactory.getLogger(Mailer.class)).detachAppender(logs);
    smtp.stop();
  }

  private Mailer mailer(int port, int perRecipient) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    StaticMessageSource messages = new StaticMessageSource();
    messages.addMessage("app.name", Locale.ENGLISH, "TradeMap");
    messages.addMessage("app.name", Locale.GERMAN, "TradeMap");
    messages.addMessage("mail.mail-check.subject", Locale.ENGLISH, "Mail check");
    messages.addMessage("mail.mail-check.subject", Locale.GERMAN, "Mailprüfung");
    messages.addMessage("mail.text-only.subject", Locale.ENGLISH, "Text only");
    return TestMailers.mailer(sender, messages, perRecipient);
  }

  private Mailer mailer() {
    return mailer(smtp.getSmtp().getPort(), 5);
  }

  private static String messageId(SendResult result) {
    assertThat(result).isInstanceOf(SendResult.Sent.class);
    return ((SendResult.Sent) result).messageId();
  }

  @Test
  void sendsAPlainTextMailWithItsOwnMessageId() throws Exception {
    SendResult result =
        mailer().send(OutgoingMail.text("ann@example.org", "Grüße", "Hello Ann\nline two"));

    String id = messageId(result);
    assertThat(id).matches("[0-9a-f]{32}\\.trademap@trademap\\.test");
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage mail = received[0];
    assertThat(mail.getMessageID()).isEqualTo("<" + id + ">");
    assertThat(mail.getSubject()).isEqualTo("Grüße");
    assertThat(mail.getFrom()[0].toString()).isEqualTo(FROM);
    assertThat(mail.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("ann@example.org");
    assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(mail.isMimeType("text/plain")).isTrue();
    assertThat(((String) mail.getContent()).replace("\r\n", "\n")).isEqualTo("Hello Ann\nline two");
  }

  @Test
  void sendsTextAndHtmlAsMultipartAlternative() throws Exception {
    mailer().send(new OutgoingMail("ann@example.org", "Both", "plain body", "<p>html body</p>"));

    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(mail.isMimeType("multipart/alternative")).isTrue();
    Multipart parts = (Multipart) mail.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
    assertThat(parts.getBodyPart(0).getContent()).isEqualTo("plain body");
    assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
    assertThat(parts.getBodyPart(1).getContentType()).containsIgnoringCase("charset=UTF-8");
    assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>html body</p>");
  }

  @Test
  void rendersBothTemplatesWithTheModelAndTheLocale() throws Exception {
    mailer()
        .renderAndSend(
            "ann@example.org",
            "mail-check",
            Map.of("name", "<i>Ann</i>", "link", "https://localhost/verify?t=1&u=2"),
            Locale.GERMAN);

    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo("Mailprüfung");
    Multipart parts = (Multipart) mail.getContent();
    String text = (String) parts.getBodyPart(0).getContent();
    String html = (String) parts.getBodyPart(1).getContent();
    assertThat(text)
        .contains("TradeMap: hello <i>Ann</i>,")
        .contains("confirm your address here: https://localhost/verify?t=1&u=2");
    assertThat(html)
        .contains("Hello <b>&lt;i&gt;Ann&lt;/i&gt;</b>")
        .contains("href=\"https://localhost/verify?t=1&amp;u=2\"");
  }

  @Test
  void aTemplateWithoutHtmlGivesAPlainTextMail() throws Exception {
    mailer().renderAndSend("ann@example.org", "text-only", Map.of("name", "Ann"), Locale.ENGLISH);

    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo("Text only");
    assertThat(mail.isMimeType("text/plain")).isTrue();
    assertThat((String) mail.getContent()).contains("Only text for Ann.");
  }

  @Test
  void refusesUnknownTemplatesAndNamesThatAreNotPlain() {
    Mailer mailer = mailer();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> mailer.renderAndSend("ann@example.org", "nope", Map.of(), Locale.ENGLISH))
        .withMessage("there is no mail template mail-test-templates/nope.txt");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                mailer.renderAndSend(
                    "ann@example.org", "../fragments/layout", Map.of(), Locale.ENGLISH))
        .withMessageStartingWith("a mail template name is lower-case letters");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void headerInjectionThroughTheTemplateModelIsRefusedBeforeAnythingIsSent() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                mailer()
                    .renderAndSend(
                        "ann@example.org\r\nBcc: eve@example.org",
                        "text-only",
                        Map.of("name", "Ann"),
                        Locale.ENGLISH))
        .withMessageContaining("header injection refused");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void answersRateLimitedAndSendsNothingAboveTheRecipientLimit() {
    Mailer mailer = mailer(smtp.getSmtp().getPort(), 2);

    assertThat(mailer.send(OutgoingMail.text("ann@example.org", "1", "x")))
        .isInstanceOf(SendResult.Sent.class);
    assertThat(mailer.send(OutgoingMail.text("ANN@example.org", "2", "x")))
        .isInstanceOf(SendResult.Sent.class);
    SendResult third = mailer.send(OutgoingMail.text("ann@example.org", "3", "x"));

    assertThat(third).isInstanceOf(SendResult.RateLimited.class);
    assertThat(((SendResult.RateLimited) third).retryAfter())
        .isPositive()
        .isLessThanOrEqualTo(Duration.ofMinutes(10));
    assertThat(mailer.send(OutgoingMail.text("bob@example.org", "4", "x")))
        .isInstanceOf(SendResult.Sent.class);
    assertThat(smtp.getReceivedMessages())
        .extracting(MimeMessage::getSubject)
        .containsExactly("1", "2", "4");
  }

  @Test
  void anUnreachableServerIsADeliveryFailureThatNamesNoRecipient() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Mailer mailer = mailer(closedPort, 5);

    assertThatThrownBy(() -> mailer.send(OutgoingMail.text("ann@example.org", "Hi", "x")))
        .isInstanceOf(MailDeliveryException.class)
        .hasMessageContaining("ConnectException")
        .hasMessageNotContaining("ann@example.org")
        .hasNoCause();
  }

  @Test
  void logsMessageIdsAndRecipientHashesButNoAddressesOrSubjects() {
    Mailer mailer = mailer(smtp.getSmtp().getPort(), 1);
    String id = messageId(mailer.send(OutgoingMail.text("ann@example.org", "Secret subject", "x")));
    mailer.send(OutgoingMail.text("ann@example.org", "Secret subject", "x"));

    List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("mail " + id + " sent to recipient ");
    assertThat(lines.get(1)).contains("rate limit");
    String hash = lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1);
    assertThat(hash).matches("[0-9a-f]{16}");
    assertThat(lines.get(1)).contains(hash);
    assertThat(String.join("\n", lines))
        .doesNotContainIgnoringCase("ann@example.org")
        .doesNotContain("Secret subject")
        .doesNotContain("example.org");
  }
}

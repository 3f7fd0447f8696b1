package org.trademap.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trademap.server.testing.Problems.assertProblem;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;

/**
 * The production path: {@code trademap.mail.embedded=false} and {@code spring.mail.*} pointing at
 * an SMTP server that requires a user name and password (GreenMail, started by this test).
 */
class ExternalSmtpIT extends RunningServer {
  private static final String USER = "trademap-relay";
  private static final String PASSWORD = "relay-secret-7f3a";
  private static final GreenMail SMTP = startSmtp();

  private static GreenMail startSmtp() {
    GreenMail smtp =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));
    smtp.start();
    return smtp;
  }

  @DynamicPropertySource
  static void externalSmtp(DynamicPropertyRegistry registry) {
    registry.add("trademap.mail.embedded", () -> "false");
    registry.add("trademap.mail.from", () -> "TradeMap Test <kyc@trademap.test>");
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    registry.add("spring.mail.username", () -> USER);
    registry.add("spring.mail.password", () -> PASSWORD);
    registry.add("spring.mail.properties[mail.smtp.auth]", () -> "true");
  }

  @AfterAll
  static void stopSmtp() {
    SMTP.stop();
  }

  @Autowired Mailer mailer;
  @Autowired ApplicationContext context;

  private static MimeMessage[] receivedBy(String address) {
    return Arrays.stream(SMTP.getReceivedMessages())
        .filter(
            m -> {
              try {
                return Arrays.stream(m.getAllRecipients())
                    .anyMatch(a -> a.toString().equals(address));
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toArray(MimeMessage[]::new);
  }

  @Test
  void mailIsDeliveredToTheConfiguredServerWithAuthentication() throws Exception {
    String to = "dana@example.org";

    SendResult result =
        mailer.send(new OutgoingMail(to, "Verify your address", "text part", "<p>html part</p>"));

    assertThat(result).isInstanceOf(SendResult.Sent.class);
    MimeMessage[] received = receivedBy(to);
    assertThat(received).hasSize(1);
    MimeMessage mail = received[0];
    assertThat(mail.getMessageID())
        .isEqualTo("<" + ((SendResult.Sent) result).messageId() + ">")
        .endsWith("@trademap.test>");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("TradeMap Test <kyc@trademap.test>");
    assertThat(mail.getSubject()).isEqualTo("Verify your address");
    Multipart parts = (Multipart) mail.getContent();
    assertThat(parts.getBodyPart(0).getContent()).isEqualTo("text part");
    assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>html part</p>");
  }

  @Test
  void aWrongPasswordIsADeliveryFailureAndNothingIsDelivered() {
    GreenMailUser relay = SMTP.getUserManager().getUser(USER);
    String to = "erin@example.org";
    relay.setPassword("rotated-on-the-server");
    try {
      assertThatThrownBy(() -> mailer.send(OutgoingMail.text(to, "Hello", "x")))
          .isInstanceOf(MailDeliveryException.class)
          .hasMessageContaining("authentication failed")
          .hasMessageContaining("535")
          .hasMessageNotContaining(to);
    } finally {
      relay.setPassword(PASSWORD);
    }
    assertThat(receivedBy(to)).isEmpty();
  }

  @Test
  void theDevInboxAndTheDevMailboxDoNotExist() {
    Http.Response api = http().get("/api/v1/dev/mailbox?to=dana%40example.org");
    Http.Response page = http().get("/dev/inbox");
    Http.Response message = http().get("/dev/inbox/" + "0".repeat(24));

    assertProblem(api, 404, "request.not-found");
    assertProblem(page, 404, "request.not-found");
    assertProblem(message, 404, "request.not-found");
    assertThat(http().getPage("/dev/inbox").status()).isEqualTo(404);
    assertThat(context.getBeanNamesForType(EmbeddedSmtpServer.class)).isEmpty();
    assertThat(context.getBeanNamesForType(DevInboxController.class)).isEmpty();
    assertThat(context.getBeanNamesForType(DevMailboxController.class)).isEmpty();
  }

  @Test
  void pagesDoNotLinkToTheDevInbox() {
    assertThat(http().get("/").body()).doesNotContain("href=\"/dev/inbox\"");
  }

  @Test
  void theOpenApiDescriptionHasNoDevMailbox() {
    Http.Response docs = http().get("/v3/api-docs");

    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body()).doesNotContain("/api/v1/dev/");
  }
}

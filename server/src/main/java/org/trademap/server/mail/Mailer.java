package org.trademap.server.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends mail over SMTP: the one way TradeMap writes to people's inboxes.
 *
 * <p>Every mail has a fresh {@code Message-ID} that the logs use to name it; the recipient appears
 * in logs only as a keyed hash. Sends are rate-limited per recipient and overall ({@code
 * trademap.mail.rate-limit}), so no caller can be turned into a mail cannon: above the limit {@link
 * #send} answers {@link SendResult.RateLimited} and sends nothing. An SMTP server that cannot be
 * reached or refuses the mail is an infrastructure fault: {@link MailDeliveryException}.
 */
public final class Mailer {
  private static final Logger log = LoggerFactory.getLogger(Mailer.class);
  private static final String UTF_8 = StandardCharsets.UTF_8.name();

  private final JavaMailSender sender;
  private final InternetAddress from;
  private final String messageIdDomain;
  private final SendRateLimiter limiter;
  private final RecipientHashes recipients;
  private final MailTemplates templates;
  private final Clock clock;
  private final SecureRandom random;

  Mailer(
      JavaMailSender sender,
      InternetAddress from,
      SendRateLimiter limiter,
      RecipientHashes recipients,
      MailTemplates templates,
      Clock clock,
      SecureRandom random) {
    this.sender = sender;
    this.from = from;
    String address = from.getAddress();
    this.messageIdDomain = address.substring(address.lastIndexOf('@') + 1);
    this.limiter = limiter;
    this.recipients = recipients;
    this.templates = templates;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Sends the mail unless the rate limit forbids it.
   *
   * @throws MailDeliveryException if the SMTP server cannot be reached or refuses the mail
   */
  public SendResult send(OutgoingMail mail) {
    String recipient = recipients.of(mail.to());
    Optional<Duration> wait = limiter.tryAcquire(recipient);
    if (wait.isPresent()) {
      log.info("mail to recipient {} not sent: rate limit reached", recipient);
      return new SendResult.RateLimited(wait.get());
    }
    String messageId = newMessageId();
    try {
      MimeMessage message = sender.createMimeMessage();
      compose(message, mail, messageId);
      sender.send(message);
    } catch (MessagingException | MailException e) {
      String reason = reason(e);
      log.warn("mail {} to recipient {} failed: {}", messageId, recipient, reason);
      throw new MailDeliveryException(messageId, reason);
    }
    log.info("mail {} sent to recipient {}", messageId, recipient);
    return new SendResult.Sent(messageId);
  }

  /**
   * Renders template {@code templateName} and sends it: the subject is the message {@code
   * mail.<templateName>.subject}, the text body {@code templates/mail/<templateName>.txt}
   * (Thymeleaf text mode) and, if it exists, the HTML body {@code
   * templates/mail/<templateName>.html}. Both templates see the model's entries as variables and
   * the messages in the given locale.
   *
   * @throws IllegalArgumentException if the template or its subject does not exist, or the result
   *     is not a valid mail (see {@link OutgoingMail})
   * @throws MailDeliveryException if the SMTP server cannot be reached or refuses the mail
   */
  public SendResult renderAndSend(
      String to, String templateName, Map<String, ?> model, Locale locale) {
    return send(templates.render(to, templateName, model, locale));
  }

  private void compose(MimeMessage message, OutgoingMail mail, String messageId)
      throws MessagingException {
    message.setFrom(from);
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
    message.setSubject(mail.subject(), UTF_8);
    message.setSentDate(Date.from(clock.instant()));
    // RFC 3834: tells auto-responders not to answer, so two robots cannot loop.
    message.setHeader("Auto-Submitted", "auto-generated");
    String html = mail.html();
    if (html == null) {
      message.setText(mail.text(), UTF_8);
    } else {
      MimeBodyPart textPart = new MimeBodyPart();
      textPart.setText(mail.text(), UTF_8);
      MimeBodyPart htmlPart = new MimeBodyPart();
      htmlPart.setText(html, UTF_8, "html");
      MimeMultipart alternative = new MimeMultipart("alternative");
      alternative.addBodyPart(textPart);
      alternative.addBodyPart(htmlPart);
      message.setContent(alternative);
    }
    // JavaMailSenderImpl keeps an explicitly set Message-ID when it saves the message.
    message.setHeader("Message-ID", "<" + messageId + ">");
  }

  private String newMessageId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes) + ".trademap@" + messageIdDomain;
  }

  /**
   * What failed, for logs and the exception: the kind of failure, plus the text only where it
   * cannot hold an address (a connection failure names host and port, an authentication failure
   * carries the server's reply). Refusals of a recipient quote the address and are left out.
   */
  private static String reason(Exception e) {
    Throwable root = e;
    for (Throwable next = e.getCause(); next != null && next != root; next = next.getCause()) {
      root = next;
      if (next instanceof AuthenticationFailedException refused) {
        return "authentication failed (" + refused.getMessage() + ")";
      }
    }
    if (root instanceof IOException) {
      return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
    return root.getClass().getSimpleName();
  }
}

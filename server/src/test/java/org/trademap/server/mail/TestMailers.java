package org.trademap.server.mail;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;

/** Builds a {@link Mailer} as {@link MailConfiguration} does, with the test-only mail templates. */
final class TestMailers {
  static final String FROM = "TradeMap <no-reply@trademap.test>";
  static final String TEMPLATES = "mail-test-templates/";

  private TestMailers() {}

  static Mailer mailer(JavaMailSender sender, MessageSource messages, int perRecipient) {
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    MailProperties properties =
        new MailProperties(
            FROM,
            true,
            0,
            false,
            new MailProperties.RateLimit(Duration.ofMinutes(10), perRecipient, 100));
    return new Mailer(
        sender,
        properties.fromAddress(),
        new SendRateLimiter(clock, properties.rateLimit()),
        new RecipientHashes(random),
        new MailTemplates(messages, TestMailers.class.getClassLoader(), TEMPLATES),
        clock,
        random);
  }
}

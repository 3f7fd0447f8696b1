package org.trademap.server.mail;

import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The {@link Mailer}, sending through whichever {@link JavaMailSender} there is: the embedded SMTP
 * server's ({@link EmbeddedMailConfiguration}) or Spring Boot's, built from {@code spring.mail.*}.
 */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

  @Bean
  Mailer mailer(
      ObjectProvider<JavaMailSender> senders, MailProperties properties, MessageSource messages) {
    JavaMailSender sender = senders.getIfAvailable();
    if (sender == null) {
      throw new IllegalStateException(
          "trademap.mail.embedded=false but no SMTP server is configured: set spring.mail.host"
              + " (and spring.mail.port, spring.mail.username, spring.mail.password as needed),"
              + " or set trademap.mail.embedded=true to receive all mail in the dev inbox");
    }
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    return new Mailer(
        sender,
        properties.fromAddress(),
        new SendRateLimiter(clock, properties.rateLimit()),
        new RecipientHashes(random),
        new MailTemplates(messages, Mailer.class.getClassLoader(), MailTemplates.FOLDER),
        clock,
        random);
  }
}

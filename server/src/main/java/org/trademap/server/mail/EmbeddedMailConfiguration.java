package org.trademap.server.mail;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The embedded default: an SMTP server in this process on 127.0.0.1, and the {@code JavaMailSender}
 * pointed at it (Spring Boot's own, built from {@code spring.mail.*}, then backs off). The server
 * stops when the application context closes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnEmbeddedMail
class EmbeddedMailConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMailConfiguration.class);
  private static final String TIMEOUT_MILLIS = "10000";

  @Bean(destroyMethod = "stop")
  EmbeddedSmtpServer embeddedSmtpServer(
      MailProperties properties, @Value("${spring.mail.host:}") String configuredHost) {
    if (!configuredHost.isBlank()) {
      // Sending "production" mail into a local inbox (and showing it there) must not happen by
      // accident: the two settings contradict each other, so say so instead of picking one.
      throw new IllegalStateException(
          "spring.mail.host is set but trademap.mail.embedded is true, so every mail would go to"
              + " the embedded SMTP server and the dev inbox instead: set"
              + " trademap.mail.embedded=false to send through spring.mail.host");
    }
    EmbeddedSmtpServer server = EmbeddedSmtpServer.start(properties.embeddedPort());
    log.info(
        "Embedded SMTP server on {}:{} receives every mail; nothing leaves this machine. Read it"
            + " at /dev/inbox. Set trademap.mail.embedded=false and spring.mail.* for real"
            + " delivery.",
        EmbeddedSmtpServer.BIND_ADDRESS,
        server.port());
    return server;
  }

  @Bean
  JavaMailSenderImpl embeddedMailSender(EmbeddedSmtpServer server) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost(EmbeddedSmtpServer.BIND_ADDRESS);
    sender.setPort(server.port());
    sender.setProtocol("smtp");
    sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
    Properties javaMail = new Properties();
    javaMail.setProperty("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
    javaMail.setProperty("mail.smtp.timeout", TIMEOUT_MILLIS);
    javaMail.setProperty("mail.smtp.writetimeout", TIMEOUT_MILLIS);
    sender.setJavaMailProperties(javaMail);
    return sender;
  }
}

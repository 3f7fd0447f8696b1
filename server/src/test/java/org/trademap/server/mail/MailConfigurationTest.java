package org.trademap.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Which SMTP server the Mailer uses, by configuration, and what refuses to start. */
class MailConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(MailProperties.class)
  @Import({MailConfiguration.class, EmbeddedMailConfiguration.class})
  static class MailOnly {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
          .withUserConfiguration(MailOnly.class);

  @Test
  void byDefaultMailGoesToTheEmbeddedServerOnLoopback() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Mailer.class);
          EmbeddedSmtpServer server = context.getBean(EmbeddedSmtpServer.class);
          JavaMailSenderImpl sender = context.getBean(JavaMailSenderImpl.class);
          assertThat(server.isRunning()).isTrue();
          assertThat(sender.getHost()).isEqualTo("127.0.0.1");
          assertThat(sender.getPort()).isEqualTo(server.port()).isPositive();
        });
  }

  @Test
  void theEmbeddedServerStopsWithTheContext() {
    EmbeddedSmtpServer[] server = new EmbeddedSmtpServer[1];
    runner.run(context -> server[0] = context.getBean(EmbeddedSmtpServer.class));

    assertThat(server[0].isRunning()).isFalse();
  }

  @Test
  void withEmbeddedOffSpringBootsSenderFromSpringMailIsUsed() {
    runner
        .withPropertyValues(
            "trademap.mail.embedded=false",
            "spring.mail.host=smtp.example.org",
            "spring.mail.port=587")
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(Mailer.class);
              assertThat(context).doesNotHaveBean(EmbeddedSmtpServer.class);
              JavaMailSenderImpl sender = context.getBean(JavaMailSenderImpl.class);
              assertThat(sender.getHost()).isEqualTo("smtp.example.org");
              assertThat(sender.getPort()).isEqualTo(587);
            });
  }

  @Test
  void refusesToStartWithEmbeddedOffAndNoSmtpServer() {
    runner
        .withPropertyValues("trademap.mail.embedded=false")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("no SMTP server is configured: set spring.mail.host"));
  }

  @Test
  void refusesToStartWhenSpringMailHostIsSetButMailWouldStayEmbedded() {
    runner
        .withPropertyValues("spring.mail.host=smtp.example.org")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("set trademap.mail.embedded=false"));
  }

  @Test
  void refusesASenderAddressWithALineBreak() {
    runner
        .withPropertyValues("trademap.mail.from=no-reply@example.org\r\nBcc: eve@example.org")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("trademap.mail.from must not contain line breaks"));
  }

  @Test
  void refusesARateLimitBelowOne() {
    runner
        .withPropertyValues("trademap.mail.rate-limit.per-recipient=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("per-recipient must be at least 1"));
  }
}

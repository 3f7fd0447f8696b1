package org.trademap.server.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code trademap.mail.*} properties. The SMTP server itself (host, port, user, password, TLS)
 * is configured under Spring Boot's {@code spring.mail.*} and is used only when {@code embedded} is
 * {@code false}.
 *
 * @param from the sender of every mail, an address optionally with a display name, e.g. {@code
 *     TradeMap <no-reply@example.org>}; default {@code TradeMap <no-reply@trademap.localhost>}
 * @param embedded whether an SMTP server inside this process (bound to 127.0.0.1) receives every
 *     mail, shown by the dev inbox; default {@code true} (the embedded default of {@code
 *     bin/trademap start}). Set {@code false} in production, together with {@code
 *     spring.mail.host}.
 * @param embeddedPort the loopback port of the embedded SMTP server; default {@code 0}: any free
 *     port
 * @param devInboxRemoteAccess whether the dev inbox answers clients other than the loopback
 *     interface; default {@code false}, because the inbox shows every verification and reset link
 * @param rateLimit how many mails may be sent
 */
@ConfigurationProperties(prefix = "trademap.mail")
record MailProperties(
    @DefaultValue("TradeMap <no-reply@trademap.localhost>") String from,
    @DefaultValue("true") boolean embedded,
    @DefaultValue("0") int embeddedPort,
    @DefaultValue("false") boolean devInboxRemoteAccess,
    @DefaultValue RateLimit rateLimit) {

  MailProperties {
    fromAddress(from);
    if (embeddedPort < 0 || embeddedPort > 65_535) {
      throw new IllegalArgumentException("trademap.mail.embedded-port must be 0 to 65535");
    }
  }

  /** The parsed sender address. */
  InternetAddress fromAddress() {
    return fromAddress(from);
  }

  private static InternetAddress fromAddress(String from) {
    if (OutgoingMail.hasControlCharacter(from)) {
      throw new IllegalArgumentException(
          "trademap.mail.from must not contain line breaks or other control characters");
    }
    InternetAddress address;
    try {
      address = new InternetAddress(from, true);
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "trademap.mail.from is not an email address (" + e.getMessage() + ")", e);
    }
    if (!OutgoingMail.isValidAddress(address.getAddress())) {
      throw new IllegalArgumentException(
          "trademap.mail.from needs a plain ASCII address such as TradeMap <no-reply@example.org>");
    }
    return address;
  }

  /**
   * The send rate limit ({@code trademap.mail.rate-limit.*}): within any sliding {@code window}, at
   * most {@code perRecipient} mails to one address and at most {@code global} mails in all. Mails
   * above the limit are not sent; {@link Mailer#send} answers {@link SendResult.RateLimited}.
   *
   * @param window the sliding window; default {@code 10m}
   * @param perRecipient mails to one address per window; default {@code 5}
   * @param global mails to all addresses together per window; default {@code 500}
   */
  record RateLimit(
      @DefaultValue("10m") Duration window,
      @DefaultValue("5") int perRecipient,
      @DefaultValue("500") int global) {

    RateLimit {
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("trademap.mail.rate-limit.window must be positive");
      }
      if (perRecipient < 1) {
        throw new IllegalArgumentException(
            "trademap.mail.rate-limit.per-recipient must be at least 1");
      }
      if (global < perRecipient) {
        throw new IllegalArgumentException(
            "trademap.mail.rate-limit.global must be at least per-recipient");
      }
    }
  }
}

package org.trademap.server.mail;

import java.time.Duration;

/**
 * What became of a mail handed to {@link Mailer}. Callers that answer people (such as "resend the
 * verification mail") should answer the same whichever it is, so that nobody learns from the answer
 * whether an address exists or was rate-limited.
 */
public sealed interface SendResult {

  /**
   * The SMTP server accepted the mail.
   *
   * @param messageId the {@code Message-ID} header, without angle brackets; logs name the mail by
   *     it
   */
  record Sent(String messageId) implements SendResult {}

  /**
   * The mail was not sent because the recipient, or everybody together, already received as many
   * mails as {@code trademap.mail.rate-limit} allows.
   *
   * @param retryAfter when the next mail to this recipient could be sent at the earliest
   */
  record RateLimited(Duration retryAfter) implements SendResult {}
}

package org.trademap.server.mail;

/**
 * The SMTP server could not be reached or refused the mail (an infrastructure fault, not a business
 * rejection). The message names the mail by its id and says what failed, never who it was for.
 */
public final class MailDeliveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String messageId;

  MailDeliveryException(String messageId, String reason) {
    super("mail " + messageId + " was not delivered to the SMTP server: " + reason);
    this.messageId = messageId;
  }

  /** The {@code Message-ID} the failed mail had, without angle brackets. */
  public String messageId() {
    return messageId;
  }
}

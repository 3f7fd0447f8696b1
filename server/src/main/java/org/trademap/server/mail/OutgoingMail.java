package org.trademap.server.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;

/**
 * One mail to one recipient: a plain-text body and, optionally, an HTML alternative.
 *
 * <p>Refuses what would let a value escape into other headers: a recipient or a subject with a line
 * break (CR, LF) or any other control character. The recipient must be a single plain address
 * ({@code name@example.org}, printable ASCII, no display name, no list) that jakarta.mail's strict
 * parser accepts. Error messages never repeat the refused value, which may be personal data.
 *
 * @param to the recipient's address
 * @param subject the subject line, at most {@value #MAX_SUBJECT_LENGTH} characters
 * @param text the plain-text body
 * @param html the HTML body, or {@code null} for a plain-text mail
 */
public record OutgoingMail(String to, String subject, String text, @Nullable String html) {
  /** The longest subject accepted. */
  public static final int MAX_SUBJECT_LENGTH = 200;

  /** The longest address accepted (RFC 5321 path limit minus the angle brackets). */
  public static final int MAX_ADDRESS_LENGTH = 254;

  private static final int MAX_LOCAL_PART_LENGTH = 64;

  public OutgoingMail {
    if (hasControlCharacter(to)) {
      throw new IllegalArgumentException(
          "the recipient contains a line break or another control character (header injection"
              + " refused)");
    }
    if (!isValidAddress(to)) {
      throw new IllegalArgumentException("the recipient is not a valid email address");
    }
    if (hasControlCharacter(subject)) {
      throw new IllegalArgumentException(
          "the subject contains a line break or another control character (header injection"
              + " refused)");
    }
    if (subject.isBlank()) {
      throw new IllegalArgumentException("the subject is empty");
    }
    if (subject.length() > MAX_SUBJECT_LENGTH) {
      throw new IllegalArgumentException(
          "the subject is longer than " + MAX_SUBJECT_LENGTH + " characters");
    }
  }

  /** A plain-text mail. */
  public static OutgoingMail text(String to, String subject, String text) {
    return new OutgoingMail(to, subject, text, null);
  }

  /**
   * Whether {@link Mailer} accepts this recipient: one plain address of printable ASCII characters,
   * at most {@value #MAX_ADDRESS_LENGTH} long, that jakarta.mail's strict parser accepts as it is
   * (no display name, no angle brackets, no list, no group).
   */
  public static boolean isValidAddress(String address) {
    if (address.isEmpty() || address.length() > MAX_ADDRESS_LENGTH) {
      return false;
    }
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    int at = address.lastIndexOf('@');
    if (at <= 0 || at > MAX_LOCAL_PART_LENGTH || at == address.length() - 1) {
      return false;
    }
    try {
      InternetAddress parsed = new InternetAddress(address, true);
      return !parsed.isGroup() && address.equals(parsed.getAddress());
    } catch (AddressException e) {
      return false;
    }
  }

  /** Whether the value holds a C0 or C1 control character or a Unicode line or paragraph break. */
  static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }
}

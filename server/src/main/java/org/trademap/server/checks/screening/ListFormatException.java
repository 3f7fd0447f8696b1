package org.trademap.server.checks.screening;

/**
 * A list file that cannot be read as its format: the message says which file, where and why, and
 * holds no personal data beyond the list's own (public) content.
 */
final class ListFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String detail;

  ListFormatException(String message) {
    super(message);
    this.detail = message;
  }

  ListFormatException(String message, Throwable cause) {
    super(message, cause);
    this.detail = message;
  }

  /** Which file, where and why. */
  String detail() {
    return detail;
  }
}

package org.trademap.bench;

/** The command line is wrong; the message says what, and the caller prints the usage. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}

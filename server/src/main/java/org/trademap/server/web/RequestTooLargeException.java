package org.trademap.server.web;

import java.io.IOException;

/** A request body grew beyond {@code trademap.api.max-request-size} while it was being read. */
final class RequestTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  RequestTooLargeException(long limit) {
    super("the request body exceeds " + limit + " bytes");
  }
}

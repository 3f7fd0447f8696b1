package org.trademap.server.web;

import org.springframework.util.unit.DataSize;

/**
 * A body size limit for the requests under one path, in place of {@code
 * trademap.api.max-request-size}: declare one as a bean where an endpoint takes larger bodies (file
 * uploads). {@code RequestSizeLimitFilter} applies it before the body is read when the length is
 * announced, and while reading otherwise; the servlet container's multipart limits are derived from
 * the largest limit, so they never disagree with it.
 *
 * @param path the path the limit applies to, and everything under it ({@code /api/v1/me/documents}
 *     covers {@code /api/v1/me/documents/…} too); starts with {@code /}
 * @param maxSize the largest body accepted, including multipart boundaries and headers
 * @param refusal how a larger body is answered (status {@code 413})
 */
public record RequestBodyLimit(String path, DataSize maxSize, ProblemException refusal) {
  public RequestBodyLimit {
    if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
      throw new IllegalArgumentException("a limited path starts with / and does not end with /");
    }
    if (maxSize.toBytes() <= 0 || maxSize.toBytes() >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a body limit is 1 B to 2 GB");
    }
    if (refusal.status().value() != 413) {
      throw new IllegalArgumentException("a body over the limit is answered with 413");
    }
  }

  /** Whether the limit applies to a request for this path (without the context path). */
  public boolean covers(String requestPath) {
    return requestPath.equals(path) || requestPath.startsWith(path + "/");
  }
}

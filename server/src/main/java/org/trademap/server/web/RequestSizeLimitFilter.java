package org.trademap.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above the request's limit ({@link RequestBodyLimits}: a {@link
 * RequestBodyLimit} for its path, else {@code trademap.api.max-request-size}): at once when the
 * client announces a larger {@code Content-Length}, without reading the body; otherwise as soon as
 * reading passes the limit (the failure surfaces as {@link RequestTooLargeException}). Either way
 * the answer is {@code 413} with the limit's problem code ({@code request.too-large} by default).
 * Multipart bodies are parsed by the servlet container from its own stream, with limits that {@link
 * RequestBodyLimits} derives from the same settings.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimitFilter extends OncePerRequestFilter {
  private final RequestBodyLimits limits;

  RequestSizeLimitFilter(RequestBodyLimits limits) {
    this.limits = limits;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    RequestBodyLimit applies = limits.of(request);
    long limit = applies.maxSize().toBytes();
    long announced = request.getContentLengthLong();
    if (announced > limit) {
      request.setAttribute(RequestBodyLimits.REFUSAL, applies.refusal());
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    chain.doFilter(announced < 0 ? new LimitedRequest(request, limit) : request, response);
  }

  /** A request whose body stream fails once more than the limit was read. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long limit;
    private @Nullable LimitedInputStream stream;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      LimitedInputStream current = stream;
      if (current == null) {
        current = new LimitedInputStream(super.getInputStream(), limit);
        stream = current;
      }
      return current;
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long count;

    LimitedInputStream(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws RequestTooLargeException {
      count += n;
      if (count > limit) {
        throw new RequestTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}

package org.trademap.server.web;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.trademap.server.config.TradeMapProperties;

/**
 * The body size limit of each request: the {@link RequestBodyLimit} whose path covers it (the
 * longest path wins), else {@code trademap.api.max-request-size}. One place decides, for the filter
 * that counts bytes, for the errors raised while a body is parsed, and for the servlet container's
 * multipart limits.
 */
@Configuration(proxyBeanMethods = false)
class RequestBodyLimits {
  /** The request attribute that carries the refusal from the filter to the error page. */
  static final String REFUSAL = RequestBodyLimits.class.getName() + ".REFUSAL";

  private final RequestBodyLimit fallback;
  private final List<RequestBodyLimit> limits;

  RequestBodyLimits(TradeMapProperties properties, ObjectProvider<RequestBodyLimit> limits) {
    this.fallback =
        new RequestBodyLimit(
            "/",
            properties.api().maxRequestSize(),
            ProblemException.of(HttpStatus.CONTENT_TOO_LARGE, "request.too-large"));
    this.limits =
        limits
            .orderedStream()
            .sorted(Comparator.comparingInt((RequestBodyLimit l) -> l.path().length()).reversed())
            .toList();
  }

  /** The limit of this request (in an error dispatch: of the request that failed). */
  RequestBodyLimit of(HttpServletRequest request) {
    String uri =
        request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed
            ? failed
            : request.getRequestURI();
    String context = request.getContextPath();
    String path = uri.startsWith(context) ? uri.substring(context.length()) : uri;
    for (RequestBodyLimit limit : limits) {
      if (limit.covers(path)) {
        return limit;
      }
    }
    return fallback;
  }

  /**
   * The servlet container's multipart limits (this bean replaces the one Spring Boot would make
   * from {@code spring.servlet.multipart.*}): no part and no request larger than the largest body
   * limit, and every part kept in memory, so that no upload is ever written to a temporary file.
   * The per-path limits are checked by {@code RequestSizeLimitFilter} and, for streamed bodies, by
   * the container with these limits.
   */
  @Bean
  MultipartConfigElement multipartConfigElement() {
    long largest = fallback.maxSize().toBytes();
    for (RequestBodyLimit limit : limits) {
      largest = Math.max(largest, limit.maxSize().toBytes());
    }
    return new MultipartConfigElement("", largest, largest, (int) largest);
  }

  /**
   * Multipart bodies are parsed when a handler asks for a part, not before every dispatch: the
   * error page of a body refused by its announced length must not start reading that body.
   */
  @Bean(DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
  MultipartResolver multipartResolver() {
    StandardServletMultipartResolver resolver = new StandardServletMultipartResolver();
    resolver.setResolveLazily(true);
    return resolver;
  }

  /**
   * Tomcat answers {@code Expect: 100-continue} only when the application starts reading the body
   * (instead of at once), so a client that announces a body over the limit is refused without
   * sending a byte of it.
   */
  @Bean
  TomcatConnectorCustomizer continueWhenTheBodyIsRead() {
    return connector -> {
      if (!connector.setProperty("continueResponseTiming", "onRead")) {
        throw new IllegalStateException("Tomcat does not know continueResponseTiming");
      }
    };
  }
}

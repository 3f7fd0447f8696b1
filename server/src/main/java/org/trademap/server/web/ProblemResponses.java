package org.trademap.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns a failed request into its response: a problem document for the API and for clients that do
 * not ask for HTML, the {@code error} page for browsers.
 */
@Component
class ProblemResponses {
  static final String TYPE_BASE = "https://trademap.dev/problems/";

  private final MessageSource messages;

  ProblemResponses(MessageSource messages) {
    this.messages = messages;
  }

  /**
   * A {@link ResponseEntity} with a {@link ProblemDetail} or a {@link ModelAndView} of the error
   * page, whichever the request wants.
   */
  Object render(
      HttpServletRequest request, HttpServletResponse response, ProblemException problem) {
    return render(request, response, problem, HttpHeaders.EMPTY);
  }

  Object render(
      HttpServletRequest request,
      HttpServletResponse response,
      ProblemException problem,
      HttpHeaders headers) {
    headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
    Locale locale = LocaleContextHolder.getLocale();
    HttpStatus status = problem.status();
    String title =
        messages.getMessage(
            "problem." + problem.code() + ".title", null, status.getReasonPhrase(), locale);
    String detail = problem.detail();
    if (detail == null) {
      detail =
          messages.getMessage(
              "problem." + problem.code() + ".detail", problem.detailArguments(), title, locale);
    }
    if (wantsPage(request)) {
      ModelAndView page = new ModelAndView("error");
      page.setStatus(status);
      page.addObject("problemStatus", status.value());
      page.addObject("problemTitle", title);
      page.addObject("problemDetail", detail);
      page.addObject("problemCode", problem.code());
      return page;
    }
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setType(URI.create(TYPE_BASE + problem.code()));
    body.setTitle(title);
    URI instance = instance(request);
    if (instance != null) {
      body.setInstance(instance);
    }
    body.setProperty("code", problem.code());
    problem.properties().forEach(body::setProperty);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  /** The problem code for an HTTP status raised by the framework or the servlet container. */
  static String codeFor(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> "request.bad-request";
      case 404 -> "request.not-found";
      case 405 -> "request.method-not-allowed";
      case 406 -> "request.not-acceptable";
      case 413 -> "request.too-large";
      case 415 -> "request.unsupported-media-type";
      case 503 -> "server.unavailable";
      default -> status.is5xxServerError() ? "server.internal-error" : "request.failed";
    };
  }

  /** The HTTP status to answer with for a framework status, as a known {@link HttpStatus}. */
  static HttpStatus statusFor(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return known != null ? known : HttpStatus.INTERNAL_SERVER_ERROR;
  }

  /** Browsers navigating to a page get HTML; the API and machine clients get problem documents. */
  static boolean wantsPage(HttpServletRequest request) {
    String path = originalPath(request);
    if (path.startsWith("/api/") || path.startsWith("/v3/") || path.startsWith("/actuator")) {
      return false;
    }
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    if (accept == null) {
      return false;
    }
    try {
      List<MediaType> accepted = MediaType.parseMediaTypes(accept);
      return accepted.stream()
          .anyMatch(t -> !t.isWildcardType() && t.isCompatibleWith(MediaType.TEXT_HTML));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  private static String originalPath(HttpServletRequest request) {
    Object errorUri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String uri = errorUri instanceof String s ? s : request.getRequestURI();
    String context = request.getContextPath();
    return uri.startsWith(context) ? uri.substring(context.length()) : uri;
  }

  private static @Nullable URI instance(HttpServletRequest request) {
    try {
      return URI.create(originalPath(request));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

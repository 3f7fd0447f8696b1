package org.trademap.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.trademap.server.ledgergateway.LedgerCatchingUpException;
import org.trademap.server.ledgergateway.LedgerUnavailableException;

/**
 * Answers every exception raised while handling a request with a stable problem code: {@link
 * ProblemException}s as they are, Spring MVC's own failures (unknown path, wrong method, wrong
 * content type, unreadable body) by their status, anything else as {@code 500
 * server.internal-error} without revealing internals.
 */
@ControllerAdvice
class ErrorResponses {
  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

  /**
   * Seconds a client should wait before it submits to a node that catches up again ({@code
   * Retry-After}). Catching up takes seconds to a minute (ADR 0039) and a refusal costs the node
   * next to nothing; a client that knows another node can go there at once.
   */
  static final String RETRY_AFTER_CATCHING_UP = "5";

  private final ProblemResponses responses;
  private final RequestBodyLimits limits;

  ErrorResponses(ProblemResponses responses, RequestBodyLimits limits) {
    this.responses = responses;
    this.limits = limits;
  }

  @ExceptionHandler(ProblemException.class)
  Object problem(ProblemException e, HttpServletRequest request, HttpServletResponse response) {
    return responses.render(request, response, e);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  Object unreadable(
      HttpMessageNotReadableException e, HttpServletRequest request, HttpServletResponse response) {
    ProblemException problem =
        tooLarge(e)
            ? limits.of(request).refusal()
            : ProblemException.of(HttpStatus.BAD_REQUEST, "request.malformed-json");
    return responses.render(request, response, problem);
  }

  @ExceptionHandler(TypeMismatchException.class)
  Object typeMismatch(
      TypeMismatchException e, HttpServletRequest request, HttpServletResponse response) {
    return responses.render(
        request, response, ProblemException.of(HttpStatus.BAD_REQUEST, "request.bad-parameter"));
  }

  /**
   * The ledger node cannot serve: 503 {@code ledger.catching-up} with {@code Retry-After} when it
   * restarted behind and takes no submissions until it has caught up (submit again shortly, here or
   * at another node); else (stopped, diverged, no leader) 503 {@code ledger.unavailable}.
   */
  @ExceptionHandler(LedgerUnavailableException.class)
  Object ledgerUnavailable(
      LedgerUnavailableException e, HttpServletRequest request, HttpServletResponse response) {
    log.warn("the ledger node cannot serve: {}", e.getMessage());
    if (e instanceof LedgerCatchingUpException) {
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_CATCHING_UP);
      return responses.render(
          request,
          response,
          ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE, "ledger.catching-up"),
          headers);
    }
    return responses.render(
        request,
        response,
        ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE, "ledger.unavailable"));
  }

  /** The client went away; there is nobody to answer. */
  @ExceptionHandler(AsyncRequestNotUsableException.class)
  void disconnected(AsyncRequestNotUsableException e, HttpServletResponse response) {
    log.debug("client disconnected: {}", e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  Object other(Exception e, HttpServletRequest request, HttpServletResponse response) {
    if (tooLarge(e)) {
      return responses.render(request, response, limits.of(request).refusal());
    }
    if (e instanceof ErrorResponse framework) {
      HttpStatus status = ProblemResponses.statusFor(framework.getStatusCode());
      return responses.render(
          request,
          response,
          ProblemException.of(status, ProblemResponses.codeFor(status)),
          framework.getHeaders());
    }
    log.error("request {} {} failed", request.getMethod(), request.getRequestURI(), e);
    return responses.render(
        request,
        response,
        ProblemException.of(HttpStatus.INTERNAL_SERVER_ERROR, "server.internal-error"));
  }

  /**
   * Whether the body passed its limit while it was read: counted by {@code RequestSizeLimitFilter},
   * or by the servlet container while it parsed a multipart body.
   */
  private static boolean tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RequestTooLargeException || t instanceof MaxUploadSizeExceededException) {
        return true;
      }
    }
    return false;
  }
}

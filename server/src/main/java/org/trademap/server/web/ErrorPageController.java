package org.trademap.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Spring Boot's whitelabel error controller: failures outside Spring MVC (the servlet
 * container, filters, {@code sendError}) get the same problem documents and error page as those
 * inside it.
 */
@Controller
class ErrorPageController implements ErrorController {
  private static final Logger log = LoggerFactory.getLogger(ErrorPageController.class);

  private final ProblemResponses responses;

  ErrorPageController(ProblemResponses responses) {
    this.responses = responses;
  }

  @RequestMapping("${server.error.path:/error}")
  Object error(HttpServletRequest request, HttpServletResponse response) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer value && HttpStatus.resolve(value) != null
            ? HttpStatus.valueOf(value)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status.is5xxServerError()
        && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
      log.error(
          "request {} failed", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), failure);
    }
    if (request.getAttribute(RequestBodyLimits.REFUSAL) instanceof ProblemException refusal) {
      return responses.render(request, response, refusal);
    }
    return responses.render(
        request, response, ProblemException.of(status, ProblemResponses.codeFor(status)));
  }
}

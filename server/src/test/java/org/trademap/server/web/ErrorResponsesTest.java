package org.trademap.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import org.trademap.server.config.TradeMapProperties;
import org.trademap.server.ledgergateway.GatewayFailures;

/** The problem codes the ledger gateway's failures are answered with. */
class ErrorResponsesTest {
  private final ErrorResponses errors =
      new ErrorResponses(
          new ProblemResponses(new StaticMessageSource()),
          new RequestBodyLimits(
              new TradeMapProperties(
                  Path.of("data"),
                  new TradeMapProperties.Ledger(0, Duration.ofSeconds(10), null),
                  new TradeMapProperties.Api(
                      DataSize.ofKilobytes(256), 1000, DataSize.ofMegabytes(8))),
              new StaticListableBeanFactory().getBeanProvider(RequestBodyLimit.class)));

  private final MockHttpServletRequest request =
      new MockHttpServletRequest("POST", "/api/v1/ledger/transactions");
  private final MockHttpServletResponse response = new MockHttpServletResponse();

  private static ProblemDetail problem(Object answer, int status) {
    assertThat(answer).isInstanceOf(ResponseEntity.class);
    ResponseEntity<?> entity = (ResponseEntity<?>) answer;
    assertThat(entity.getStatusCode().value()).isEqualTo(status);
    assertThat(entity.getBody()).isInstanceOf(ProblemDetail.class);
    return (ProblemDetail) Objects.requireNonNull(entity.getBody());
  }

  @Test
  void aNodeCatchingUpAnswers503LedgerCatchingUpWithRetryAfter() {
    Object answer = errors.ledgerUnavailable(GatewayFailures.catchingUp(), request, response);

    ProblemDetail problem = problem(answer, 503);
    assertThat(problem.getProperties()).containsEntry("code", "ledger.catching-up");
    assertThat(String.valueOf(problem.getType()))
        .isEqualTo("https://trademap.dev/problems/ledger.catching-up");
    assertThat(response.getHeader(HttpHeaders.RETRY_AFTER))
        .isEqualTo(ErrorResponses.RETRY_AFTER_CATCHING_UP);
  }

  @Test
  void aNodeThatCannotServeAnswers503LedgerUnavailableWithoutRetryAfter() {
    Object answer = errors.ledgerUnavailable(GatewayFailures.unavailable(), request, response);

    ProblemDetail problem = problem(answer, 503);
    assertThat(problem.getProperties()).containsEntry("code", "ledger.unavailable");
    assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isNull();
  }
}

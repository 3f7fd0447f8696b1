package org.trademap.server.ledgerexplorer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.trademap.server.config.TradeMapProperties;
import org.trademap.server.web.ProblemException;
import org.trademap.server.web.RequestBodyLimit;

/**
 * The body limit of the batch submission: {@code trademap.api.max-batch-request-size} instead of
 * the API's general limit, answered {@code 413 request.too-large} like any body over its limit.
 */
@Configuration(proxyBeanMethods = false)
class BatchLimits {
  @Bean
  RequestBodyLimit batchSubmitLimit(TradeMapProperties properties) {
    return new RequestBodyLimit(
        LedgerApiController.BATCH,
        properties.api().maxBatchRequestSize(),
        ProblemException.of(HttpStatus.CONTENT_TOO_LARGE, "request.too-large"));
  }
}

package org.trademap.server.sharing.ownchecks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.trademap.server.web.ProblemException;
import org.trademap.server.web.RequestBodyLimit;

/**
 * The body limit of an ASF list upload (API and page): {@value #MAX_MEGABYTES} MB, enough for the
 * {@value AsfListCsv#MAX_ENTRIES} entries a list may have, instead of the API's general limit;
 * larger bodies are answered {@code 413 request.too-large}.
 */
@Configuration(proxyBeanMethods = false)
class AsfListLimits {
  static final int MAX_MEGABYTES = 4;

  @Bean
  RequestBodyLimit asfListApiLimit() {
    return limit(OwnChecksApiController.LIST);
  }

  @Bean
  RequestBodyLimit asfListPageLimit() {
    return limit(OwnChecksPages.LIST);
  }

  private static RequestBodyLimit limit(String path) {
    return new RequestBodyLimit(
        path,
        DataSize.ofMegabytes(MAX_MEGABYTES),
        ProblemException.of(HttpStatus.CONTENT_TOO_LARGE, "request.too-large"));
  }
}

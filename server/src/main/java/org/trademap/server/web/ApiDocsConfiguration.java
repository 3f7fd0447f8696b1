package org.trademap.server.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at {@code /v3/api-docs} and shown at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

  @Bean
  OpenAPI tradeMapOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("TradeMap API")
                .version("v1")
                .description(
                    "Reusable KYC on a permissioned ledger. Errors are RFC 7807 problem documents"
                        + " (application/problem+json) whose `code` member is a stable"
                        + " machine-readable code; `type` is https://trademap.dev/problems/<code>.")
                .license(
                    new License()
                        .name("Apache-2.0")
                        .url("https://www.apache.org/licenses/LICENSE-2.0")));
  }
}

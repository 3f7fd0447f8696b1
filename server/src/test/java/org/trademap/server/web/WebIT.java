package org.trademap.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.testing.Problems.assertProblem;

import org.junit.jupiter.api.Test;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import tools.jackson.databind.JsonNode;

class WebIT extends RunningServer {

  @Test
  void homePageSaysWhatTradeMapIsAndLinksToWhatExists() {
    Http.Response page = http().getPage("/");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body())
        .contains("<title>TradeMap</title>")
        .contains("permissioned ledger")
        .contains("href=\"/explorer\"")
        .contains("href=\"/swagger-ui.html\"")
        .contains("href=\"/v3/api-docs\"")
        .contains("href=\"/actuator/health\"")
        .contains("href=\"/dev/inbox\"")
        .contains("href=\"/css/trademap.css\"")
        .doesNotContain("http://cdn")
        .doesNotContain("https://cdn");
  }

  @Test
  void stylesheetIsServedLocally() {
    Http.Response css = http().get("/css/trademap.css");

    assertThat(css.status()).isEqualTo(200);
    assertThat(css.contentType()).startsWith("text/css");
  }

  @Test
  void unknownPagesGetAFriendlyNotFoundPage() {
    Http.Response page = http().getPage("/no-such-page");

    assertThat(page.status()).isEqualTo(404);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body()).contains("Not found").contains("href=\"/\"");
  }

  @Test
  void machineClientsGetProblemsForUnknownPaths() {
    assertProblem(http().get("/no-such-page"), 404, "request.not-found");
  }

  @Test
  void openApiDescribesTheLedgerPaths() {
    Http.Response docs = http().get("/v3/api-docs");

    assertThat(docs.status()).isEqualTo(200);
    JsonNode paths = docs.json().path("paths");
    assertThat(paths.has("/api/v1/ledger/status")).isTrue();
    assertThat(paths.has("/api/v1/ledger/blocks/{height}")).isTrue();
    assertThat(paths.has("/api/v1/ledger/transactions/{txId}")).isTrue();
    assertThat(paths.path("/api/v1/ledger/transactions").has("post")).isTrue();
    assertThat(paths.path("/api/v1/ledger/transactions").path("post").path("responses").has("422"))
        .isTrue();
    assertThat(paths.has("/error")).isFalse();
    assertThat(paths.has("/explorer")).isFalse();
  }

  @Test
  void swaggerUiIsServed() {
    Http.Response redirect = http().getPage("/swagger-ui.html");
    assertThat(redirect.status()).isEqualTo(302);
    String location = redirect.header("Location").orElseThrow();

    Http.Response ui = http().getPage(location.replaceFirst("^https?://[^/]+", ""));

    assertThat(ui.status()).isEqualTo(200);
    assertThat(ui.body()).contains("swagger-ui");
  }

  @Test
  void healthIsUpWithTheLedgerHeight() {
    Http.Response response = http().get("/actuator/health");

    assertThat(response.status()).isEqualTo(200);
    JsonNode health = response.json();
    assertThat(health.path("status").asString()).isEqualTo("UP");
    JsonNode ledger = health.path("components").path("ledger");
    assertThat(ledger.path("status").asString()).isEqualTo("UP");
    assertThat(ledger.path("details").has("height")).isTrue();
    assertThat(ledger.path("details").path("role").asString()).isEqualTo("leader");
  }

  @Test
  void infoIsExposedAndNothingElse() {
    assertThat(http().get("/actuator/info").status()).isEqualTo(200);
    assertProblem(http().get("/actuator/env"), 404, "request.not-found");
    assertProblem(http().get("/actuator/beans"), 404, "request.not-found");
  }
}

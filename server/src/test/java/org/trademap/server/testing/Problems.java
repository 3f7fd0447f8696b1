package org.trademap.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** Assertions on RFC 7807 problem responses. */
public final class Problems {
  private Problems() {}

  /** Asserts a problem document with this status and code, and returns it. */
  public static JsonNode assertProblem(Http.Response response, int status, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType())
        .as(response.toString())
        .startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("code").asString()).isEqualTo(code);
    assertThat(problem.path("type").asString()).isEqualTo("https://trademap.dev/problems/" + code);
    assertThat(problem.path("title").asString()).isNotBlank();
    assertThat(problem.path("detail").asString()).isNotBlank();
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(problem.has("trace")).isFalse();
    return problem;
  }
}

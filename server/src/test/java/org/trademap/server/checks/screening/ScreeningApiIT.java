package org.trademap.server.checks.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.trademap.server.testing.Problems.assertProblem;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import org.trademap.server.vault.SubjectId;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/checks/screening} over HTTP: only operators and supervisors reach it; the shipped
 * samples are imported at start-up; imports, ASF edits, name checks and dispositions of hits.
 */
class ScreeningApiIT extends RunningServer {
  private static final String PATH = "/api/v1/checks/screening";

  @Autowired DataSource dataSource;
  @Autowired Screening screening;

  /** A signed-in API client of an account in the given role (set in the database). */
  private Http client(String role) {
    String email = TestAccounts.signUpVerified(http(), "person");
    String token = TestAccounts.bearerToken(http(), email);
    JdbcClient.create(dataSource)
        .sql("UPDATE account SET role = ? WHERE email = ?")
        .params(role, email)
        .update();
    return http().withBearer(token);
  }

  @Test
  void onlyOperatorsAndSupervisorsReachTheScreening() {
    assertProblem(http().get(PATH + "/lists"), 401, "auth.required");
    assertProblem(client("USER").get(PATH + "/lists"), 403, "auth.forbidden");
    assertProblem(client("USER").postJson(PATH + "/lists/un/imports", "{}"), 403, "auth.forbidden");
    assertThat(client("KYC_SUPERVISOR").get(PATH + "/lists").status()).isEqualTo(200);
  }

  @Test
  void listsTheSamplesImportedAtStartAndReImportsThemUnchanged() {
    Http operator = client("KYC_OPERATOR");
    JsonNode lists = operator.get(PATH + "/lists").json();
    assertThat(lists).hasSize(4);
    JsonNode un = lists.get(0);
    assertThat(un.path("list").asString()).isEqualTo("un");
    assertThat(un.path("category").asString()).isEqualTo("SANCTIONS");
    assertThat(un.path("version").path("entryCount").asInt()).isEqualTo(7);
    assertThat(lists.get(2).path("version").isNull()).isTrue();

    Http.Response again = operator.postJson(PATH + "/lists/ofac/imports", "");
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().path("outcome").asString()).isEqualTo("unchanged");
    assertThat(operator.get(PATH + "/lists/ofac/versions").json()).hasSize(1);

    assertProblem(
        operator.postJson(PATH + "/lists/asf/imports", ""), 400, "screening.list-not-importable");
    assertProblem(operator.get(PATH + "/lists/eu/versions"), 404, "screening.list-unknown");
  }

  @Test
  void checksNamesWithReasons() {
    Http operator = client("KYC_OPERATOR");
    Http.Response response =
        operator.postJson(
            PATH + "/matches",
            "{\"kind\":\"person\",\"name\":\"Jong Un Kim\",\"birthDate\":\"1984-01-08\","
                + "\"country\":\"KP\"}");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode hit = response.json().path("hits").get(0);
    assertThat(hit.path("source").asString()).isEqualTo("OFAC");
    assertThat(hit.path("entryKey").asString()).isEqualTo("20157");
    assertThat(hit.path("score").asDouble()).isEqualTo(1.0);
    assertThat(hit.path("reasons").path("tokens")).hasSize(3);
    assertThat(response.json().path("threshold").asDouble()).isEqualTo(0.85);

    assertThat(
            operator
                .postJson(
                    PATH + "/matches", "{\"kind\":\"person\",\"name\":\"Anna Maria Eriksson\"}")
                .json()
                .path("hits"))
        .isEmpty();
    JsonNode invalid =
        assertProblem(
            operator.postJson(PATH + "/matches", "{\"kind\":\"person\",\"name\":\"\"}"),
            422,
            "screening.party-invalid");
    assertThat(invalid.path("field").asString()).isEqualTo("name");
  }

  @Test
  void operatorsEditTheAsfListAndDisposeOfHits() {
    Http operator = client("KYC_OPERATOR");
    SubjectId subject = SubjectId.random();
    screening.screen(
        subject,
        List.of(
            Party.person(PartyRole.SUBJECT, "Ichiro", "Kuroda", LocalDate.of(1961, 2, 3), "JP")));

    Http.Response added =
        operator.postJson(
            PATH + "/asf",
            "{\"kind\":\"person\",\"name\":\"KURODA Ichiro\",\"aliases\":[\"Kuroda Ichirou\"],"
                + "\"birthDate\":\"1961\",\"nationality\":\"JP\",\"note\":\"consortium\"}");
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    String key = added.json().path("entryKey").asString();
    assertThat(operator.get(PATH + "/asf").json().path("entries")).hasSize(1);
    JsonNode refused =
        assertProblem(
            operator.postJson(
                PATH + "/asf", "{\"kind\":\"person\",\"name\":\"X\",\"nationality\":\"XX\"}"),
            422,
            "screening.entry-invalid");
    assertThat(refused.path("field").asString()).isEqualTo("nationality");

    // The new ASF version re-screens the subject in the background: its hit waits for an operator.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(operator.get(PATH + "/hits").json()).hasSize(1));
    JsonNode open = operator.get(PATH + "/hits").json();
    assertThat(open).hasSize(1);
    JsonNode hit = open.get(0);
    assertThat(hit.path("hit").path("source").asString()).isEqualTo("ASF");
    assertThat(hit.path("party").path("role").asString()).isEqualTo("SUBJECT");
    assertThat(hit.toString()).doesNotContain(subject.toString());
    String id = hit.path("id").asString();

    assertProblem(
        operator.postJson(
            PATH + "/hits/" + id + "/disposition", "{\"verdict\":\"maybe\",\"reason\":\"x\"}"),
        422,
        "screening.verdict-invalid");
    Http.Response disposed =
        operator.postJson(
            PATH + "/hits/" + id + "/disposition",
            "{\"verdict\":\"true-positive\",\"reason\":\"Same birth year and prefecture\"}");
    assertThat(disposed.status()).as(disposed.toString()).isEqualTo(200);
    assertThat(disposed.json().path("status").asString()).isEqualTo("TRUE_POSITIVE");
    assertProblem(
        operator.postJson(
            PATH + "/hits/" + id + "/disposition",
            "{\"verdict\":\"false-positive\",\"reason\":\"x\"}"),
        409,
        "screening.hit-not-open");
    assertThat(screening.assess(subject).highRisk()).isTrue();

    Http.Response removed =
        operator.send("DELETE", PATH + "/asf/" + key, "application/json", new byte[0]);
    assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
    assertProblem(
        operator.send("DELETE", PATH + "/asf/" + key, "application/json", new byte[0]),
        404,
        "screening.entry-not-found");
    assertThat(operator.get(PATH + "/lists/asf/versions").json()).hasSize(2);
  }
}

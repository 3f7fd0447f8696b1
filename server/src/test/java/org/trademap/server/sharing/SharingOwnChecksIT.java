package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.trademap.server.testing.Problems.assertProblem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.server.checks.Checks;
import org.trademap.server.kyc.KycApi;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.sharing.SharingActors.Staff;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.LedgerScan;
import org.trademap.server.testing.RunningServer;
import tools.jackson.databind.JsonNode;

/**
 * The company's own checks over the API (issue 6 step 4): its own ASF list, screening the package's
 * person against that list only, approval refused until a hit is cleared, "not suitable" blocking
 * approval, each company's list and results invisible to everyone else, and every bad input refused
 * without a change.
 */
@TestPropertySource(properties = "trademap.staff.initial-administrator=" + SharingOwnChecksIT.ADMIN)
class SharingOwnChecksIT extends RunningServer {
  static final String ADMIN = "ownchecks-admin@example.org";
  static final String ALPHA = "alpha-securities";
  static final String BETA = "beta-securities";
  static final String LIST = "/api/v1/company/asf-list";

  private static SharingActors.@Nullable Cast cast;

  @Autowired Subjects subjects;
  @Autowired Checks checks;
  @Autowired Applications applications;
  @Autowired LedgerNode ledger;

  @BeforeEach
  void people() {
    if (cast == null) {
      cast = SharingActors.Cast.enrol(http(), ADMIN);
    }
  }

  private static SharingActors.Cast cast() {
    if (cast == null) {
      throw new IllegalStateException("staff are made before each test");
    }
    return cast;
  }

  /** A person ("Testa <surname>", born 1974-08-12) with an approved KYC who applied; shared. */
  private UUID sharedApplication(String surname, String company) {
    KycApi user = SharingActors.submitted(http(), surname);
    String ref = subjects.forAccount(user.accountId()).orElseThrow().ref().value();
    UUID caseId = checks.caseOf(new SubjectRef(ref)).orElseThrow().caseId();
    SharingActors.approve(cast().operator(), caseId, user, applications::approved);
    Http.Response applied = SharingActors.apply(user, company, "v1");
    assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
    UUID id = UUID.fromString(applied.json().get("id").asString());
    await().atMost(Duration.ofSeconds(60)).until(() -> shared(user, id));
    return id;
  }

  private static boolean shared(KycApi user, UUID id) {
    for (JsonNode a : user.http.get("/api/v1/me/applications").json()) {
      if (a.get("id").asString().equals(id.toString())) {
        return a.at("/ledger/status").asString().equals("shared")
            && !a.at("/ledger/pending").asBoolean();
      }
    }
    return false;
  }

  private static Http.Response upload(Staff staff, String csv) {
    return staff.http().send("PUT", LIST, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
  }

  private static String checksPath(UUID id) {
    return "/api/v1/company/applications/" + id + "/own-checks";
  }

  private static Http.Response screen(Staff staff, UUID id) {
    return staff.http().postJson(checksPath(id) + "/asf-screening", "");
  }

  private static Http.Response clear(Staff staff, UUID id, String hit, @Nullable String reason) {
    return staff
        .http()
        .postJson(
            checksPath(id) + "/asf-screening/hits/" + hit + "/clear",
            "{\"reason\":" + (reason == null ? "null" : Http.jsonString(reason)) + "}");
  }

  private static Http.Response suitability(Staff staff, UUID id, String json) {
    return staff
        .http()
        .send(
            "PUT",
            checksPath(id) + "/suitability",
            "application/json",
            json.getBytes(StandardCharsets.UTF_8));
  }

  private static Http.Response decide(Staff staff, UUID id, String decision, String reason) {
    return staff
        .http()
        .postJson(
            "/api/v1/company/applications/" + id + "/decision",
            "{\"decision\":"
                + Http.jsonString(decision)
                + ",\"reason\":"
                + Http.jsonString(reason)
                + "}");
  }

  @Test
  void aHitOnTheCompanysOwnListBlocksApprovalUntilClearedAsAFalsePositive() {
    Http.Response uploaded =
        upload(
            cast().alphaReviewer(),
            """
            name,birth date,note
            Testa Ownlisted,1974-08-12,known to Alpha's compliance
            "Kuroda, Group",,an organisation
            """);
    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
    assertThat(uploaded.json().get("version").asLong()).isEqualTo(1);
    assertThat(uploaded.json().get("entries").size()).isEqualTo(2);
    UUID id = sharedApplication("Ownlisted", ALPHA);

    JsonNode before = cast().alphaApprover().http().get(checksPath(id)).json();
    assertThat(before.get("approvable").asBoolean()).isFalse();
    assertThat(before.get("refusal").asString()).isEqualTo("sharing.own-checks-incomplete");
    assertProblem(
        decide(cast().alphaApprover(), id, "approve", "welcome"),
        409,
        "sharing.own-checks-incomplete");

    Http.Response screened = screen(cast().alphaReviewer(), id);
    assertThat(screened.status()).as(screened.toString()).isEqualTo(200);
    JsonNode asf = screened.json().get("asf");
    assertThat(asf.get("outcome").asString()).isEqualTo("hits-open");
    assertThat(asf.get("blocking").asBoolean()).isTrue();
    assertThat(asf.get("listVersion").asLong()).isEqualTo(1);
    assertThat(asf.get("hits").size()).isEqualTo(1);
    JsonNode hit = asf.get("hits").get(0);
    assertThat(hit.get("partyRole").asString()).isEqualTo("subject");
    assertThat(hit.get("entryName").asString()).isEqualTo("Testa Ownlisted");
    assertThat(hit.get("entryNote").asString()).isEqualTo("known to Alpha's compliance");
    assertThat(hit.get("birthDate").asString()).isEqualTo("agrees");
    assertThat(hit.get("status").asString()).isEqualTo("open");
    String hitId = hit.get("id").asString();

    assertThat(suitability(cast().alphaReviewer(), id, SharingActors.SUITABLE).status())
        .isEqualTo(200);
    assertProblem(
        decide(cast().alphaApprover(), id, "approve", "welcome"), 409, "sharing.own-checks-block");
    assertThat(cast().alphaApprover().http().get(checksPath(id)).json().get("refusal").asString())
        .isEqualTo("sharing.own-checks-block");

    assertProblem(
        clear(cast().alphaReviewer(), id, hitId, "  "), 422, "sharing.own-checks-reason-required");
    assertProblem(
        clear(cast().alphaReviewer(), id, hitId, null), 422, "sharing.own-checks-reason-required");
    assertProblem(
        clear(cast().alphaReviewer(), id, hitId, "x".repeat(1001)),
        422,
        "sharing.own-checks-reason-required");
    assertProblem(
        clear(cast().alphaReviewer(), id, UUID.randomUUID().toString(), "other"),
        404,
        "sharing.own-checks-hit-not-found");
    Http.Response cleared =
        clear(cast().alphaReviewer(), id, hitId, "same name, another person: passport differs");
    assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
    assertThat(cleared.json().at("/asf/outcome").asString()).isEqualTo("hits-cleared");
    assertThat(cleared.json().at("/asf/hits/0/clearedReason").asString())
        .isEqualTo("same name, another person: passport differs");
    assertThat(cleared.json().get("approvable").asBoolean()).isTrue();
    assertProblem(
        clear(cast().alphaReviewer(), id, hitId, "again"), 409, "sharing.own-checks-hit-cleared");

    // A new version of the list: the screening must be repeated; the cleared hit stays cleared.
    assertThat(
            upload(cast().alphaReviewer(), "Testa Ownlisted,1974-08-12,known\nYamada Taro,1960,\n")
                .status())
        .isEqualTo(200);
    assertProblem(
        decide(cast().alphaApprover(), id, "approve", "welcome"),
        409,
        "sharing.own-checks-incomplete");
    JsonNode again = screen(cast().alphaReviewer(), id).json();
    assertThat(again.at("/asf/listVersion").asLong()).isEqualTo(2);
    assertThat(again.at("/asf/hits/0/status").asString()).isEqualTo("cleared");
    assertThat(again.get("approvable").asBoolean()).isTrue();

    Http.Response decided = decide(cast().alphaApprover(), id, "approve", "welcome");
    assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
    assertProblem(screen(cast().alphaReviewer(), id), 409, "sharing.already-decided");
    assertProblem(
        suitability(cast().alphaReviewer(), id, SharingActors.SUITABLE),
        409,
        "sharing.already-decided");
    assertThat(LedgerScan.mentioning(ledger, "another person"))
        .as("own checks stay with the company")
        .isEmpty();
    assertThat(LedgerScan.mentioning(ledger, "known to Alpha")).isEmpty();
  }

  @Test
  void notSuitableBlocksApprovalButNotRefusal() {
    UUID id = sharedApplication("Unsuitable", BETA);
    JsonNode screened = screen(cast().betaApprover(), id).json();
    assertThat(screened.at("/asf/outcome").asString()).isEqualTo("clear");
    assertThat(screened.at("/asf/listVersion").asLong()).as("Beta has no list").isZero();

    Http.Response assessed =
        suitability(
            cast().betaApprover(),
            id,
            "{\"experience\":\"none\",\"income\":\"under-3m\",\"assets\":\"under-1m\","
                + "\"purpose\":\"speculation\",\"riskTolerance\":\"none\"}");
    assertThat(assessed.status()).as(assessed.toString()).isEqualTo(200);
    JsonNode s = assessed.json().get("suitability");
    assertThat(s.at("/detail/result").asString()).isEqualTo("not-suitable");
    assertThat(s.at("/detail/reasons").valueStream().map(JsonNode::asString))
        .containsExactly(
            "loss-not-accepted", "speculation-without-experience", "speculation-without-means");
    assertThat(s.get("blocking").asBoolean()).isTrue();
    assertProblem(
        decide(cast().betaApprover(), id, "approve", ""), 409, "sharing.own-checks-block");

    Http.Response restricted =
        suitability(
            cast().betaApprover(),
            id,
            "{\"experience\":\"none\",\"income\":\"from-3m-to-5m\",\"assets\":\"from-1m-to-10m\","
                + "\"purpose\":\"income\",\"riskTolerance\":\"low\"}");
    assertThat(restricted.json().at("/suitability/detail/result").asString())
        .isEqualTo("restricted");
    assertThat(restricted.json().get("approvable").asBoolean()).isTrue();
    assertThat(
            suitability(
                    cast().betaApprover(),
                    id,
                    "{\"experience\":\"none\",\"income\":\"under-3m\",\"assets\":\"under-1m\","
                        + "\"purpose\":\"growth\",\"riskTolerance\":\"none\"}")
                .status())
        .isEqualTo(200);

    Http.Response refused = decide(cast().betaApprover(), id, "reject", "not suitable for us");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
    assertThat(refused.json().get("state").asString()).isEqualTo("rejected");
  }

  @Test
  void eachCompanysListAndResultsAreItsOwn() {
    assertThat(upload(cast().alphaReviewer(), "Secret Alpha Entry,,alpha only\n").status())
        .isEqualTo(200);
    UUID id = sharedApplication("Isolated", ALPHA);
    assertThat(screen(cast().alphaReviewer(), id).status()).isEqualTo(200);

    JsonNode betaList = cast().betaApprover().http().get(LIST).json();
    assertThat(betaList.toString()).doesNotContain("Secret Alpha Entry");
    assertThat(cast().alphaApprover().http().get(LIST).body()).contains("Secret Alpha Entry");

    KycApi other = SharingActors.submitted(http(), "Otherisolated");
    for (Staff outsider : new Staff[] {cast().betaApprover(), cast().operator(), cast().admin()}) {
      assertProblem(outsider.http().get(checksPath(id)), 404, "sharing.application-not-found");
      assertProblem(screen(outsider, id), 404, "sharing.application-not-found");
      assertProblem(
          suitability(outsider, id, SharingActors.SUITABLE), 404, "sharing.application-not-found");
    }
    assertProblem(other.http.get(checksPath(id)), 404, "sharing.application-not-found");
    assertProblem(
        clear(cast().betaApprover(), id, UUID.randomUUID().toString(), "x"),
        404,
        "sharing.application-not-found");
    assertProblem(other.http.get(LIST), 403, "auth.forbidden");
    assertProblem(cast().operator().http().get(LIST), 403, "auth.forbidden");
    assertProblem(upload(cast().admin(), "Someone,,\n"), 403, "auth.forbidden");
    assertProblem(http().get(LIST), 401, "auth.required");
    assertProblem(http().get(checksPath(id)), 401, "auth.required");
  }

  @Test
  void everyBadInputIsRefusedAndChangesNothing() {
    assertThat(upload(cast().betaApprover(), "Kept Entry,1950,\n").status()).isEqualTo(200);
    long version = cast().betaApprover().http().get(LIST).json().get("version").asLong();

    Http.Response bad =
        upload(
            cast().betaApprover(),
            "name,birth date,note\n"
                + ",1970,no name\n"
                + "Good Name,1970-13-01,bad month\n"
                + "Future Person,"
                + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusYears(1)
                + ",\n"
                + "Too,Many,Columns,Here\n"
                + "!!!,,no letters\n"
                + "Good Name,,fine\n"
                + "good   name,,duplicate\n"
                + "Long Note,,"
                + "n".repeat(1001)
                + "\n");
    JsonNode problem = assertProblem(bad, 422, "sharing.asf-list-invalid");
    assertThat(
            problem
                .get("errors")
                .valueStream()
                .map(
                    e ->
                        e.get("row").asLong()
                            + " "
                            + e.get("field").asString()
                            + " "
                            + e.get("problem").asString()))
        .containsExactly(
            "2 name missing",
            "3 birthDate not-a-date",
            "4 birthDate in-the-future",
            "5 row too-many-columns",
            "6 name not-a-name",
            "8 row duplicate",
            "9 note too-long");
    assertProblem(upload(cast().betaApprover(), ""), 422, "sharing.asf-list-invalid");
    assertProblem(
        upload(cast().betaApprover(), "name,birth date,note\n"), 422, "sharing.asf-list-invalid");
    assertThat(
            assertProblem(
                    upload(cast().betaApprover(), "\"Unclosed,1970,\n"),
                    422,
                    "sharing.asf-list-invalid")
                .at("/errors/0/problem")
                .asString())
        .isEqualTo("not-csv");
    JsonNode list = cast().betaApprover().http().get(LIST).json();
    assertThat(list.get("version").asLong()).as("nothing changed").isEqualTo(version);
    assertThat(list.at("/entries/0/name").asString()).isEqualTo("Kept Entry");

    UUID id = sharedApplication("Badinputs", BETA);
    JsonNode field =
        assertProblem(
            suitability(
                cast().betaApprover(),
                id,
                "{\"experience\":\"over-5y\",\"income\":\"lots\",\"assets\":\"over-50m\","
                    + "\"purpose\":\"growth\",\"riskTolerance\":\"high\"}"),
            422,
            "sharing.suitability-invalid");
    assertThat(field.get("field").asString()).isEqualTo("income");
    assertProblem(suitability(cast().betaApprover(), id, "{}"), 422, "sharing.suitability-invalid");
    JsonNode after = cast().betaApprover().http().get(checksPath(id)).json();
    assertThat(after.get("suitability").isNull()).as("nothing recorded").isTrue();
    assertThat(after.get("asf").isNull()).isTrue();
    assertProblem(
        clear(cast().betaApprover(), id, UUID.randomUUID().toString(), "why"),
        404,
        "sharing.own-checks-hit-not-found");
  }

  @Test
  void theOwnChecksAreInTheOpenApiDocument() {
    JsonNode paths = http().get("/v3/api-docs").json().path("paths");
    assertThat(paths.path(LIST).has("get")).isTrue();
    assertThat(paths.path(LIST).path("put").path("responses").has("422")).isTrue();
    String checks = "/api/v1/company/applications/{id}/own-checks";
    assertThat(paths.path(checks).has("get")).isTrue();
    assertThat(paths.path(checks + "/asf-screening").has("post")).isTrue();
    assertThat(paths.path(checks + "/asf-screening/hits/{hitId}/clear").has("post")).isTrue();
    assertThat(paths.path(checks + "/suitability").has("put")).isTrue();
    assertThat(paths.path("/api/v1/admin/sharing/alerts").has("get")).isTrue();
  }
}

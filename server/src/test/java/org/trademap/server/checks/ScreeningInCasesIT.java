package org.trademap.server.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.trademap.server.checks.BackOfficeApi.complete;
import static org.trademap.server.checks.BackOfficeApi.decide;
import static org.trademap.server.checks.BackOfficeApi.pass;
import static org.trademap.server.checks.BackOfficeApi.task;
import static org.trademap.server.testing.Problems.assertProblem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.trademap.server.checks.BackOfficeApi.Member;
import org.trademap.server.kyc.KycApi;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.onboarding.AddressForm;
import org.trademap.server.onboarding.PersonalForm;
import org.trademap.server.testing.BrowserSession;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import tools.jackson.databind.JsonNode;

/**
 * Screening joined to the KYC case, as staff and users see it over HTTP: a user listed on the OFAC
 * sample (an entry of the real SDN list) is screened after the submission, the hit shows on the
 * case page and is disposed of there; a confirmed sanctions hit proposes failed, high-risk, and the
 * task cannot be completed without a supervisor; a clean user gets a pass proposal; an import of a
 * changed OFAC list that lists an approved user reopens their screening with {@code new-list-hit}.
 */
@TestPropertySource(properties = "trademap.staff.initial-administrator=" + ScreeningInCasesIT.ADMIN)
class ScreeningInCasesIT extends RunningServer {
  static final String ADMIN = "screening-admin@example.org";
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** A copy of the shipped OFAC sample that a test extends, as a changed published list. */
  private static final Path SDN = copyOfSample();

  /** An entry of the real OFAC SDN list (/work/shared/data/sanctions) not in the sample. */
  private static final String GEIGES =
      "11365,\"GEIGES, Daniel\",\"individual\",\"NPWMD\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
          + "\"DOB 25 Jan 1938; POB Lachen, Switzerland; nationality Switzerland;"
          + " Passport 8071366 (Switzerland).\"\n";

  private static @Nullable Member admin;
  private static @Nullable Member ann;
  private static @Nullable Member bob;
  private static @Nullable Member sue;
  private static @Nullable BrowserSession olga;

  @Autowired Subjects subjects;
  @Autowired Checks checks;

  @DynamicPropertySource
  static void lists(DynamicPropertyRegistry registry) {
    registry.add("trademap.screening.ofac.sdn", SDN::toString);
  }

  private static Path copyOfSample() {
    try (InputStream sample =
        Objects.requireNonNull(
            ScreeningInCasesIT.class.getResourceAsStream("/screening/sample/sdn.csv"))) {
      Path file = Files.createTempFile("sdn", ".csv");
      file.toFile().deleteOnExit();
      Files.write(file, sample.readAllBytes());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeEach
  void staff() {
    if (admin == null) {
      Member first = BackOfficeApi.enrolAndSignIn(http(), ADMIN);
      admin = first;
      ann = BackOfficeApi.invite(first, http(), "kyc-operator");
      bob = BackOfficeApi.invite(first, http(), "kyc-operator");
      sue = BackOfficeApi.invite(first, http(), "kyc-supervisor");
      olga = BackOfficeApi.joinInBrowser(first, http(), port, "kyc-operator");
    }
  }

  private static <T> T made(@Nullable T staff) {
    return Objects.requireNonNull(staff, "staff are made before each test");
  }

  private record Applicant(KycApi user, SubjectRef ref, UUID caseId) {}

  /** A person with these names, birth date and nationality who submitted and is registered. */
  private Applicant applicant(
      String surname, String givenNames, String birthDate, String nationality) {
    KycApi user =
        BackOfficeApi.submittedPerson(
            http(),
            email ->
                new PersonalForm(
                    surname,
                    givenNames,
                    birthDate,
                    nationality,
                    new AddressForm("Bahnhofstrasse 1", "8001", "Zürich", "CH"),
                    "Engineer",
                    "+41 44 668 18 00",
                    email));
    SubjectRef ref = subjects.forAccount(user.accountId()).orElseThrow().ref();
    return new Applicant(user, ref, checks.caseOf(ref).orElseThrow().caseId());
  }

  private static JsonNode view(Member staff, UUID caseId) {
    Http.Response response = staff.http().get("/api/v1/checks/cases/" + caseId);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static JsonNode screeningTask(Member staff, UUID caseId) {
    return view(staff, caseId)
        .get("tasks")
        .valueStream()
        .filter(t -> t.get("process").asString().equals("sanctions-screening"))
        .findFirst()
        .orElseThrow();
  }

  private static boolean proposed(JsonNode task) {
    return !task.path("proposal").isNull() && !task.path("proposal").isMissingNode();
  }

  private static JsonNode auditOf(UUID caseId) {
    Http.Response audit = made(sue).http().get("/api/v1/checks/audit?caseId=" + caseId);
    assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
    return audit.json().get("entries");
  }

  @Test
  void aListedUserIsHeldAtScreeningUntilASupervisorApprovesTheConfirmedHit() {
    Applicant listed = applicant("Kim", "Jong Un", "1984-01-08", "KP");
    String casePage = "/checks/cases/" + listed.caseId();
    BrowserSession operator = made(olga);

    // Screened in the background after the submission: the case page shows the hit.
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(operator.get(casePage).body()).contains("screening-hit"));
    String page = operator.get(casePage).body();
    assertThat(page)
        .contains("KIM, Jong Un")
        .contains("OFAC 20157")
        .contains("1.00")
        .contains("1 hit waits for a verdict")
        .contains("OFAC SDN list version");
    assertThat(proposed(screeningTask(made(ann), listed.caseId()))).isFalse();

    // Passing is refused while the hit is open.
    UUID task = task(view(made(ann), listed.caseId()), "sanctions-screening");
    Http.Response claimed =
        made(ann).http().postJson("/api/v1/checks/tasks/" + task + "/claim", "");
    assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
    assertProblem(
        complete(made(ann), task, "passed", "looks fine", false, false),
        409,
        "checks.findings-open");

    // The operator disposes of the hit on the case page (a form with the page's CSRF token).
    Matcher form =
        Pattern.compile("/checks/screening/hits/([0-9a-f-]{36})/disposition").matcher(page);
    assertThat(form.find()).as("a verdict form on the case page").isTrue();
    Http.Response disposed =
        operator.post(
            "/checks/screening/hits/" + form.group(1) + "/disposition",
            Map.of(
                "verdict",
                "true-positive",
                "reason",
                "Same name and birth date as the listed person",
                "caseId",
                listed.caseId().toString()));
    assertThat(disposed.status()).as(disposed.toString()).isEqualTo(302);
    assertThat(disposed.header("Location").orElseThrow()).contains(casePage);
    assertThat(operator.get(casePage).body())
        .contains("The verdict on the hit was recorded.")
        .contains("true positive")
        .contains("Same name and birth date as the listed person")
        .contains("A sanctions list hit was confirmed.");

    // A confirmed sanctions hit: failed, high-risk.
    JsonNode proposal = screeningTask(made(ann), listed.caseId()).get("proposal");
    assertThat(proposal.get("result").asString()).isEqualTo("failed");
    assertThat(proposal.get("highRisk").asBoolean()).isTrue();
    assertThat(proposal.get("note").asString()).isEqualTo("checks.screening.sanctions-hit");

    // Not without a supervisor: unflagged is refused, flagged waits for approval.
    assertProblem(
        complete(made(ann), task, "failed", "listed", false, false),
        409,
        "checks.high-risk-required");
    Http.Response flagged = complete(made(ann), task, "failed", "OFAC SDN listed", true, false);
    assertThat(flagged.status()).as(flagged.toString()).isEqualTo(200);
    assertThat(flagged.json().get("state").asString()).isEqualTo("awaiting-approval");
    Http.Response approved =
        made(sue).http().postJson("/api/v1/checks/tasks/" + task + "/approve", "");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().get("state").asString()).isEqualTo("done");

    // The verdict is in the audit log: who, what, on which case and task; no personal data.
    JsonNode audit = auditOf(listed.caseId());
    assertThat(audit.valueStream().map(e -> e.get("action").asString()))
        .contains("screening.hit.true-positive");
    assertThat(audit.toString()).doesNotContain("Kim").doesNotContain("Same name");
  }

  @Test
  void aCleanUserGetsAPassAndANewListEntryReopensTheApprovedCase() {
    Applicant clean = applicant("Geiges", "Daniel", "1938-01-25", "CH");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        screeningTask(made(ann), clean.caseId())
                            .path("proposal")
                            .path("note")
                            .asString())
                    .isEqualTo("checks.screening.no-hits"));
    JsonNode proposal = screeningTask(made(ann), clean.caseId()).get("proposal");
    assertThat(proposal.get("result").asString()).isEqualTo("passed");
    assertThat(proposal.get("highRisk").asBoolean()).isFalse();
    assertThat(made(olga).get("/checks/cases/" + clean.caseId()).body())
        .contains("no hit waits for a verdict")
        .doesNotContain("screening-hit");

    JsonNode c = view(made(ann), clean.caseId());
    for (String process : List.of("id-document", "sanctions-screening", "residence-confirmation")) {
      pass(made(ann), task(c, process), "fine");
    }
    Http.Response decided = decide(made(bob), clean.caseId(), "approve", "");
    assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
    assertThat(decided.json().get("state").asString()).isEqualTo("approved");

    // OFAC publishes a new version that lists the user; an operator imports it.
    try {
      Files.writeString(SDN, GEIGES, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Http.Response imported =
        made(ann).http().postJson("/api/v1/checks/screening/lists/ofac/imports", "");
    assertThat(imported.status()).as(imported.toString()).isEqualTo(201);

    // Re-screened in the background: the screening task is back in the queue, the case open.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(screeningTask(made(ann), clean.caseId()).path("reopenReason").asString())
                    .isEqualTo("new-list-hit"));
    JsonNode reopened = screeningTask(made(ann), clean.caseId());
    assertThat(reopened.get("state").asString()).isEqualTo("open");
    assertThat(proposed(reopened)).isFalse();
    assertThat(view(made(ann), clean.caseId()).get("state").asString()).isEqualTo("open");
    assertThat(clean.user().http.get("/api/v1/me/checks").json().get("reopenReason").asString())
        .isEqualTo("new-list-hit");
    assertThat(made(olga).get("/checks/cases/" + clean.caseId()).body())
        .contains("GEIGES, Daniel")
        .contains("OFAC 11365");

    JsonNode audit = made(sue).http().get("/api/v1/checks/audit?limit=500").json().get("entries");
    assertThat(
            audit
                .valueStream()
                .filter(e -> e.get("action").asString().equals("screening.ofac.imported"))
                .map(e -> e.get("staffId").asString()))
        .contains(made(ann).accountId().toString());
  }

  @Test
  void usersAreRefusedOnTheScreeningOfCases() {
    Applicant user = applicant("Refused", "Ulla", "1980-02-02", "CH");
    Http http = user.user().http;
    UUID anyHit = UUID.randomUUID();

    assertProblem(
        http.postJson(
            "/api/v1/checks/screening/hits/" + anyHit + "/disposition",
            "{\"verdict\":\"false-positive\",\"reason\":\"me\"}"),
        403,
        "auth.forbidden");
    assertProblem(http.get("/api/v1/checks/screening/hits"), 403, "auth.forbidden");
    assertProblem(
        http.postJson("/api/v1/checks/screening/lists/ofac/imports", ""), 403, "auth.forbidden");
    assertProblem(http.get("/api/v1/checks/cases/" + user.caseId()), 403, "auth.forbidden");
    BrowserSession pages = TestAccounts.signedInBrowser(port, user.user().email);
    assertThat(pages.get("/checks/cases/" + user.caseId()).status()).isEqualTo(403);
    assertThat(
            pages
                .post(
                    "/checks/screening/hits/" + anyHit + "/disposition",
                    Map.of(
                        "verdict",
                        "false-positive",
                        "reason",
                        "me",
                        "caseId",
                        user.caseId().toString()))
                .status())
        .isEqualTo(403);
    assertThat(
            new BrowserSession(port)
                .get("/checks/cases/" + user.caseId())
                .header("Location")
                .orElseThrow())
        .endsWith("/login");
  }
}

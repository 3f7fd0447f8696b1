package org.trademap.server.checks.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import org.springframework.test.context.TestPropertySource;
import org.trademap.server.checks.BackOfficeApi;
import org.trademap.server.checks.BackOfficeApi.Member;
import org.trademap.server.checks.Checks;
import org.trademap.server.checks.residence.LetterTexts;
import org.trademap.server.kyc.KycApi;
import org.trademap.server.kyc.KycForms;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.testing.BrowserSession;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.Multipart;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import tools.jackson.databind.JsonNode;

/**
 * The check-specific parts joined to the cases, as staff and users use them: the passport page a
 * user uploads is judged by Tesseract after the submission and shown on the case page with the
 * reading, the zone, the comparison and the proposal; an override of the proposal goes to a
 * supervisor; the residence letter is worked from the case page and the user's code proposes to
 * pass; a correction of personal data reopens the checks; the image is for staff only.
 */
@TestPropertySource(properties = "trademap.staff.initial-administrator=" + DocumentCaseIT.ADMIN)
class DocumentCaseIT extends RunningServer {
  static final String ADMIN = "evidence-admin@example.org";
  private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

  private static @Nullable Member admin;
  private static @Nullable Member apiOperator;
  private static @Nullable Member supervisor;
  private static @Nullable BrowserSession operator;

  @Autowired Subjects subjects;
  @Autowired Checks checks;

  @BeforeEach
  void staff() {
    if (admin == null) {
      Member first = BackOfficeApi.enrolAndSignIn(http(), ADMIN);
      admin = first;
      apiOperator = BackOfficeApi.invite(first, http(), "kyc-operator");
      supervisor = BackOfficeApi.invite(first, http(), "kyc-supervisor");
      operator = BackOfficeApi.joinInBrowser(first, http(), port, "kyc-operator");
    }
  }

  private static <T> T staff(@Nullable T member) {
    return Objects.requireNonNull(member);
  }

  /** A submitted person: their API client, subject reference and case. */
  private record Applicant(KycApi user, SubjectRef ref, UUID caseId) {}

  /** A passport of Anna Maria Eriksson (born 1974-08-12, Swedish) valid until {@code expiry}. */
  static byte[] passport(LocalDate expiry) {
    List<String> zone =
        Zones.td3(
            "P",
            "SWE",
            "ERIKSSON<<ANNA<MARIA",
            "C01X00T47",
            "SWE",
            "740812",
            'F',
            expiry.format(YYMMDD),
            "");
    return DocumentImages.encode(DocumentImages.page(1250, 880, zone, 28, false), "png");
  }

  /** A person with these names (born 1974-08-12, Swedish) who uploads the passport and submits. */
  static KycApi submit(Http anonymous, String surname, String givenNames, byte[] passport) {
    KycApi user = KycApi.signUp(anonymous, "person");
    user.saveProfile(Map.of("person", KycForms.person(surname, givenNames, user.email)));
    user.giveRequiredConsents();
    Multipart body =
        new Multipart()
            .field("kind", "passport-page")
            .file("file", "passport.png", "image/png", passport);
    Http.Response uploaded =
        user.http.send("POST", "/api/v1/me/documents", body.contentType(), body.bytes());
    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
    assertThat(user.submit().status()).isEqualTo(201);
    return user;
  }

  private Applicant applicant(String surname) {
    KycApi user =
        submit(http(), surname, "Anna Maria", passport(LocalDate.now(ZoneOffset.UTC).plusYears(5)));
    SubjectRef ref = subjects.forAccount(user.accountId()).orElseThrow().ref();
    return new Applicant(user, ref, checks.caseOf(ref).orElseThrow().caseId());
  }

  private static JsonNode task(Member staff, Applicant applicant, String process) {
    JsonNode view = staff.http().get("/api/v1/checks/cases/" + applicant.caseId()).json();
    return view.get("tasks")
        .valueStream()
        .filter(t -> t.get("process").asString().equals(process))
        .findFirst()
        .orElseThrow();
  }

  /** Waits for the background judgment's proposal on the ID document task. */
  private static JsonNode awaitProposal(Applicant applicant, String process) {
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> task(staff(apiOperator), applicant, process).hasNonNull("proposal"));
    return task(staff(apiOperator), applicant, process).get("proposal");
  }

  private static String casePage(Applicant applicant) {
    Http.Response page = staff(operator).get("/checks/cases/" + applicant.caseId());
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return page.body();
  }

  @Test
  void theCasePageShowsTheJudgedPassportAndProposesToPass() {
    Applicant applicant = applicant("Eriksson");

    JsonNode proposal = awaitProposal(applicant, "id-document");

    assertThat(proposal.get("result").asString()).isEqualTo("passed");
    assertThat(proposal.get("note").asString()).isEqualTo("checks.document.proposal.passed");
    String page = casePage(applicant);
    assertThat(page)
        .contains("ID document judgment")
        .contains("What OCR read")
        .contains("P&lt;SWEERIKSSON&lt;&lt;ANNA&lt;MARIA")
        .contains("Every check digit holds.")
        .contains("C01X00T47")
        .contains("Compared with what the user entered")
        .contains("ICAO code of the entered country")
        .doesNotContain("class=\"mismatch\"")
        .contains("Proposed: Passed.")
        .contains("The document is valid and confirms what was entered.");
    Matcher image =
        Pattern.compile("src=\"(/checks/documents/" + applicant.ref().value() + "/[0-9a-f-]{36})\"")
            .matcher(page);
    assertThat(image.find()).as(page).isTrue();

    Http.Response served = staff(operator).get(image.group(1));
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.contentType()).isEqualTo("image/png");
    assertThat(served.header("X-Content-Type-Options")).contains("nosniff");
    assertThat(served.header("Content-Disposition").orElseThrow()).startsWith("inline");
    assertThat(served.header("Cache-Control").orElseThrow()).contains("no-store");
    assertThat(casePage(applicant)).contains("document.image-viewed");

    BrowserSession user = TestAccounts.signedInBrowser(port, applicant.user().email);
    assertThat(user.get(image.group(1)).status()).isEqualTo(403);
    assertThat(applicant.user().http.get(image.group(1)).status()).isIn(302, 401, 403);
    assertThat(new BrowserSession(port).get(image.group(1)).header("Location").orElseThrow())
        .endsWith("/login");
    Http.Response rerun =
        staff(operator)
            .post("/checks/documents/" + applicant.ref().value() + "/judgment", Map.of());
    assertThat(rerun.header("Location").orElseThrow())
        .endsWith("/checks/cases/" + applicant.caseId());
    assertThat(casePage(applicant))
        .contains("The document is being judged again")
        .contains("document.judgment-rerun");
    String other = UUID.randomUUID().toString();
    assertThat(staff(operator).get("/checks/documents/" + applicant.ref().value() + "/" + other))
        .extracting(Http.Response::status)
        .isEqualTo(404);
  }

  @Test
  void aMismatchingNameIsProposedToFailAndPassingItAnywayNeedsASupervisor() {
    Applicant applicant = applicant("Andersson");

    JsonNode proposal = awaitProposal(applicant, "id-document");

    assertThat(proposal.get("result").asString()).isEqualTo("failed");
    assertThat(proposal.get("note").asString())
        .isEqualTo("checks.document.reason.surname-mismatch");
    assertThat(casePage(applicant))
        .contains("class=\"mismatch\"")
        .contains("The surname differs from the one entered.")
        .contains("Proposed: Failed.");
    String task = task(staff(apiOperator), applicant, "id-document").get("taskId").asString();
    staff(operator).get("/checks/cases/" + applicant.caseId());
    staff(operator).post("/checks/tasks/" + task + "/claim", Map.of());
    staff(operator).get("/checks/cases/" + applicant.caseId());

    Http.Response overridden =
        staff(operator)
            .post(
                "/checks/tasks/" + task + "/complete",
                Map.of("result", "passed", "reason", "Married name; marriage certificate seen."));

    assertThat(overridden.status()).isEqualTo(302);
    assertThat(casePage(applicant)).contains("The result waits for a supervisor");
    JsonNode waiting = task(staff(apiOperator), applicant, "id-document");
    assertThat(waiting.get("state").asString()).isEqualTo("awaiting-approval");
    assertThat(waiting.at("/result/override").asBoolean()).isTrue();
    Http.Response approved =
        staff(supervisor).http().postJson("/api/v1/checks/tasks/" + task + "/approve", "");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().get("state").asString()).isEqualTo("done");
  }

  @Test
  void theOperatorWorksTheResidenceLetterOnTheCasePageAndTheUsersCodeProposesToPass() {
    Applicant applicant = applicant("Eriksson");
    String ref = applicant.ref().value();
    casePage(applicant);

    Http.Response generated =
        staff(operator)
            .post("/checks/residence/subjects/" + ref + "/letters", Map.of("language", "en"));

    assertThat(generated.header("Location").orElseThrow())
        .endsWith("/checks/cases/" + applicant.caseId());
    String page = casePage(applicant);
    assertThat(page).contains("The letter is made").contains("made, to be posted");
    Matcher letter = Pattern.compile("/checks/residence/letters/([0-9a-f-]{36})/pdf").matcher(page);
    assertThat(letter.find()).as(page).isTrue();
    String letterId = letter.group(1);
    Http.Response pdf = staff(operator).get("/checks/residence/letters/" + letterId + "/pdf");
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.contentType()).isEqualTo("application/pdf");
    String code =
        LetterTexts.code(
            staff(apiOperator)
                .http()
                .getBytes("/api/v1/checks/residence/letters/" + letterId + "/pdf"));
    assertThat(applicant.user().http.get("/me").body()).doesNotContain("/me/residence");

    staff(operator).post("/checks/residence/letters/" + letterId + "/sent", Map.of());

    assertThat(casePage(applicant)).contains("The letter is marked posted.").contains("posted");
    BrowserSession user = TestAccounts.signedInBrowser(port, applicant.user().email);
    assertThat(user.get("/me").body())
        .contains("A letter with a code to confirm your address is on its way to you.")
        .contains("href=\"/me/residence\"");
    Http.Response confirmed =
        applicant
            .user()
            .http
            .postJson("/api/v1/me/residence/confirmation", "{\"code\":\"" + code + "\"}");
    assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);

    JsonNode proposal =
        task(staff(apiOperator), applicant, "residence-confirmation").get("proposal");
    assertThat(proposal.get("result").asString()).isEqualTo("passed");
    assertThat(proposal.get("note").asString()).isEqualTo("checks.residence.proposal.confirmed");
    assertThat(casePage(applicant))
        .contains("The user entered the code of the letter: the address is confirmed.")
        .contains("residence.letter-generated")
        .contains("residence.letter-downloaded")
        .contains("residence.letter-sent");
    assertThat(user.get("/me").body()).doesNotContain("href=\"/me/residence\"");
  }

  @Test
  void aCorrectionOfPersonalDataAfterTheSubmissionReopensTheChecks() {
    Applicant applicant = applicant("Eriksson");
    awaitProposal(applicant, "id-document");
    String task = task(staff(apiOperator), applicant, "id-document").get("taskId").asString();
    BackOfficeApi.pass(staff(apiOperator), UUID.fromString(task), "Passport matches.");
    assertThat(applicant.user().http.get("/api/v1/me/checks").json().hasNonNull("reopenReason"))
        .isFalse();

    applicant
        .user()
        .saveProfile(
            Map.of(
                "person", KycForms.person("Eriksson", "Anna Maria Sofia", applicant.user().email)));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        applicant
                            .user()
                            .http
                            .get("/api/v1/me/checks")
                            .json()
                            .path("reopenReason")
                            .asString(""))
                    .isEqualTo("personal-data-changed"));
    JsonNode reopened = task(staff(apiOperator), applicant, "id-document");
    assertThat(reopened.get("state").asString()).isEqualTo("open");
    assertThat(
            task(staff(apiOperator), applicant, "sanctions-screening")
                .get("reopenReason")
                .asString())
        .isEqualTo("personal-data-changed");
    assertThat(TestAccounts.signedInBrowser(port, applicant.user().email).get("/me").body())
        .contains("id=\"review-notice\"");
    JsonNode judgedAgain = awaitProposal(applicant, "id-document");
    assertThat(judgedAgain.get("note").asString())
        .isEqualTo("checks.document.reason.given-names-mismatch");
  }
}

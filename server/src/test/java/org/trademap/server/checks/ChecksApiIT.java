package org.trademap.server.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.checks.BackOfficeApi.complete;
import static org.trademap.server.checks.BackOfficeApi.decide;
import static org.trademap.server.checks.BackOfficeApi.pass;
import static org.trademap.server.checks.BackOfficeApi.task;
import static org.trademap.server.testing.Problems.assertProblem;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.server.checks.BackOfficeApi.Member;
import org.trademap.server.kyc.KycApi;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import tools.jackson.databind.JsonNode;

/**
 * The back office over its API as an administrator, operators, supervisors and users use it: who
 * may do what, claims, four eyes, the decision and the KYC key, with the ledger records they write.
 */
@TestPropertySource(properties = "trademap.staff.initial-administrator=" + ChecksApiIT.ADMIN)
class ChecksApiIT extends RunningServer {
  static final String ADMIN = "first-admin@example.org";

  private static @Nullable Member admin;
  private static @Nullable Member ann;
  private static @Nullable Member bob;
  private static @Nullable Member sue;
  private static @Nullable Member sam;

  @Autowired Subjects subjects;
  @Autowired Checks checks;
  @Autowired LedgerNode node;

  @BeforeEach
  void staff() {
    if (admin == null) {
      Member first = BackOfficeApi.enrolAndSignIn(http(), ADMIN);
      admin = first;
      ann = BackOfficeApi.invite(first, http(), "kyc-operator");
      bob = BackOfficeApi.invite(first, http(), "kyc-operator");
      sue = BackOfficeApi.invite(first, http(), "kyc-supervisor");
      sam = BackOfficeApi.invite(first, http(), "kyc-supervisor");
    }
  }

  private static Member member(@Nullable Member m) {
    if (m == null) {
      throw new IllegalStateException("staff are made before each test");
    }
    return m;
  }

  /** A submitted, registered person and their case. */
  private record Applicant(KycApi user, String ref, UUID caseId) {}

  private Applicant applicant(String surname) {
    KycApi user = BackOfficeApi.submittedPerson(http(), surname);
    String ref = subjects.forAccount(user.accountId()).orElseThrow().ref().value();
    UUID caseId = checks.caseOf(new org.trademap.server.kyc.SubjectRef(ref)).orElseThrow().caseId();
    return new Applicant(user, ref, caseId);
  }

  private static JsonNode view(Member staff, UUID caseId) {
    Http.Response response = staff.http().get("/api/v1/checks/cases/" + caseId);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static Http.Response post(Member staff, String path) {
    return staff.http().postJson(path, "");
  }

  // ---- who may reach what --------------------------------------------------------------------

  @Test
  void aUserIsRefusedOnEveryBackOfficeEndpoint() {
    Applicant applicant = applicant("Userrefused");
    Http user = applicant.user().http;
    UUID task = task(view(member(ann), applicant.caseId()), "id-document");

    assertProblem(user.get("/api/v1/checks/queue"), 403, "auth.forbidden");
    assertProblem(user.get("/api/v1/checks/cases/" + applicant.caseId()), 403, "auth.forbidden");
    assertProblem(
        user.postJson("/api/v1/checks/tasks/" + task + "/claim", ""), 403, "auth.forbidden");
    assertProblem(
        user.postJson(
            "/api/v1/checks/cases/" + applicant.caseId() + "/decision",
            "{\"decision\":\"approve\"}"),
        403,
        "auth.forbidden");
    assertProblem(user.get("/api/v1/checks/audit"), 403, "auth.forbidden");
    assertProblem(user.get("/api/v1/admin/staff"), 403, "auth.forbidden");
    assertProblem(http().get("/api/v1/checks/queue"), 401, "auth.required");
    assertThat(view(member(ann), applicant.caseId()).at("/tasks/0/state").asString())
        .isEqualTo("open");
  }

  @Test
  void operatorsAreRefusedOnTheSupervisorsAndTheAdministratorsActions() {
    Member operator = member(ann);

    assertProblem(operator.http().get("/api/v1/checks/approvals"), 403, "checks.supervisor-only");
    assertProblem(operator.http().get("/api/v1/checks/audit"), 403, "checks.supervisor-only");
    assertProblem(
        BackOfficeApi.inviteRequest(operator.http(), "x@example.org", "kyc-operator"),
        403,
        "auth.forbidden");
    assertProblem(member(sue).http().get("/api/v1/admin/staff"), 403, "auth.forbidden");
  }

  @Test
  void anAdministratorInvitesStaffWhoCannotSignInBeforeTheyEnrolASecondFactor() {
    String email = TestAccounts.newAddress("newop");
    Http.Response invited =
        BackOfficeApi.inviteRequest(member(admin).http(), email, "kyc-operator");
    assertThat(invited.status()).as(invited.toString()).isEqualTo(201);

    assertProblem(
        TestAccounts.loginRequest(http(), email, BackOfficeApi.PASSWORD, null), 401, "auth.failed");
    String token = BackOfficeApi.invitationToken(http(), email);
    String key = BackOfficeApi.newKey();
    assertProblem(
        BackOfficeApi.accept(http(), token, BackOfficeApi.PASSWORD, key, "000000"),
        422,
        "staff.wrong-code");
    assertProblem(
        BackOfficeApi.accept(http(), token, BackOfficeApi.PASSWORD, "SHORT", "000000"),
        422,
        "staff.bad-totp-secret");
    assertProblem(
        BackOfficeApi.accept(http(), token, "short", key, BackOfficeApi.code(key, 0)),
        422,
        "accounts.invalid");
    assertThat(
            BackOfficeApi.accept(
                    http(), token, BackOfficeApi.PASSWORD, key, BackOfficeApi.code(key, 0))
                .status())
        .isEqualTo(200);
    assertProblem(
        TestAccounts.loginRequest(http(), email, BackOfficeApi.PASSWORD, null),
        401,
        "auth.totp-required");
    assertProblem(
        BackOfficeApi.inviteRequest(member(admin).http(), email, "kyc-operator"),
        409,
        "staff.address-taken");
    assertProblem(
        BackOfficeApi.inviteRequest(member(admin).http(), "y@example.org", "user"),
        422,
        "accounts.invalid");

    JsonNode staff = member(admin).http().get("/api/v1/admin/staff").json().get("staff");
    assertThat(staff.valueStream().filter(s -> s.get("email").asString().equals(email)))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.get("role").asString()).isEqualTo("kyc-operator");
              assertThat(s.get("enrolled").asBoolean()).isTrue();
            });
  }

  // ---- claims --------------------------------------------------------------------------------

  @Test
  void aClaimedTaskCannotBeClaimedOrCompletedBySomeoneElse() {
    Applicant applicant = applicant("Claimed");
    UUID task = task(view(member(ann), applicant.caseId()), "id-document");

    Http.Response claimed = post(member(ann), "/api/v1/checks/tasks/" + task + "/claim");
    assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
    assertThat(claimed.json().get("claimedByMe").asBoolean()).isTrue();
    assertThat(post(member(ann), "/api/v1/checks/tasks/" + task + "/claim").status())
        .isEqualTo(200);

    assertProblem(
        post(member(bob), "/api/v1/checks/tasks/" + task + "/claim"),
        409,
        "checks.claimed-by-other");
    assertProblem(
        complete(member(bob), task, "failed", "not mine", false, false),
        409,
        "checks.claimed-by-other");
    assertProblem(
        post(member(bob), "/api/v1/checks/tasks/" + task + "/release"),
        409,
        "checks.claimed-by-other");
    JsonNode after = view(member(bob), applicant.caseId());
    assertThat(after.at("/tasks/0/state").asString()).isEqualTo("claimed");
    assertThat(after.at("/tasks/0/claimedByMe").asBoolean()).isFalse();

    assertThat(post(member(ann), "/api/v1/checks/tasks/" + task + "/release").status())
        .isEqualTo(200);
    assertThat(post(member(bob), "/api/v1/checks/tasks/" + task + "/claim").status())
        .isEqualTo(200);
    assertProblem(
        complete(member(bob), task, "passed", " ", false, false), 422, "checks.reason-required");
    assertProblem(
        complete(member(bob), task, "maybe", "why", false, false), 422, "checks.bad-result");
  }

  @Test
  void theQueueListsOpenTasksOfOneCheckWithAgeAndPriority() {
    Applicant applicant = applicant("Queued");

    JsonNode queue =
        member(ann).http().get("/api/v1/checks/queue?process=residence-confirmation").json();

    assertThat(queue.get("process").asString()).isEqualTo("residence-confirmation");
    assertThat(
            queue
                .get("tasks")
                .valueStream()
                .filter(t -> t.get("caseId").asString().equals(applicant.caseId().toString())))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.get("state").asString()).isEqualTo("open");
              assertThat(t.get("priority").asString()).isEqualTo("normal");
              assertThat(t.get("ageSeconds").asLong()).isNotNegative();
              assertThat(t.get("subjectRef").asString()).isEqualTo(applicant.ref());
            });
    assertProblem(
        member(ann).http().get("/api/v1/checks/queue?process=approval"),
        400,
        "checks.unknown-process");
  }

  // ---- four eyes -----------------------------------------------------------------------------

  @Test
  void anOperatorCannotApproveTheirOwnOverrideAndTheCaseWaitsForASupervisor() {
    Applicant applicant = applicant("Override");
    JsonNode c = view(member(ann), applicant.caseId());
    pass(member(ann), task(c, "id-document"), "MRZ and data match");
    pass(member(ann), task(c, "sanctions-screening"), "no hit");
    UUID residence = task(c, "residence-confirmation");
    post(member(ann), "/api/v1/checks/tasks/" + residence + "/claim");

    Http.Response overridden =
        complete(
            member(ann), residence, "passed", "letter came back but code entered", false, true);
    assertThat(overridden.json().get("state").asString()).isEqualTo("awaiting-approval");

    assertProblem(
        post(member(ann), "/api/v1/checks/tasks/" + residence + "/approve"),
        403,
        "checks.supervisor-only");
    assertProblem(
        decide(member(ann), applicant.caseId(), "approve", ""), 409, "checks.checks-not-passed");
    assertThat(
            member(sue)
                .http()
                .get("/api/v1/checks/approvals")
                .json()
                .get("tasks")
                .valueStream()
                .map(t -> t.get("taskId").asString()))
        .contains(residence.toString());

    Http.Response approved = post(member(sue), "/api/v1/checks/tasks/" + residence + "/approve");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().at("/result/approvedBy").asString()).startsWith("op-");
    assertThat(decide(member(ann), applicant.caseId(), "approve", "").status()).isEqualTo(200);
  }

  @Test
  void aSupervisorCannotApproveTheirOwnHighRiskResultButAnotherCanAndCanSendBack() {
    Applicant applicant = applicant("Highrisk");
    JsonNode c = view(member(sue), applicant.caseId());
    UUID screening = task(c, "sanctions-screening");
    post(member(sue), "/api/v1/checks/tasks/" + screening + "/claim");
    complete(member(sue), screening, "passed", "PEP, known and accepted", true, false);

    assertProblem(
        post(member(sue), "/api/v1/checks/tasks/" + screening + "/approve"),
        403,
        "checks.own-result");
    Http.Response back =
        member(sam)
            .http()
            .postJson(
                "/api/v1/checks/tasks/" + screening + "/send-back",
                "{\"note\":\"check the second nationality\"}");
    assertThat(back.status()).as(back.toString()).isEqualTo(200);
    assertThat(back.json().get("state").asString()).isEqualTo("open");
    assertThat(back.json().get("round").asInt()).isEqualTo(2);
    assertThat(view(member(sam), applicant.caseId()).toString())
        .contains("check the second nationality");
  }

  // ---- decision, KYC key, re-KYC, audit ------------------------------------------------------

  @Test
  void anApprovedUserGetsAKycKeyWhoseCommitmentAloneIsOnTheLedger() {
    Applicant applicant = applicant("Approved");
    Http user = applicant.user().http;
    JsonNode c = view(member(ann), applicant.caseId());
    assertProblem(user.postJson("/api/v1/me/kyc-key", ""), 409, "checks.not-approved");
    for (String process : List.of("id-document", "sanctions-screening", "residence-confirmation")) {
      pass(member(ann), task(c, process), "fine");
    }
    assertThat(user.get("/api/v1/me/checks").json().get("state").asString()).isEqualTo("in-review");
    Http.Response decided = decide(member(bob), applicant.caseId(), "approve", "");
    assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
    assertThat(decided.json().get("state").asString()).isEqualTo("approved");
    assertProblem(
        decide(member(bob), applicant.caseId(), "reject", "again"), 409, "checks.case-decided");

    JsonNode review = user.get("/api/v1/me/checks").json();
    assertThat(review.get("state").asString()).isEqualTo("approved");
    assertThat(review.get("keyAvailable").asBoolean()).isTrue();
    JsonNode me = applicant.user().me();
    assertThat(KycApi.step(me, "checks").get("status").asString()).isEqualTo("done");
    assertThat(KycApi.step(me, "approval").get("status").asString()).isEqualTo("done");

    Http.Response first = user.postJson("/api/v1/me/kyc-key", "");
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.header("Cache-Control").orElse("")).contains("no-store");
    String key = first.json().get("key").asString();
    assertThat(key).matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){12}");
    assertThat(checks.keyMatches(new org.trademap.server.kyc.SubjectRef(applicant.ref()), key))
        .isTrue();
    assertThat(user.get("/api/v1/me/checks").body()).doesNotContain(key);

    Http.Response second = user.postJson("/api/v1/me/kyc-key", "");
    assertThat(second.json().get("revision").asInt()).isEqualTo(2);
    assertThat(checks.keyMatches(new org.trademap.server.kyc.SubjectRef(applicant.ref()), key))
        .isFalse();

    BackOfficeApi.awaitRecorded(
        node,
        applicant.ref(),
        "register",
        "record-check",
        "record-check",
        "record-check",
        "record-check",
        "record-key",
        "record-key");
  }

  @Test
  void aRejectionAndItsReasonReachTheUser() {
    Applicant applicant = applicant("Rejected");
    JsonNode c = view(member(ann), applicant.caseId());
    UUID document = task(c, "id-document");
    post(member(ann), "/api/v1/checks/tasks/" + document + "/claim");
    complete(member(ann), document, "failed", "document expired", false, false);

    assertProblem(
        decide(member(ann), applicant.caseId(), "reject", ""), 422, "checks.reason-required");
    assertProblem(
        decide(member(ann), applicant.caseId(), "needs-information", "x"),
        409,
        "checks.no-check-needs-information");
    assertThat(
            decide(member(ann), applicant.caseId(), "reject", "Your passport has expired.")
                .status())
        .isEqualTo(200);

    JsonNode review = applicant.user().http.get("/api/v1/me/checks").json();
    assertThat(review.get("state").asString()).isEqualTo("rejected");
    assertThat(review.get("decisionReason").asString()).isEqualTo("Your passport has expired.");
    assertThat(review.toString()).doesNotContain("document expired");
  }

  @Test
  void aReopenedCaseShowsTheUserWhyAndPutsTheChecksFirstInTheQueue() {
    Applicant applicant = applicant("Reopened");
    JsonNode c = view(member(ann), applicant.caseId());
    pass(member(ann), task(c, "id-document"), "fine");

    assertProblem(
        member(ann)
            .http()
            .postJson(
                "/api/v1/checks/cases/" + applicant.caseId() + "/reopen",
                "{\"processes\":[\"id-document\"]}"),
        403,
        "checks.supervisor-only");
    Http.Response reopened =
        member(sue)
            .http()
            .postJson(
                "/api/v1/checks/cases/" + applicant.caseId() + "/reopen",
                "{\"processes\":[\"id-document\"]}");
    assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
    assertThat(reopened.json().get("reopenReason").asString()).isEqualTo("supervisor");

    JsonNode first =
        member(ann).http().get("/api/v1/checks/queue?process=id-document").json().at("/tasks/0");
    assertThat(first.get("caseId").asString()).isEqualTo(applicant.caseId().toString());
    assertThat(first.get("priority").asString()).isEqualTo("re-kyc");
    assertThat(first.get("round").asInt()).isEqualTo(2);
    JsonNode review = applicant.user().http.get("/api/v1/me/checks").json();
    assertThat(review.get("reopenReason").asString()).isEqualTo("supervisor");
  }

  @Test
  void supervisorsReadTheAuditLogOfEveryActionWithIdsOnly() {
    Applicant applicant = applicant("Audited");
    JsonNode c = view(member(ann), applicant.caseId());
    pass(member(ann), task(c, "id-document"), "Audited reason text");

    JsonNode entries =
        member(sue)
            .http()
            .get("/api/v1/checks/audit?caseId=" + applicant.caseId())
            .json()
            .get("entries");

    assertThat(entries.valueStream().map(e -> e.get("action").asString()))
        .containsSubsequence("task.completed", "task.claimed", "case.viewed", "case.opened");
    assertThat(
            entries
                .valueStream()
                .filter(e -> e.get("action").asString().equals("task.claimed"))
                .map(e -> e.get("staffId").asString()))
        .containsOnly(member(ann).accountId().toString());
    assertThat(entries.toString())
        .doesNotContain("Audited reason text", member(ann).email(), applicant.user().email);
    JsonNode all = member(sue).http().get("/api/v1/checks/audit?limit=500").json().get("entries");
    assertThat(all.valueStream().map(e -> e.get("action").asString()))
        .contains("staff.invited", "staff.enrolled", "audit.read");
  }
}

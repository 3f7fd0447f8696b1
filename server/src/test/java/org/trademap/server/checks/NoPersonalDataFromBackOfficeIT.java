package org.trademap.server.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.checks.BackOfficeApi.complete;
import static org.trademap.server.checks.BackOfficeApi.decide;
import static org.trademap.server.checks.BackOfficeApi.pass;
import static org.trademap.server.checks.BackOfficeApi.task;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.ledger.api.contract.Args;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.server.checks.BackOfficeApi.Member;
import org.trademap.server.kyc.KycApi;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.testing.DataDirectory;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.LedgerScan;
import org.trademap.server.testing.RunningServer;
import tools.jackson.databind.JsonNode;

/**
 * Every ledger record the back office writes holds no personal data: staff whose addresses, and a
 * person whose name and address, are unique markers work a case through every kind of record
 * (results, a four-eyes approval, a send-back, the decision, two KYC keys) with reasons and notes
 * that are markers too. Then no ledger transaction mentions any marker, any account id, case id or
 * task id; each back-office transaction carries exactly the subject reference, the process, the
 * result, an operator pseudonym and a time (or a commitment and a revision); the reasons are
 * nowhere under the data directory in plain text and not in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
    properties = "trademap.staff.initial-administrator=" + NoPersonalDataFromBackOfficeIT.ADMIN)
class NoPersonalDataFromBackOfficeIT extends RunningServer {
  static final String ADMIN = "privacy-admin@example.org";
  private static final Pattern PSEUDONYM = Pattern.compile("op-[a-z2-7]{16}");

  @Autowired LedgerNode node;
  @Autowired Subjects subjects;
  @Autowired Checks checks;

  private static String marker(String what) {
    return "Zq" + what + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  @Test
  void noBackOfficeRecordOnTheLedgerHoldsPersonalDataOrStaffIdentities(CapturedOutput output) {
    Member admin = BackOfficeApi.enrolAndSignIn(http(), ADMIN);
    Member operator = BackOfficeApi.invite(admin, http(), "kyc-operator");
    Member supervisor = BackOfficeApi.invite(admin, http(), "kyc-supervisor");
    Member other = BackOfficeApi.invite(admin, http(), "kyc-supervisor");
    String surname = marker("surname");
    KycApi user = BackOfficeApi.submittedPerson(http(), surname);
    Subject subject = subjects.forAccount(user.accountId()).orElseThrow();
    UUID caseId = checks.caseOf(subject.ref()).orElseThrow().caseId();
    List<String> reasons = new ArrayList<>();

    JsonNode view = operator.http().get("/api/v1/checks/cases/" + caseId).json();
    UUID document = task(view, "id-document");
    UUID screening = task(view, "sanctions-screening");
    UUID residence = task(view, "residence-confirmation");
    String documentReason = marker("documentreason") + " " + surname;
    reasons.add(documentReason);
    pass(operator, document, documentReason);
    String screeningReason = marker("screeningreason");
    reasons.add(screeningReason);
    operator.http().postJson("/api/v1/checks/tasks/" + screening + "/claim", "");
    complete(operator, screening, "passed", screeningReason, true, false);
    String note = marker("note");
    reasons.add(note);
    supervisor
        .http()
        .postJson(
            "/api/v1/checks/tasks/" + screening + "/send-back",
            "{\"note\":" + Http.jsonString(note) + "}");
    String again = marker("againreason");
    reasons.add(again);
    operator.http().postJson("/api/v1/checks/tasks/" + screening + "/claim", "");
    complete(operator, screening, "passed", again, false, true);
    assertThat(other.http().postJson("/api/v1/checks/tasks/" + screening + "/approve", "").status())
        .isEqualTo(200);
    String residenceReason = marker("residencereason");
    reasons.add(residenceReason);
    pass(supervisor, residence, residenceReason);
    String decisionReason = marker("decisionreason");
    reasons.add(decisionReason);
    assertThat(decide(operator, caseId, "approve", decisionReason).status()).isEqualTo(200);
    assertThat(user.http.postJson("/api/v1/me/kyc-key", "").status()).isEqualTo(201);
    assertThat(user.http.postJson("/api/v1/me/kyc-key", "").status()).isEqualTo(201);

    String ref = subject.ref().value();
    BackOfficeApi.awaitRecorded(
        node,
        ref,
        "register",
        "record-check",
        "record-check",
        "record-check",
        "record-check",
        "record-key",
        "record-key");

    List<LedgerScan.Recorded> backOffice =
        LedgerScan.mentioning(node, ref).stream()
            .filter(r -> !r.method().equals(KycRegistry.REGISTER))
            .toList();
    List<String> pseudonyms = new ArrayList<>();
    for (LedgerScan.Recorded record : backOffice) {
      byte[] args = record.transaction().body().args();
      if (record.method().equals(KycRegistry.RECORD_CHECK)) {
        List<byte[]> fields = Args.decode(args, 5);
        assertThat(new String(fields.get(0), java.nio.charset.StandardCharsets.US_ASCII))
            .isEqualTo(ref);
        String pseudonym = new String(fields.get(3), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(pseudonym).matches(PSEUDONYM);
        pseudonyms.add(pseudonym);
        assertThat(fields.get(4)).hasSize(8);
      } else {
        List<byte[]> fields = Args.decode(args, 3);
        assertThat(fields.get(1)).hasSize(32);
        assertThat(fields.get(2)).hasSize(8);
      }
    }
    assertThat(pseudonyms).as("the operator, the supervisor for residence, the decider").hasSize(4);
    assertThat(pseudonyms.get(0)).isEqualTo(pseudonyms.get(1)).isEqualTo(pseudonyms.get(3));
    assertThat(pseudonyms.get(2)).isNotEqualTo(pseudonyms.get(0));

    List<String> secrets = new ArrayList<>(reasons);
    secrets.addAll(
        List.of(
            surname,
            user.email,
            admin.email(),
            operator.email(),
            supervisor.email(),
            other.email(),
            operator.accountId().toString(),
            supervisor.accountId().toString(),
            other.accountId().toString(),
            user.accountId().toString(),
            subject.id().toString(),
            caseId.toString(),
            document.toString(),
            screening.toString(),
            residence.toString()));
    for (String secret : secrets) {
      assertThat(LedgerScan.mentioning(node, secret)).as("ledger mentions %s", secret).isEmpty();
    }
    for (String reason : reasons) {
      assertThat(DataDirectory.filesContaining(dataDir, reason))
          .as("files with %s", reason)
          .isEmpty();
      assertThat(output.getAll()).as("the log").doesNotContain(reason);
    }
    assertThat(output.getAll()).doesNotContain(surname, user.email, operator.email());
    assertThat(DataDirectory.filesContaining(dataDir, pseudonyms.get(0)))
        .as("control: the pseudonym is on the ledger, and the search finds it there")
        .anySatisfy(file -> assertThat(file.toString()).doesNotContain("/db/"));
  }
}

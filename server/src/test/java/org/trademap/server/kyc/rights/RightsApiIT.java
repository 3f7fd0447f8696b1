package org.trademap.server.kyc.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.contracts.kyc.KycRegistryEvent;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.server.kyc.KycFiles;
import org.trademap.server.ledgergateway.LedgerGateway;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.Problems;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import tools.jackson.databind.JsonNode;

/**
 * The rights of the person over real HTTP: the export, the correction that updates the ledger's
 * commitment, and the erasure of a file that was never submitted (the retention period is tested in
 * {@link ErasureRetentionIT}).
 */
class RightsApiIT extends RunningServer {
  @Autowired DataSource dataSource;
  @Autowired KycFiles files;
  @Autowired LedgerGateway ledger;

  // --- export -------------------------------------------------------------------------------

  @Test
  void theExportHoldsWhatWasEnteredAndNothingOfAnotherAccount() {
    RightsFixture.Person ann = RightsFixture.person(http());
    RightsFixture.Person bob = RightsFixture.person(http());
    String annName = RightsFixture.marker("Exportann");
    String bobName = RightsFixture.marker("Exportbob");
    RightsFixture.putProfile(ann.client(), annName, "Engineer");
    RightsFixture.consent(ann.client(), "terms");
    RightsFixture.consent(ann.client(), "audio-recording");
    Http.Response withdrawn =
        ann.client()
            .send("DELETE", "/api/v1/me/consents/audio-recording", "text/plain", new byte[0]);
    assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
    String documentId = RightsFixture.uploadPassport(ann.client());
    RightsFixture.putProfile(bob.client(), bobName, "Baker");
    RightsFixture.consent(bob.client(), "terms");
    RightsFixture.uploadPassport(bob.client());

    Http.Response response = ann.client().get("/api/v1/me/export");

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.header("Content-Disposition").orElseThrow())
        .startsWith("attachment")
        .contains("trademap-personal-data-");
    assertThat(response.header("Cache-Control").orElseThrow()).contains("no-store");
    JsonNode export = response.json();
    assertThat(export.path("format").asString()).isEqualTo(DataExport.FORMAT);
    assertThat(export.path("account").path("email").asString()).isEqualTo(ann.email());
    assertThat(export.path("account").path("kind").asString()).isEqualTo("person");
    assertThat(export.path("account").path("emailVerifiedAt").isMissingNode()).isFalse();
    JsonNode person = export.path("kycFile").path("parts").path("person");
    assertThat(person.path("revision").asInt()).isEqualTo(1);
    assertThat(person.path("data").path("surname").asString()).isEqualTo(annName);
    assertThat(person.path("data").path("domicile").path("town").asString()).isEqualTo("Zürich");
    List<JsonNode> consents = export.path("consents").valueStream().toList();
    assertThat(consents)
        .extracting(c -> c.path("kind").asString())
        .containsExactly("terms", "audio-recording");
    assertThat(consents).allMatch(c -> "v1".equals(c.path("version").asString()));
    assertThat(consents.get(0).has("withdrawnAt")).isFalse();
    assertThat(consents.get(1).has("withdrawnAt")).isTrue();
    JsonNode document = export.path("documents").get(0);
    assertThat(export.path("documents").size()).isEqualTo(1);
    assertThat(document.path("id").asString()).isEqualTo(documentId);
    byte[] content = Base64.getDecoder().decode(document.path("contentBase64").asString());
    assertThat(content).hasSize(document.path("size").asInt()).startsWith(0xFF, 0xD8);
    assertThat(export.path("ledger").path("subjectRef").asString()).isNotEmpty();
    assertThat(export.path("ledger").path("transactions").size()).isZero();
    assertThat(export.path("relationship").has("startedAt")).isFalse();
    // Nothing of the other account, and no secrets.
    assertThat(response.body())
        .doesNotContain(bobName)
        .doesNotContain(bob.email())
        .doesNotContain("passwordHash")
        .doesNotContain("$argon2");
  }

  @Test
  void theExportNeedsABearerToken() {
    Problems.assertProblem(http().get("/api/v1/me/export"), 401, "auth.required");
  }

  // --- correction ---------------------------------------------------------------------------

  @Test
  void aCorrectionAfterTheSubmissionUpdatesTheCommitmentOnceAndAsksForNewChecks() {
    RightsFixture.Person ann = RightsFixture.person(http());
    String surname = RightsFixture.marker("Correct");
    RightsFixture.submitted(ann.client(), surname);
    JsonNode before = ann.client().get("/api/v1/me").json();
    assertThat(before.path("recheckRequired").asBoolean()).isFalse();
    String subjectRef =
        ann.client().get("/api/v1/me/export").json().path("ledger").path("subjectRef").asString();

    RightsFixture.putProfile(ann.client(), surname, "Architect");
    // The same data again is no correction.
    RightsFixture.putProfile(ann.client(), surname, "Architect");

    JsonNode after = RightsFixture.recorded(ann.client(), 2);
    assertThat(after.path("revision").asInt()).isEqualTo(2);
    assertThat(after.path("recheckRequired").asBoolean()).isTrue();
    JsonNode update = after.path("submission").path("ledger").get(1);
    assertThat(update.path("method").asString()).isEqualTo("update-commitment");
    assertThat(update.path("revision").asInt()).isEqualTo(2);
    JsonNode tx =
        http()
            .get("/api/v1/ledger/transactions/" + update.path("ledger").path("txId").asString())
            .json();
    assertThat(tx.path("code").asString()).isEqualTo("OK");
    JsonNode event = tx.path("events").get(0);
    KycRegistryEvent.CommitmentUpdated updated =
        (KycRegistryEvent.CommitmentUpdated)
            KycRegistryEvent.decode(
                    event.path("name").asString(),
                    Base64.getDecoder().decode(event.path("dataBase64").asString()))
                .orElseThrow();
    assertThat(updated.subjectRef()).isEqualTo(subjectRef);
    assertThat(updated.revision()).isEqualTo(2);
    assertThat(updated.current()).isNotEqualTo(updated.previous());
    assertThat(updateCommitments(subjectRef)).isEqualTo(1);
  }

  /** How many update-commitment transactions of the subject the ledger holds. */
  private long updateCommitments(String subjectRef) {
    byte[] ref = subjectRef.getBytes(StandardCharsets.UTF_8);
    long count = 0;
    for (long height = 1; height <= ledger.status().height(); height++) {
      Block block = ledger.block(height).orElseThrow();
      for (SignedTransaction tx : block.transactions()) {
        if (tx.body().method().equals(KycRegistry.UPDATE_COMMITMENT)
            && ErasureChecks.contains(tx.body().args(), ref)) {
          count++;
        }
      }
    }
    return count;
  }

  // --- erasure ------------------------------------------------------------------------------

  @Test
  void aNeverSubmittedAccountIsErasedAtOnceAndItsAddressCanSignUpAgain() {
    RightsFixture.Person ann = RightsFixture.person(http());
    String name = RightsFixture.marker("Draftonly");
    RightsFixture.putProfile(ann.client(), name, "Engineer");
    RightsFixture.uploadPassport(ann.client());
    UUID account = RightsFixture.accountId(ann.client());
    JsonNode relationship = ann.client().get("/api/v1/me/relationship").json();
    assertThat(relationship.path("status").asString()).isEqualTo("none");
    assertThat(relationship.path("erasure").path("allowed").asBoolean()).isTrue();
    Problems.assertProblem(
        ann.client().postJson("/api/v1/me/relationship/end", ""), 409, "relationship.not-started");

    Http.Response erased = ann.client().postJson("/api/v1/me/erasure", "");

    assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
    new ErasureChecks(http(), dataSource, files, dataDir).assertErased(ann, account, name);
    assertThat(
            TestAccounts.signUpRequest(http(), "person", ann.email(), TestAccounts.PASSWORD)
                .status())
        .isEqualTo(202);
  }
}

package org.trademap.server.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.server.onboarding.AddressForm;
import org.trademap.server.onboarding.LegalEntityForm;
import org.trademap.server.onboarding.PersonalForm;
import org.trademap.server.testing.DataDirectory;
import org.trademap.server.testing.LedgerScan;
import org.trademap.server.testing.RunningServer;

/**
 * No personal data, document number or stable customer identifier reaches the ledger: a person and
 * a company whose names, email address, occupation and register number are unique markers are
 * registered through the API, and then no file under the data directory (Raft log, ledger state,
 * snapshots, genesis, node key, and the H2 database, which must hold only ciphertext) contains any
 * marker in UTF-8 or UTF-16. Controls show the search would find them: the subject reference (which
 * is on the ledger) is found in the ledger's files, and the account's login address (which the
 * account table keeps in plaintext) in the database file.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoPersonalDataOnLedgerIT extends RunningServer {

  @Autowired LedgerNode node;
  @Autowired Subjects subjects;

  private static String marker(String what) {
    return "Zq" + what + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  @Test
  void noFileUnderTheDataDirectoryHoldsTheRegisteredPersonalData(CapturedOutput output) {
    List<String> markers = new ArrayList<>();
    String surname = marker("surname");
    String givenNames = marker("given");
    String email = marker("mail").toLowerCase(Locale.ROOT) + "@example.net";
    String occupation = marker("occupation");
    String companyName = marker("company") + " AG";
    String registerNumber = "HRB " + marker("register").toUpperCase(Locale.ROOT);
    String ownerSurname = marker("owner");
    markers.addAll(
        List.of(surname, givenNames, email, occupation, companyName, registerNumber, ownerSurname));

    KycApi ann = KycApi.signUp(http(), "person");
    PersonalForm person = KycForms.person(surname, givenNames, email);
    ann.saveProfile(
        Map.of(
            "person",
            new PersonalForm(
                person.surname(),
                person.givenNames(),
                person.dateOfBirth(),
                person.nationality(),
                person.domicile(),
                occupation,
                person.phone(),
                person.email())));
    ann.giveRequiredConsents();
    ann.uploadRequiredDocuments();
    assertThat(ann.submit().status()).isEqualTo(201);

    KycApi acme = KycApi.signUp(http(), "legal-entity");
    acme.saveProfile(
        new ProfileForm(
            KycForms.person(surname, givenNames, email),
            new LegalEntityForm(
                companyName,
                registerNumber,
                new AddressForm("Unter den Linden 1", "10117", "Berlin", "DE"),
                "SOLE_SIGNATURE"),
            KycForms.formA(KycForms.owner(ownerSurname, givenNames, "1960-01-31"))));
    acme.giveRequiredConsents();
    acme.uploadRequiredDocuments();
    assertThat(acme.submit().status()).isEqualTo(201);

    ann.awaitRegistered();
    acme.awaitRegistered();

    for (String marker : markers) {
      assertThat(filesContaining(marker)).as("files containing %s", marker).isEmpty();
      assertThat(output.getAll()).as("the log").doesNotContain(marker);
      assertThat(LedgerScan.mentioning(node, marker)).isEmpty();
    }
    for (KycApi account : List.of(ann, acme)) {
      Subject subject = subjects.forAccount(account.accountId()).orElseThrow();
      for (String identifier : List.of(subject.id().toString(), subject.accountId().toString())) {
        assertThat(filesContaining(identifier))
            .as("stable customer identifiers stay in the database")
            .allSatisfy(file -> assertThat(file.toString()).contains("/db/"));
        assertThat(LedgerScan.mentioning(node, identifier)).isEmpty();
      }
      assertThat(LedgerScan.mentioning(node, subject.ref().value()))
          .extracting(LedgerScan.Recorded::method)
          .containsExactly("register");
      assertThat(filesContaining(subject.ref().value()))
          .as("control: the reference is on the ledger, and the search finds it there")
          .anySatisfy(file -> assertThat(file.toString()).doesNotContain("/db/"));
      assertThat(filesContaining(account.email))
          .as("control: the login address is in the account table, and the search finds it")
          .anySatisfy(file -> assertThat(file.toString()).contains("/db/"));
    }
  }

  private List<Path> filesContaining(String text) {
    return DataDirectory.filesContaining(dataDir, text);
  }
}

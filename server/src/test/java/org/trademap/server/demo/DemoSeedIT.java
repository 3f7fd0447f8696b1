package org.trademap.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.trademap.server.demo.SeededAccounts.signedIn;
import static org.trademap.server.demo.SeededAccounts.steps;
import static org.trademap.server.demo.SeededAccounts.strings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.RunningServer;
import org.trademap.server.testing.TestAccounts;
import org.trademap.server.testing.TotpCodes;
import tools.jackson.databind.JsonNode;

/**
 * The embedded default on a fresh data directory seeds a person and a company part-way through
 * onboarding and writes their credentials to a file the start-up log names. ({@link RunningServer}
 * turns seeding off for every other test; this one turns it on as {@code bin/trademap start} has
 * it.)
 */
@TestPropertySource(properties = "trademap.demo.seed=true")
@ExtendWith(OutputCaptureExtension.class)
class DemoSeedIT extends RunningServer {

  private Path credentialsFile() {
    return dataDir.resolve("demo-credentials.txt");
  }

  @Test
  void theCredentialsFileIsInTheDataDirectoryReadableByItsOwnerOnly() throws IOException {
    assertThat(credentialsFile()).isRegularFile();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentialsFile())))
        .isEqualTo("rw-------");
    assertThat(dataDir.resolve("demo-seed.marker")).isRegularFile();
    assertThat(Files.readString(credentialsFile()))
        .contains("Sign in at http://localhost:8080/login")
        .contains("Person (natural person)", "Company (legal entity)")
        .contains("Back office: administrator", "Back office: KYC operator", "TOTP key:");
  }

  @Test
  void theBackOfficeHoldsDemoCasesApprovedWaitingForTheSupervisorAndAskingForInformation() {
    SeededAccounts seeded = SeededAccounts.readFrom(dataDir);

    JsonNode approved =
        signedIn(http(), seeded.titled("Person with an approved KYC file"))
            .get("/api/v1/me/checks")
            .json();
    assertThat(approved.get("state").asString()).isEqualTo("approved");
    assertThat(approved.get("keyAvailable").asBoolean()).isTrue();
    assertThat(approved.get("checks").valueStream().map(c -> c.get("status").asString()))
        .containsOnly("passed");

    JsonNode asked =
        signedIn(http(), seeded.titled("Person asked for more information"))
            .get("/api/v1/me/checks")
            .json();
    assertThat(asked.get("state").asString()).isEqualTo("needs-information");
    assertThat(asked.get("decisionReason").asString()).isEqualTo(DemoCases.MORE_INFORMATION);

    JsonNode waiting =
        signedIn(http(), seeded.titled("Person whose case waits for the supervisor"))
            .get("/api/v1/me/checks")
            .json();
    assertThat(waiting.get("state").asString()).isEqualTo("in-review");

    // The supervisor sees its screening at /api/v1/checks/approvals: see the staff test below.
  }

  @Test
  void thePersonSignsInWithVerifiedEmailPersonalDataAndSomeConsents() {
    Http person = signedIn(http(), SeededAccounts.readFrom(dataDir).person());

    JsonNode me = person.get("/api/v1/me").json();
    assertThat(me.get("kind").asString()).isEqualTo("person");
    assertThat(me.get("status").asString()).isEqualTo("draft");
    assertThat(steps(me))
        .containsOnly(
            entry("account", "done"),
            entry("email", "done"),
            entry("personal-data", "done"),
            entry("documents", "not-started"),
            entry("consents", "in-progress"),
            entry("video-identification", "not-started"),
            entry("checks", "not-started"),
            entry("approval", "not-started"));
    assertThat(strings(me.get("missing")))
        .contains("consent.video-identification", "consent.audio-recording")
        .doesNotContain("profile.person", "consent.terms", "consent.data-processing");

    JsonNode profile = person.get("/api/v1/me/profile").json();
    assertThat(profile.get("person").get("surname").asString()).isEqualTo("Eriksson");
    assertThat(profile.get("person").get("givenNames").asString()).isEqualTo("Anna Maria");
    assertThat(currentConsents(person)).containsExactlyInAnyOrder("terms", "data-processing");
    assertThat(person.get("/api/v1/me/documents").json().get("documents").valueStream()).isEmpty();
  }

  @Test
  void theCompanySignsInWithItsDataTwoOwnersAPassportPageAndMostConsents() {
    Http company = signedIn(http(), SeededAccounts.readFrom(dataDir).company());

    JsonNode me = company.get("/api/v1/me").json();
    assertThat(me.get("kind").asString()).isEqualTo("legal-entity");
    assertThat(me.get("status").asString()).isEqualTo("draft");
    assertThat(steps(me))
        .contains(
            entry("account", "done"),
            entry("email", "done"),
            entry("personal-data", "done"),
            entry("beneficial-owners", "done"),
            entry("consents", "in-progress"),
            entry("video-identification", "not-started"),
            entry("checks", "not-started"),
            entry("approval", "not-started"));
    assertThat(strings(me.get("missing")))
        .contains("consent.audio-recording")
        .doesNotContain(
            "profile.person",
            "profile.entity",
            "profile.beneficial-owners",
            "consent.terms",
            "consent.data-processing",
            "consent.video-identification");

    JsonNode profile = company.get("/api/v1/me/profile").json();
    assertThat(profile.get("entity").get("name").asString()).isEqualTo("Muster Demo AG");
    assertThat(profile.get("person").get("surname").asString()).isEqualTo("Mustermann");
    assertThat(profile.get("beneficialOwners").get("form").asString()).isEqualTo("K");
    assertThat(profile.get("beneficialOwners").get("owners").valueStream()).hasSize(2);
    assertThat(currentConsents(company))
        .containsExactlyInAnyOrder("terms", "data-processing", "video-identification");

    JsonNode documents = company.get("/api/v1/me/documents").json();
    assertThat(documents.get("documents").valueStream())
        .singleElement()
        .satisfies(d -> assertThat(d.get("kind").asString()).isEqualTo("passport-page"));
    assertThat(documents.get("identityProven").asBoolean()).isTrue();
    assertThat(documents.get("complete").asBoolean()).isFalse();
  }

  @Test
  void theBackOfficeStaffSignInWithTheirKeyAndTheSubmittedCaseWaitsInTheQueue() {
    SeededAccounts accounts = SeededAccounts.readFrom(dataDir);
    SeededAccounts.Credentials supervisor = accounts.supervisor();
    String key = java.util.Objects.requireNonNull(supervisor.totpKey());
    assertThat(
            TestAccounts.loginRequest(http(), supervisor.email(), supervisor.password(), null)
                .json()
                .get("code")
                .asString())
        .isEqualTo("auth.totp-required");

    Http.Response login =
        TestAccounts.loginRequest(
            http(),
            supervisor.email(),
            supervisor.password(),
            TotpCodes.code(key, java.time.Instant.now(), 1));
    assertThat(login.status()).as(login.toString()).isEqualTo(201);
    Http staff = http().withBearer(login.json().get("token").asString());
    assertThat(staff.get("/api/v1/me/session").json().get("role").asString())
        .isEqualTo("kyc-supervisor");
    assertThat(
            staff
                .get("/api/v1/checks/approvals")
                .json()
                .get("tasks")
                .valueStream()
                .map(t -> t.get("process").asString()))
        .as("the demo case waiting for four eyes")
        .containsExactly("sanctions-screening");
    assertThat(
            staff.get("/api/v1/checks/queue?process=id-document").json().get("tasks").valueStream())
        .singleElement()
        .satisfies(t -> assertThat(t.get("state").asString()).isEqualTo("open"));
    assertThat(accounts.administrator().totpKey()).isNotBlank();
    assertThat(accounts.person().totpKey()).isNull();

    JsonNode me = signedIn(http(), accounts.submitted()).get("/api/v1/me").json();
    assertThat(me.get("status").asString()).isIn("submitted", "registered");
    assertThat(steps(me))
        .contains(entry("checks", "in-progress"), entry("approval", "not-started"));
  }

  @Test
  void theStartUpLogNamesTheFileAndNoCredentials(CapturedOutput output) {
    SeededAccounts accounts = SeededAccounts.readFrom(dataDir);
    String logged = output.getAll();
    assertThat(logged.lines().filter(l -> l.contains("demo-credentials.txt")))
        .singleElement()
        .satisfies(l -> assertThat(l).contains(credentialsFile().toAbsolutePath().toString()));
    assertThat(accounts.all()).hasSize(11);
    for (SeededAccounts.Credentials account : accounts.all().values()) {
      assertThat(logged).doesNotContain(account.password(), account.email());
    }
    assertThat(logged).doesNotContain("Eriksson", "Mustermann", "Beispiel", "Exempel", "Probe");
  }

  private static java.util.List<String> currentConsents(Http account) {
    return account
        .get("/api/v1/me/consents")
        .json()
        .get("consents")
        .valueStream()
        .filter(c -> c.get("current").asBoolean())
        .map(c -> c.get("kind").asString())
        .toList();
  }
}
